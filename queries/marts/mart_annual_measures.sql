-- grain: one row per year x measure (the vocabulary of data/reference/published-2025-report.csv)
-- used by: reports annual_measures and published_vs_computed (jaaroverzicht, figures command)
-- Definitions follow the annual report: cases count by the year they were opened, contacts by
-- the year they took place, mediation requests by the year they were received (see
-- mart_period_measures, which also counts every year up to the last data day's date).
SELECT
    year,
    measure,
    value
FROM mart_period_measures
WHERE period = 'year'
