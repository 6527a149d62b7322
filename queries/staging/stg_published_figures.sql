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
    latest.year,
    latest.measure,
    latest.value AS published_value,
    latest.section,
    coalesce(sections.section_nl, latest.section) AS section_nl,
    latest.note,
    -- where the figure was printed: the imported file's `source`, else the report it came from
    coalesce(
        cast(latest.source AS VARCHAR),
        CASE WHEN latest.source_file = 'published-2025-report.csv' THEN 'Jaarverslag 2025' END
    ) AS published_source,
    latest.is_imported
FROM latest
LEFT JOIN stg_report_sections AS sections ON latest.section = sections.section
