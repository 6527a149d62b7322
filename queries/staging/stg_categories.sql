-- grain: one row per category code (also the codes the registration no longer has)
-- used by: stg_cases, marts
SELECT
    code AS category_code,
    label_nl AS category_nl,
    cast(line AS INTEGER) AS line,
    cast(overview_order AS INTEGER) AS overview_order,
    valid_from,
    valid_until
FROM src_categories
