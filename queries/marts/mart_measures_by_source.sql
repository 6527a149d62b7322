-- grain: one row per year x measure that the data computes or an annual report published
-- used by: reports published_vs_computed (jaaroverzicht, reconciliation test) and
--   trend_measures (trends page)
-- The computed value and the published value side by side, so every page that compares them
-- uses one rule. The value to show is the computed one where the export has it, else the
-- published one ('jaarverslag'): older annual reports extend a trend back before the export.
-- A computed and a published value that differ by half a unit or more are a 'verschil'.
WITH computed AS (
    SELECT
        year,
        measure,
        value
    FROM mart_annual_measures
),

published AS (
    SELECT
        year,
        measure,
        published_value,
        note,
        published_source,
        is_imported
    FROM stg_published_figures
),

-- a measure's section as the latest annual report that printed it places it
sections AS (
    SELECT
        measure,
        arg_max(section, year) AS section,
        arg_max(section_nl, year) AS section_nl
    FROM stg_published_figures
    GROUP BY measure
),

meta AS (
    SELECT max(data_until) AS data_until FROM stg_export_meta
),

-- years the export covers, and whether it covers them to their last day
data_years AS (
    SELECT
        computed.year,
        any_value(meta.data_until) < make_date(computed.year, 12, 31) AS is_partial_year
    FROM computed
    CROSS JOIN meta
    GROUP BY computed.year
),

joined AS (
    SELECT
        coalesce(computed.year, published.year) AS year,
        coalesce(computed.measure, published.measure) AS measure,
        computed.value AS computed_value,
        published.published_value,
        published.note,
        published.published_source,
        coalesce(published.is_imported, FALSE) AS is_imported
    FROM computed
    FULL OUTER JOIN published
        ON computed.year = published.year AND computed.measure = published.measure
)

SELECT
    joined.year,
    joined.measure,
    coalesce(labels.label_nl, joined.measure) AS label_nl,
    coalesce(labels.section, sections.section) AS section,
    coalesce(labels.section_nl, sections.section_nl) AS section_nl,
    labels.definition_nl,
    coalesce(labels.registration_sensitive, TRUE) AS registration_sensitive,
    joined.computed_value,
    joined.published_value,
    coalesce(joined.computed_value, joined.published_value) AS value,
    CASE WHEN joined.computed_value IS NULL THEN 'jaarverslag' ELSE 'gegevens' END AS source,
    joined.computed_value - joined.published_value AS difference,
    CASE
        WHEN joined.published_value IS NULL THEN 'niet gepubliceerd'
        WHEN joined.computed_value IS NULL THEN 'niet in de gegevens'
        WHEN abs(joined.computed_value - joined.published_value) < 0.5 THEN 'gelijk'
        ELSE 'verschil'
    END AS status,
    joined.note,
    joined.published_source,
    joined.is_imported,
    data_years.year IS NOT NULL AS year_in_data,
    coalesce(data_years.is_partial_year, FALSE) AS is_partial_year
FROM joined
LEFT JOIN stg_measure_labels AS labels ON joined.measure = labels.measure
LEFT JOIN sections ON joined.measure = sections.measure
LEFT JOIN data_years ON joined.year = data_years.year
