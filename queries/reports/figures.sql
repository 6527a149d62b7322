-- grain: one row per measure of the published vocabulary that the data answers, for one year
-- used by: the figures command (iko-dashboard figures --year YYYY)
WITH vocabulary AS (
    SELECT DISTINCT measure FROM stg_published_figures
)

SELECT
    computed.measure,
    computed.value
FROM mart_annual_measures AS computed
INNER JOIN vocabulary ON computed.measure = vocabulary.measure
WHERE computed.year = $year
ORDER BY computed.measure
