-- grain: one row per month x Lijn 2 category x contact party with cases open at the month's end
-- (only non-zero rows)
-- used by: caseload (Lijn 2 open at the end of each month)
-- Open at the end of a month: opened on or before its closing day and not closed by then
-- (closed_date empty or later). The running month counts on data_until.
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
    count(*) AS open_cases
FROM months
INNER JOIN line2_cases
    ON
        months.closing_day >= line2_cases.opened_date
        AND (line2_cases.closed_date IS NULL OR months.closing_day < line2_cases.closed_date)
GROUP BY ALL
