-- grain: one row per export table
-- used by: report data_status (/gegevens)
SELECT
    'cases' AS table_name,
    'zaken' AS table_nl,
    count(*) AS row_count,
    min(opened_date) AS first_date,
    max(opened_date) AS last_date
FROM stg_cases
UNION ALL
SELECT
    'children',
    'kinderen',
    count(*),
    min(c.opened_date),
    max(c.opened_date)
FROM stg_children AS ch
INNER JOIN stg_cases AS c ON ch.case_id = c.case_id
UNION ALL
SELECT
    'contacts',
    'contactmomenten',
    count(*),
    min(contact_date),
    max(contact_date)
FROM stg_contacts
UNION ALL
SELECT
    'mediations',
    'mediationverzoeken',
    count(*),
    min(received_date),
    max(received_date)
FROM stg_mediations
