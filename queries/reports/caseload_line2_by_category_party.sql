-- grain: one row per Lijn 2 category with cases opened in $period_start..$period_end, plus a
-- total row
-- used by: caseload (the period's Lijn 2 cases by category and who contacted, and the
-- breakdown of the month clicked in the heatmap: a period of one month)
WITH opened AS (
    SELECT
        cases.category_code,
        categories.category_nl,
        coalesce(categories.overview_order, 100) AS category_order,
        cases.contact_party,
        cases.cases
    FROM mart_caseload_cases_by_month AS cases
    INNER JOIN stg_categories AS categories ON cases.category_code = categories.category_code
    WHERE cases.line = 2 AND cases.month BETWEEN $period_start AND $period_end
),

per_category AS (
    SELECT
        category_code,
        any_value(category_nl) AS category_nl,
        any_value(category_order) AS category_order,
        sum(cases) FILTER (WHERE contact_party = 'parent') AS parents,
        sum(cases) FILTER (WHERE contact_party = 'third_party') AS third_parties,
        sum(cases) AS total
    FROM opened
    GROUP BY category_code
    UNION ALL
    SELECT
        'total_line2',
        'Totaal Lijn 2',
        999,
        sum(cases) FILTER (WHERE contact_party = 'parent'),
        sum(cases) FILTER (WHERE contact_party = 'third_party'),
        sum(cases)
    FROM opened
)

SELECT
    category_code,
    category_nl,
    category_order,
    cast(coalesce(parents, 0) AS INTEGER) AS parents,
    cast(coalesce(third_parties, 0) AS INTEGER) AS third_parties,
    cast(coalesce(total, 0) AS INTEGER) AS total
FROM per_category
ORDER BY category_order, category_nl
