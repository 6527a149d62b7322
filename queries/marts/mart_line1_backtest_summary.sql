-- grain: one row: how far past Lijn 1 forecasts were off, against a seasonal-naive forecast
-- used by: line1_backtest_summary (vakantiepieken: the accuracy sentence and the range)
-- Error: |forecast - actual| / actual per origin x week ahead, averaged (mean absolute
-- percentage error). The range: actual / forecast at its 10th and 90th percentile, so
-- forecast x those ratios held eight of ten past weeks. Means are rounded far below a
-- percent: their last bits depend on the order the rows arrive in.
WITH pairs AS (
    SELECT * FROM mart_line1_backtest
)

SELECT
    cast(count(*) AS INTEGER) AS pairs,
    cast(count(DISTINCT origin) AS INTEGER) AS origins,
    cast(count(DISTINCT week_start) AS INTEGER) AS weeks,
    min(origin) AS first_origin,
    max(origin) AS last_origin,
    max(week_start) + 6 AS last_week_end,
    round(100 * avg(abs(forecast_cases - actual_cases) / actual_cases), 9) AS cases_error_pct,
    round(100 * avg(abs(naive_cases - actual_cases) / actual_cases), 9) AS naive_cases_error_pct,
    round(100 * avg(abs(forecast_contacts - actual_contacts) / actual_contacts), 9) AS contacts_error_pct,
    round(100 * avg(abs(naive_contacts - actual_contacts) / actual_contacts), 9)
        AS naive_contacts_error_pct,
    quantile_cont(actual_cases / forecast_cases, 0.1) FILTER (WHERE forecast_cases > 0)
        AS cases_ratio_low,
    quantile_cont(actual_cases / forecast_cases, 0.9) FILTER (WHERE forecast_cases > 0)
        AS cases_ratio_high,
    quantile_cont(actual_contacts / forecast_contacts, 0.1) FILTER (WHERE forecast_contacts > 0)
        AS contacts_ratio_low,
    quantile_cont(actual_contacts / forecast_contacts, 0.9) FILTER (WHERE forecast_contacts > 0)
        AS contacts_ratio_high
FROM pairs
