-- grain: one row per line of the report's overview table (Lijn 1, 13 Lijn 2 codes, total)
-- used by: tests comparing the page's section 7 table with the printed one
SELECT
    category_code,
    parents_2024,
    third_parties_2024,
    total_2024,
    parents_2025,
    third_parties_2025,
    total_2025,
    change_pct_printed
FROM src_published_overview_table
