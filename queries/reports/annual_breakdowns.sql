-- grain: one row per breakdown x item x series x unit, for $year and the year before
-- used by: jaaroverzicht (the report's breakdown charts and tables)
-- Layout in data/reference/annual-breakdowns.csv. Every value is a measure of
-- mart_annual_measures, so each chart bar is the same number the
-- reconciliation test compares with the annual report. $period: 'year' (whole years) or
-- 'to_date' (both years up to the calendar day of the last data day, mart_year_to_date).
WITH layout AS (
    SELECT * FROM stg_annual_breakdown_layout
)

SELECT
    layout.breakdown_order,
    layout.breakdown,
    layout.breakdown_nl,
    layout.counts_nl,
    layout.measure,
    layout.item_nl,
    layout.series_nl,
    layout.unit_nl,
    layout.sort_order,
    coalesce(now.value, 0) AS value,
    previous.value AS previous_value
FROM layout
LEFT JOIN mart_period_measures AS now
    ON layout.measure = now.measure AND now.year = $year AND now.period = $period
LEFT JOIN mart_period_measures AS previous
    ON layout.measure = previous.measure AND previous.year = $year - 1 AND previous.period = $period
ORDER BY layout.breakdown_order, layout.sort_order
