-- grain: one row per year x measure as printed in an annual report
-- used by: published_vs_computed
SELECT
    year,
    measure,
    value AS published_value,
    section,
    note
FROM src_published_figures
