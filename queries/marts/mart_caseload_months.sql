-- grain: one row per calendar month from the first case in the export to data_until
-- used by: caseload (the month axis, so a month without cases still shows as 0)
-- closing_day is the day a month's stock is counted on: its last day, or data_until for the
-- running month.
WITH bounds AS (
    SELECT
        cast(date_trunc('month', min(cases.opened_date)) AS DATE) AS first_month,
        any_value(meta.data_until) AS data_until
    FROM stg_cases AS cases
    CROSS JOIN stg_export_meta AS meta
),

months AS (
    SELECT
        cast(month_start.generate_series AS DATE) AS month,
        bounds.data_until
    FROM bounds
    CROSS JOIN
        generate_series(
            bounds.first_month,
            cast(date_trunc('month', bounds.data_until) AS DATE),
            INTERVAL 1 MONTH
        ) AS month_start
)

SELECT
    month,
    cast(year(month) AS INTEGER) AS year,
    cast(month(month) AS INTEGER) AS month_number,
    cast(last_day(month) AS DATE) AS month_end,
    least(cast(last_day(month) AS DATE), data_until) AS closing_day,
    last_day(month) <= data_until AS is_complete
FROM months
