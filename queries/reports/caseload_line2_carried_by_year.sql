-- grain: one row per year of opening
-- used by: caseload (Lijn 2 cases carried into the next year)
-- Carried into the next year = opened in the year and not closed in it (closed later or still
-- open): the annual report's cases.line2.carried_to_next_year. For the running year it is
-- what is still open on data_until (year_complete false).
-- Filters: $category ('alle' = every Lijn 2 code), $party ('alle', 'parent', 'third_party').
SELECT
    cases.opened_year AS year,
    any_value(meta.data_until) >= make_date(cases.opened_year, 12, 31) AS year_complete,
    any_value(meta.data_until) AS data_until,
    cast(count(*) AS INTEGER) AS opened,
    cast(count_if(cases.closed_year = cases.opened_year) AS INTEGER) AS closed_same_year,
    cast(
        count_if(cases.closed_date IS NULL OR cases.closed_year > cases.opened_year) AS INTEGER
    ) AS carried_to_next_year
FROM stg_cases AS cases
CROSS JOIN stg_export_meta AS meta
WHERE
    cases.line = 2
    AND ($category = 'alle' OR cases.category_code = $category)
    AND ($party = 'alle' OR cases.contact_party = $party)
GROUP BY cases.opened_year
ORDER BY year
