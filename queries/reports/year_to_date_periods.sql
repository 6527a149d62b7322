-- grain: one row per calendar year of the data: 1 January up to and including the calendar
-- day of the last data day
-- used by: jaaroverzicht, trends, caseload (the labels of a same-period comparison)
SELECT
    year,
    period_start,
    period_end,
    is_running_year,
    is_part_of_year
FROM mart_year_to_date
ORDER BY year
