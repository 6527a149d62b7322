-- grain: one row per line of the overview table: Lijn 1, the 13 Lijn 2 codes of the annual
-- report's section 7, and the Lijn 2 total; for $year and the year before
-- $period: 'year' counts whole years; 'to_date' both years from 1 January to the calendar day
-- of the last data day (mart_year_to_date), for a year that is still running.
-- used by: jaaroverzicht (table, CSV and Excel download)
-- The Lijn 2 total counts every Lijn 2 code, also the two the table leaves out (Achterlating,
-- Gezagsvragen), so a case under those codes is never silently dropped from the total.
WITH cells AS (
    SELECT
        * REPLACE (CASE WHEN $period = 'to_date' THEN cases_to_date ELSE cases END AS cases),
        CASE WHEN year = $year THEN 'now' ELSE 'previous' END AS period,
        CASE WHEN line = 1 THEN 0 ELSE overview_order END AS sort_order
    FROM mart_cases_by_year_category_party
    WHERE year IN ($year - 1, $year)
),

rows_to_show AS (
    SELECT
        category_code,
        category_nl,
        sort_order,
        period,
        contact_party,
        cases
    FROM cells
    WHERE sort_order IS NOT NULL
    UNION ALL
    SELECT
        'total_line2',
        'Totaal Lijn 2',
        99,
        period,
        contact_party,
        cases
    FROM cells
    WHERE line = 2
),

overview AS (
    SELECT
        category_code,
        any_value(category_nl) AS category_nl,
        any_value(sort_order) AS sort_order,
        sum(cases) FILTER (WHERE period = 'previous' AND contact_party = 'parent')
            AS parents_previous,
        sum(cases) FILTER (WHERE period = 'previous' AND contact_party = 'third_party')
            AS third_parties_previous,
        sum(cases) FILTER (WHERE period = 'previous') AS total_previous,
        sum(cases) FILTER (WHERE period = 'now' AND contact_party = 'parent') AS parents,
        sum(cases) FILTER (WHERE period = 'now' AND contact_party = 'third_party')
            AS third_parties,
        sum(cases) FILTER (WHERE period = 'now') AS total
    FROM rows_to_show
    GROUP BY category_code
)

SELECT
    overview.category_code,
    overview.category_nl,
    overview.sort_order,
    cast(overview.parents_previous AS INTEGER) AS parents_previous,
    cast(overview.third_parties_previous AS INTEGER) AS third_parties_previous,
    cast(overview.total_previous AS INTEGER) AS total_previous,
    cast(overview.parents AS INTEGER) AS parents,
    cast(overview.third_parties AS INTEGER) AS third_parties,
    cast(overview.total AS INTEGER) AS total,
    100.0 * (overview.total - overview.total_previous) / nullif(overview.total_previous, 0)
        AS change_pct,
    -- what the annual report printed in its change column, where it printed one
    printed.change_pct_printed
FROM overview
LEFT JOIN stg_published_changes AS printed
    ON printed.year = $year AND printed.measure = 'overview.' || overview.category_code
ORDER BY overview.sort_order
