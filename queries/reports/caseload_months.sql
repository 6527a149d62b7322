-- grain: one row per calendar month in the export
-- used by: caseload (the period's month choices and its default)
SELECT
    month,
    year,
    month_number,
    closing_day,
    is_complete
FROM mart_caseload_months
ORDER BY month
