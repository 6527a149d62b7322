-- grain: one row per year x category x contact party (zeros included)
-- used by: line_overview (section 7 table), caseload
WITH cases AS (
    SELECT * FROM stg_cases
),

years AS (
    SELECT DISTINCT opened_year AS year FROM cases
),

parties AS (
    SELECT party.contact_party
    FROM (VALUES ('parent'), ('third_party')) AS party (contact_party)
),

counted AS (
    SELECT
        opened_year AS year,
        category_code,
        contact_party,
        count(*) AS cases,
        sum(children_count) AS children
    FROM cases
    GROUP BY ALL
)

SELECT
    years.year,
    categories.category_code,
    categories.category_nl,
    categories.line,
    categories.overview_order,
    parties.contact_party,
    coalesce(counted.cases, 0) AS cases,
    coalesce(counted.children, 0) AS children
FROM years
CROSS JOIN stg_categories AS categories
CROSS JOIN parties
LEFT JOIN counted
    ON
        years.year = counted.year
        AND categories.category_code = counted.category_code
        AND parties.contact_party = counted.contact_party
