-- grain: one row per month x line x category x channel x person type (only non-zero rows)
-- used by: caseload (contacts per month by line, channel and person type)
-- contact_party groups the person types as the annual report does: parents, and third
-- parties (family or acquaintances, professionals).
-- contacts_to_date: on or before the calendar day of the last data day in that year
-- (mart_year_to_date), so the running month compares with the same days a year earlier.
SELECT
    contacts.contact_month AS month,
    contacts.line,
    contacts.category_code,
    contacts.channel,
    contacts.person_type,
    CASE WHEN contacts.person_type = 'parent' THEN 'parent' ELSE 'third_party' END
        AS contact_party,
    count(*) AS contacts,
    count_if(contacts.contact_date <= cut_off.period_end) AS contacts_to_date
FROM mart_contacts AS contacts
LEFT JOIN mart_year_to_date AS cut_off ON contacts.contact_year = cut_off.year
GROUP BY ALL
