-- grain: one row per category code
-- used by: stg_cases, marts
SELECT
    code AS category_code,
    label_nl AS category_nl,
    cast(line AS INTEGER) AS line,
    cast(overview_order AS INTEGER) AS overview_order
FROM src_categories
