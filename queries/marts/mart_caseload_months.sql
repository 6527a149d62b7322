-- grain: one row per calendar month from the first case in the export to data_until
-- used by: caseload (the month axis, so a month without cases still shows as 0)
-- closing_day is the day a month's stock is counted on: its last day, or data_until for the
-- running month. cut_off_day: for the month that holds its year's cut-off day (the calendar
-- day of data_until, mart_year_to_date) that day, else closing_day: the running month a year
-- earlier is counted on the same day of that year.
-- year_before_month: the same month a year earlier, where the export has it (else empty);
-- year_before_until: the day a year-earlier count goes up to (that month's cut_off_day), so the
-- running month compares with the same days a year earlier.
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
    months.month,
    cast(year(months.month) AS INTEGER) AS year,
    cast(month(months.month) AS INTEGER) AS month_number,
    cast(last_day(months.month) AS DATE) AS month_end,
    least(cast(last_day(months.month) AS DATE), months.data_until) AS closing_day,
    coalesce(
        CASE WHEN date_trunc('month', cut_off.period_end) = months.month THEN cut_off.period_end END,
        least(cast(last_day(months.month) AS DATE), months.data_until)
    ) AS cut_off_day,
    last_day(months.month) <= months.data_until AS is_complete,
    -- the months are consecutive: twelve rows back is the same month a year earlier
    lag(months.month, 12) OVER (ORDER BY months.month) AS year_before_month,
    lag(cut_off_day, 12) OVER (ORDER BY months.month) AS year_before_until
FROM months
LEFT JOIN mart_year_to_date AS cut_off ON year(months.month) = cut_off.year
