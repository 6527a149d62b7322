-- grain: one row per month of opening x line x category x contact party (only non-zero rows)
-- used by: caseload (new cases per month, Lijn 2 heatmap, a month's breakdown)
SELECT
    opened_month AS month,
    line,
    category_code,
    contact_party,
    count(*) AS cases
FROM stg_cases
GROUP BY ALL
