-- grain: one row per headline tile of the annual overview, for $year against the year before
-- used by: jaaroverzicht (tiles)
-- $period: 'year' compares whole years; 'to_date' compares both years from 1 January to the
-- calendar day of the last data day (mart_year_to_date), for a year that is still running.
WITH tiles AS (
    SELECT * FROM stg_annual_headline_layout
),

-- each measure's value in $year and in the year before, over the same $period
compared AS (
    SELECT
        measure,
        any_value(value) FILTER (WHERE year = $year) AS value,
        any_value(value) FILTER (WHERE year = $year - 1) AS previous_value
    FROM mart_period_measures
    WHERE period = $period AND year IN ($year, $year - 1)
    GROUP BY measure
)

SELECT
    tiles.sort_order,
    tiles.tile_group,
    tiles.measure,
    tiles.tile_label,
    labels.label_nl,
    compared.value,
    compared.previous_value,
    100.0 * (compared.value - compared.previous_value) / nullif(compared.previous_value, 0)
        AS change_pct
FROM tiles
LEFT JOIN compared ON tiles.measure = compared.measure
LEFT JOIN stg_measure_labels AS labels ON tiles.measure = labels.measure
ORDER BY tiles.sort_order
