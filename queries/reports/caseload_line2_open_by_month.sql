-- grain: one row per month of $period_start..$period_end, with the same month a year earlier
-- used by: caseload (Lijn 2 cases open at the end of each month)
-- Filters: $category ('alle' = every Lijn 2 code), $party ('alle', 'parent', 'third_party':
-- who contacted). The running month counts on data_until (closing_day), and a year earlier on
-- the same calendar day (cut_off_day of that month), not at the end of the month.
WITH months AS (
    SELECT * FROM mart_caseload_months
    WHERE month BETWEEN $period_start AND $period_end
),

open_cases AS (
    SELECT
        month,
        sum(open_cases) AS open_cases,
        sum(open_cases_on_cut_off_day) AS open_cases_on_cut_off_day
    FROM mart_caseload_line2_open_by_month
    WHERE
        ($category = 'alle' OR category_code = $category)
        AND ($party = 'alle' OR contact_party = $party)
    GROUP BY ALL
)

SELECT
    months.month,
    months.closing_day,
    months.is_complete,
    cast(coalesce(now.open_cases, 0) AS INTEGER) AS open_cases,
    CASE
        WHEN months.year_before_month IS NOT NULL
            THEN cast(
                coalesce(
                    CASE
                        WHEN months.is_complete THEN previous.open_cases
                        ELSE previous.open_cases_on_cut_off_day
                    END,
                    0
                ) AS INTEGER
            )
    END AS open_cases_year_before
FROM months
LEFT JOIN open_cases AS now ON months.month = now.month
LEFT JOIN open_cases AS previous ON months.year_before_month = previous.month
ORDER BY months.month
