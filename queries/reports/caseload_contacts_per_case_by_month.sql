-- grain: one row per month of $period_start..$period_end x line, with the same month a year
-- earlier
-- used by: caseload (contacts per case: how intensive the work is)
-- Contacts per case = contacts in the month / cases with at least one contact in that month;
-- empty for the running month (contacts and cases_with_contact still count up to data_until).
-- Filters as caseload_contacts_by_month ($party: the person the contact was with).
WITH month_lines AS (
    SELECT * FROM mart_caseload_month_lines
    WHERE month BETWEEN $period_start AND $period_end AND ($line = 0 OR line = $line)
),

per_month AS (
    SELECT
        contact_month AS month,
        line,
        count(*) AS contacts,
        count(DISTINCT case_id) AS cases_with_contact
    FROM mart_contacts
    WHERE
        ($category = 'alle' OR category_code = $category)
        AND (
            $party = 'alle'
            OR (person_type = 'parent') = ($party = 'parent')
        )
    GROUP BY ALL
)

SELECT
    month_lines.month,
    month_lines.line,
    month_lines.line_nl,
    month_lines.is_complete,
    cast(coalesce(now.contacts, 0) AS INTEGER) AS contacts,
    cast(coalesce(now.cases_with_contact, 0) AS INTEGER) AS cases_with_contact,
    -- no ratio for the running month: in part of a month a case has had fewer days for a
    -- repeat contact, so the ratio drops without the work getting lighter
    CASE
        WHEN month_lines.is_complete THEN now.contacts / nullif(now.cases_with_contact, 0)
    END AS contacts_per_case,
    previous.contacts / nullif(previous.cases_with_contact, 0) AS contacts_per_case_year_before
FROM month_lines
LEFT JOIN per_month AS now ON month_lines.month = now.month AND month_lines.line = now.line
LEFT JOIN per_month AS previous
    ON month_lines.month - INTERVAL 1 YEAR = previous.month AND month_lines.line = previous.line
ORDER BY month_lines.line, month_lines.month
