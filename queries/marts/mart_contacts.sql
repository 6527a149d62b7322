-- grain: one row per contact, with the line and code of its case
-- used by: annual measures, caseload
SELECT
    contacts.*,
    cases.line,
    cases.line_def2025,
    cases.category_code,
    cases.opened_year AS case_opened_year
FROM stg_contacts AS contacts
INNER JOIN stg_cases AS cases ON contacts.case_id = cases.case_id
