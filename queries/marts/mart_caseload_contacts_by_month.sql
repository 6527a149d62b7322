-- grain: one row per month x line x category x channel x person type (only non-zero rows)
-- used by: caseload (contacts per month by line, channel and person type)
-- contact_party groups the person types as the annual report does: parents, and third
-- parties (family or acquaintances, professionals).
SELECT
    contact_month AS month,
    line,
    category_code,
    channel,
    person_type,
    CASE WHEN person_type = 'parent' THEN 'parent' ELSE 'third_party' END AS contact_party,
    count(*) AS contacts
FROM mart_contacts
GROUP BY ALL
