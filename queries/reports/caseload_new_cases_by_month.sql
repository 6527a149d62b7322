-- grain: one row per month of $period_start..$period_end x line, with the same month a year
-- earlier
-- used by: caseload (new cases per month)
-- Filters: $line (0 = both), $category ('alle' = every code), $party ('alle', 'parent',
-- 'third_party': who contacted). A year-earlier month before the export starts stays empty.
-- The running month compares with the same days a year earlier (1-22 November 2025 for data
-- until 22 November 2026): year_before_until says up to which day the year-earlier count goes.
WITH months AS (
    SELECT * FROM mart_caseload_months
),

lines AS (
    SELECT lines.line
    FROM (VALUES (1), (2)) AS lines (line)
    WHERE $line = 0 OR lines.line = $line
),

opened AS (
    SELECT
        month,
        line,
        sum(cases) AS cases,
        sum(cases_to_date) AS cases_to_date
    FROM mart_caseload_cases_by_month
    WHERE
        ($category = 'alle' OR category_code = $category)
        AND ($party = 'alle' OR contact_party = $party)
    GROUP BY ALL
)

SELECT
    months.month,
    lines.line,
    'Lijn ' || lines.line AS line_nl,
    months.is_complete,
    cast(coalesce(now.cases, 0) AS INTEGER) AS cases,
    CASE
        WHEN previous_month.month IS NOT NULL
            THEN cast(
                coalesce(
                    CASE WHEN months.is_complete THEN previous.cases ELSE previous.cases_to_date END,
                    0
                ) AS INTEGER
            )
    END AS cases_year_before,
    CASE WHEN previous_month.month IS NOT NULL THEN previous_month.cut_off_day END
        AS year_before_until
FROM months
CROSS JOIN lines
LEFT JOIN opened AS now ON months.month = now.month AND lines.line = now.line
LEFT JOIN months AS previous_month ON months.month - INTERVAL 1 YEAR = previous_month.month
LEFT JOIN opened AS previous
    ON months.month - INTERVAL 1 YEAR = previous.month AND lines.line = previous.line
WHERE months.month BETWEEN $period_start AND $period_end
ORDER BY lines.line, months.month
