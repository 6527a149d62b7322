-- grain: one row per measure for one year
-- used by: figures command, jaaroverzicht
SELECT
    measure,
    value
FROM mart_annual_measures
WHERE year = $year
ORDER BY measure
