-- grain: one row per month of $period_start..$period_end x line, with the same month a year
-- earlier
-- used by: caseload (new cases per month)
-- Filters: $line (0 = both), $category ('alle' = every code), $party ('alle', 'parent',
-- 'third_party': who contacted). A year-earlier month before the export starts stays empty.
-- The running month compares with the same days a year earlier (1-22 November 2025 for data
-- until 22 November 2026): year_before_until says up to which day the year-earlier count goes.
WITH month_lines AS (
    SELECT * FROM mart_caseload_month_lines
    WHERE month BETWEEN $period_start AND $period_end AND ($line = 0 OR line = $line)
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
    month_lines.month,
    month_lines.line,
    month_lines.line_nl,
    month_lines.is_complete,
    cast(coalesce(now.cases, 0) AS INTEGER) AS cases,
    CASE
        WHEN month_lines.year_before_month IS NOT NULL
            THEN cast(
                coalesce(
                    CASE
                        WHEN month_lines.is_complete THEN previous.cases
                        ELSE previous.cases_to_date
                    END,
                    0
                ) AS INTEGER
            )
    END AS cases_year_before,
    month_lines.year_before_until
FROM month_lines
LEFT JOIN opened AS now ON month_lines.month = now.month AND month_lines.line = now.line
LEFT JOIN opened AS previous
    ON month_lines.year_before_month = previous.month AND month_lines.line = previous.line
ORDER BY month_lines.line, month_lines.month
