-- grain: one row per year x measure as printed in an annual report
-- an imported figure wins over the reference file for the same year and measure
-- used by: published_vs_computed, mediation_success_trend, figures
WITH figures AS (
    SELECT
        *,
        source_file = 'published-imported-report.csv' AS is_imported
    FROM src_published_figures
),

latest AS (
    SELECT *
    FROM figures
    QUALIFY
        row_number() OVER (PARTITION BY year, measure ORDER BY is_imported DESC) = 1
)

SELECT
    year,
    measure,
    value AS published_value,
    section,
    CASE section
        WHEN '2' THEN '2. Zaken en contactmomenten'
        WHEN '3' THEN '3. Preventie'
        WHEN '4' THEN '4. Toestemming voor vertrek'
        WHEN '5' THEN '5. Internationale kinderontvoering'
        WHEN '6' THEN '6. Internationale omgang'
        WHEN '7' THEN '7. Overzicht Lijn 1 en Lijn 2'
        WHEN 'mediation' THEN 'Mediation'
        ELSE section
    END AS section_nl,
    note,
    -- where the figure was printed: the imported file's `source`, else the report it came from
    coalesce(
        cast(source AS VARCHAR),
        CASE WHEN source_file = 'published-2025-report.csv' THEN 'Jaarverslag 2025' END
    ) AS published_source,
    is_imported
FROM latest
