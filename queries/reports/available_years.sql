-- grain: one row per calendar year with cases in the data
-- used by: the year selector on every page
SELECT DISTINCT opened_year AS year
FROM stg_cases
ORDER BY year
