-- grain: one row per year with imported annual figures
-- used by: gegevens (what the annual-figures imports hold)
SELECT
    year,
    count(*) AS figures,
    count(*) FILTER (WHERE status = 'verschil') AS differing
FROM mart_measures_by_source
WHERE is_imported
GROUP BY year
ORDER BY year
