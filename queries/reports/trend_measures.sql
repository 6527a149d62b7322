-- grain: one row per year x measure, every year the data or an imported annual report covers
-- used by: trends page (key figures over the years, any measure of the vocabulary)
-- A year the export covers shows the computed value ('gegevens'); a year only an annual
-- report covers shows its published value ('jaarverslag'); where both exist and differ the
-- row says 'verschil' and carries both. The running year is marked partial: a count to date.
-- `definition_changed_year`: the first year of a new registration (codes, Lijn 1/Lijn 2) for a
-- measure that registration touches; the page marks it instead of drawing one line through.
WITH measures AS (
    SELECT * FROM mart_measures_by_source
),

eras AS (
    SELECT * FROM stg_registration_eras
),

-- the name a measure has on /jaaroverzicht, so the measure search finds it by that too
headlines AS (
    SELECT * FROM stg_annual_headline_layout
),

-- every era but the first begins a new definition
changes AS (
    SELECT
        first_year AS definition_changed_year,
        era_nl AS definition_change_nl
    FROM eras
    QUALIFY first_year > min(first_year) OVER ()
)

SELECT
    measures.year,
    measures.measure,
    measures.label_nl,
    measures.section,
    measures.section_nl,
    measures.definition_nl,
    headlines.tile_label AS headline_label_nl,
    measures.value,
    measures.source,
    -- how the shown value came about: computed, published only, or computed for a year not over
    CASE
        WHEN measures.source = 'jaarverslag' THEN 'jaarverslag'
        WHEN measures.is_partial_year THEN 'lopend'
        ELSE 'gegevens'
    END AS kind,
    measures.computed_value,
    measures.published_value,
    measures.published_source,
    measures.difference,
    measures.status,
    measures.is_imported,
    measures.year_in_data,
    measures.is_partial_year,
    changes.definition_changed_year,
    changes.definition_change_nl
FROM measures
LEFT JOIN changes ON measures.registration_sensitive
LEFT JOIN headlines ON measures.measure = headlines.measure
WHERE measures.value IS NOT NULL
ORDER BY measures.measure, measures.year
