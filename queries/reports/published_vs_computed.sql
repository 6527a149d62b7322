-- grain: one row per published measure for one year
-- used by: jaaroverzicht ("Gepubliceerd tegenover berekend"), reconciliation test
-- Every published number beside the number the data gives, so a printed mistake is seen
-- before it is printed again. A measure the export cannot answer (e.g. how many new mediators
-- joined) says so instead of showing a number.
SELECT
    measure,
    label_nl,
    section,
    section_nl,
    published_value,
    computed_value,
    difference,
    status,
    note
FROM mart_measures_by_source
WHERE year = $year AND published_value IS NOT NULL
ORDER BY section, measure
