-- grain: one row per calendar day (see mart_calendar), with the Lijn 1 cases opened and
-- Lijn 1 contacts that day
-- used by: vakantiepieken (mart_line1_weekly, line1_* reports)
WITH calendar AS (
    SELECT * FROM mart_calendar
),

cases AS (
    SELECT
        opened_date AS day,
        count(*) AS cases
    FROM stg_cases
    WHERE line = 1
    GROUP BY opened_date
),

contacts AS (
    SELECT
        contact_date AS day,
        count(*) AS contacts
    FROM mart_contacts
    WHERE line = 1
    GROUP BY contact_date
)

SELECT
    calendar.*,
    cast(coalesce(cases.cases, 0) AS INTEGER) AS cases,
    cast(coalesce(contacts.contacts, 0) AS INTEGER) AS contacts
FROM calendar
LEFT JOIN cases ON calendar.day = cases.day
LEFT JOIN contacts ON calendar.day = contacts.day
