-- grain: one row per category code (Lijn 1 and the Lijn 2 codes)
-- used by: caseload (the category filter)
SELECT
    category_code,
    category_nl,
    line,
    coalesce(overview_order, 100) AS category_order
FROM stg_categories
ORDER BY line, category_order, category_nl
