-- grain: one row per published measure for one year
-- used by: jaaroverzicht ("Gepubliceerd tegenover berekend"), reconciliation test
-- Every published number beside the number the data gives, so a printed mistake is seen
-- before it is printed again. A measure the export cannot answer (e.g. how many new mediators
-- joined) says so instead of showing a number.
SELECT
    published.measure,
    coalesce(labels.label_nl, published.measure) AS label_nl,
    published.section,
    published.section_nl,
    published.published_value,
    computed.value AS computed_value,
    computed.value - published.published_value AS difference,
    CASE
        WHEN computed.value IS NULL THEN 'niet in de gegevens'
        WHEN abs(computed.value - published.published_value) < 0.5 THEN 'gelijk'
        ELSE 'verschil'
    END AS status,
    published.note
FROM stg_published_figures AS published
LEFT JOIN mart_annual_measures AS computed
    ON published.year = computed.year AND published.measure = computed.measure
LEFT JOIN stg_measure_labels AS labels ON published.measure = labels.measure
WHERE published.year = $year
ORDER BY published.section, published.measure
