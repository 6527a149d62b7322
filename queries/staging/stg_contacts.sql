-- grain: one row per contact
-- used by: mart_contacts
SELECT
    contact_id,
    case_id,
    contact_date,
    cast(year(contact_date) AS INTEGER) AS contact_year,
    cast(date_trunc('month', contact_date) AS DATE) AS contact_month,
    channel,
    CASE channel
        WHEN 'phone' THEN 'telefoon'
        WHEN 'email' THEN 'e-mail'
        WHEN 'contact_form' THEN 'contactformulier'
    END AS channel_nl,
    person_type,
    CASE person_type
        WHEN 'parent' THEN 'ouder'
        WHEN 'family_acquaintance' THEN 'familie of kennis'
        WHEN 'professional' THEN 'professional'
    END AS person_type_nl
FROM src_contacts
