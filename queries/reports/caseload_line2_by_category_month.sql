-- grain: one row per Lijn 2 category x month of $period_start..$period_end (zeros included)
-- used by: caseload (heatmap of new Lijn 2 cases)
-- Filter: $party ('alle', 'parent', 'third_party': who contacted).
WITH months AS (
    SELECT * FROM mart_caseload_months
    WHERE month BETWEEN $period_start AND $period_end
),

-- only the codes the registration had during the period (older eras had other codes)
categories AS (
    SELECT * FROM stg_categories
    WHERE
        line = 2
        AND valid_from <= last_day($period_end)
        AND coalesce(valid_until >= $period_start, TRUE)
),

opened AS (
    SELECT
        month,
        category_code,
        sum(cases) AS cases
    FROM mart_caseload_cases_by_month
    WHERE line = 2 AND ($party = 'alle' OR contact_party = $party)
    GROUP BY ALL
)

SELECT
    categories.category_code,
    categories.category_nl,
    -- the two codes the overview table leaves out go last
    coalesce(categories.overview_order, 100) AS category_order,
    months.month,
    months.is_complete,
    cast(coalesce(opened.cases, 0) AS INTEGER) AS cases
FROM categories
CROSS JOIN months
LEFT JOIN opened
    ON categories.category_code = opened.category_code AND months.month = opened.month
ORDER BY category_order, categories.category_nl, months.month
