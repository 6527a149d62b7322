-- grain: one row per year of the data x measure, each year counted from 1 January up to the
-- calendar day of the last data day (mart_year_to_date), with the same period a year earlier
-- used by: trends (the running year beside the same period of earlier years)
-- Empty when the data reaches 31 December: then whole years compare as they are.
WITH measures AS (
    SELECT
        year,
        measure,
        value
    FROM mart_period_measures
    WHERE period = 'to_date'
),

cut_off AS (
    SELECT * FROM mart_year_to_date
    WHERE is_part_of_year
)

SELECT
    now.year,
    now.measure,
    coalesce(labels.label_nl, now.measure) AS label_nl,
    cut_off.period_end,
    cut_off.is_running_year,
    now.value,
    previous.value AS previous_value,
    100.0 * (now.value - previous.value) / nullif(previous.value, 0) AS change_pct
FROM measures AS now
INNER JOIN cut_off ON now.year = cut_off.year
LEFT JOIN measures AS previous ON now.measure = previous.measure AND now.year - 1 = previous.year
LEFT JOIN stg_measure_labels AS labels ON now.measure = labels.measure
ORDER BY now.measure, now.year
