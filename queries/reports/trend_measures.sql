-- grain: one row per year x measure, every year the data or an imported annual report covers
-- used by: trends page (key figures over the years, any measure of the vocabulary)
-- A year the export covers shows the computed value ('gegevens'); a year only an annual
-- report covers shows its published value ('jaarverslag'); where both exist and differ the
-- row says 'verschil' and carries both. The running year is marked partial: a count to date.
SELECT
    year,
    measure,
    label_nl,
    section,
    section_nl,
    value,
    source,
    -- how the shown value came about: computed, published only, or computed for a year not over
    CASE
        WHEN source = 'jaarverslag' THEN 'jaarverslag'
        WHEN is_partial_year THEN 'lopend'
        ELSE 'gegevens'
    END AS kind,
    computed_value,
    published_value,
    difference,
    status,
    is_imported,
    year_in_data,
    is_partial_year
FROM mart_measures_by_source
WHERE value IS NOT NULL
ORDER BY measure, year
