-- grain: one row per percentage change printed in the annual report for $year
-- used by: jaaroverzicht ("Gepubliceerd tegenover berekend"), reconciliation test
-- The computed change is rounded half away from zero to whole percents, as the report does;
-- a printed change that differs from it (the report calls the prevention change -3 % in the
-- text and -4 % in its table) is flagged.
WITH printed AS (
    SELECT * FROM stg_published_changes
    WHERE year = $year AND measure NOT LIKE 'overview.%'
),

now AS (
    SELECT * FROM mart_annual_measures
    WHERE year = $year
),

previous AS (
    SELECT * FROM mart_annual_measures
    WHERE year = $year - 1
),

computed AS (
    SELECT
        printed.measure,
        printed.printed_in,
        printed.quote,
        printed.change_pct_printed,
        previous.value AS previous_value,
        now.value,
        100.0 * (now.value - previous.value) / nullif(previous.value, 0) AS change_pct
    FROM printed
    LEFT JOIN now ON printed.measure = now.measure
    LEFT JOIN previous ON printed.measure = previous.measure
)

SELECT
    computed.measure,
    coalesce(labels.label_nl, computed.measure) AS label_nl,
    computed.printed_in,
    computed.quote,
    computed.previous_value,
    computed.value,
    computed.change_pct_printed,
    computed.change_pct,
    -- DuckDB rounds half away from zero, like the report (-3,5 % is printed as -4 %)
    cast(round(computed.change_pct) AS INTEGER) AS change_pct_rounded,
    CASE
        WHEN computed.change_pct IS NULL THEN 'niet in de gegevens'
        WHEN round(computed.change_pct) = computed.change_pct_printed THEN 'gelijk'
        ELSE 'verschil'
    END AS status
FROM computed
LEFT JOIN stg_measure_labels AS labels ON computed.measure = labels.measure
ORDER BY computed.measure, computed.printed_in
