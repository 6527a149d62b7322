-- grain: one row per year x measure x place in the report where a change is printed
-- used by: published_changes_vs_computed, line_overview
-- Measures 'overview.<code>' are the change column of the section 7 table (all contacts).
SELECT
    year,
    measure,
    change_pct_printed,
    printed_in,
    quote
FROM src_published_changes
