-- grain: one row per year x category x contact party (zeros included)
-- used by: line_overview (section 7 table), caseload
-- cases_to_date: opened from 1 January up to the calendar day of the last data day
-- (mart_year_to_date), to compare a running year with the same days of earlier years.
WITH cases AS (
    SELECT
        stg_cases.*,
        stg_cases.opened_date <= cut_off.period_end AS in_year_to_date
    FROM stg_cases
    LEFT JOIN mart_year_to_date AS cut_off ON stg_cases.opened_year = cut_off.year
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
        count_if(in_year_to_date) AS cases_to_date,
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
    coalesce(counted.cases_to_date, 0) AS cases_to_date,
    coalesce(counted.children, 0) AS children
FROM years
CROSS JOIN stg_categories AS categories
CROSS JOIN parties
LEFT JOIN counted
    ON
        years.year = counted.year
        AND categories.category_code = counted.category_code
        AND parties.contact_party = counted.contact_party
