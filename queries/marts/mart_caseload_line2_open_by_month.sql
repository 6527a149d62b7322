-- grain: one row per month x Lijn 2 category x contact party with cases open at the month's end
-- (only non-zero rows)
-- used by: caseload (Lijn 2 open at the end of each month)
-- Open at the end of a month: opened on or before its closing day and not closed by then
-- (closed_date empty or later). The running month counts on data_until.
-- open_cases_on_cut_off_day: the same, counted on the month's cut_off_day (the calendar day
-- of data_until in the month that holds it), for the running month's year-earlier value.
WITH months AS (
    SELECT * FROM mart_caseload_months
),

line2_cases AS (
    SELECT * FROM stg_cases
    WHERE line = 2
)

SELECT
    months.month,
    line2_cases.category_code,
    line2_cases.contact_party,
    count_if(
        months.closing_day >= line2_cases.opened_date
        AND (line2_cases.closed_date IS NULL OR months.closing_day < line2_cases.closed_date)
    ) AS open_cases,
    count_if(
        months.cut_off_day >= line2_cases.opened_date
        AND (line2_cases.closed_date IS NULL OR months.cut_off_day < line2_cases.closed_date)
    ) AS open_cases_on_cut_off_day
FROM months
INNER JOIN line2_cases
    ON
        greatest(months.closing_day, months.cut_off_day) >= line2_cases.opened_date
        AND (
            line2_cases.closed_date IS NULL
            OR least(months.closing_day, months.cut_off_day) < line2_cases.closed_date
        )
GROUP BY ALL
