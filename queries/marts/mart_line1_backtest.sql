-- grain: one row per past forecast origin (a Monday) x week ahead (1..12) whose week the data
-- covers completely: what the forecast said, what a seasonal-naive forecast said, what came
-- used by: line1_backtest_summary (vakantiepieken: how good past forecasts were, the range)
-- The forecast is mart_line1_forecasts: made on that Monday from only the days before it. The
-- seasonal-naive forecast is the same ISO week a year earlier, as it was. A pair counts only
-- where both forecasts exist and the week had Lijn 1 cases, so both are judged on the same
-- weeks.
WITH forecasts AS (
    SELECT * FROM mart_line1_forecasts
    WHERE week_number <= 12 AND expected_cases IS NOT NULL
),

calendar_weeks AS (
    SELECT * FROM mart_line1_weekly
)

SELECT
    forecasts.origin,
    forecasts.week_number,
    forecasts.week_start,
    forecasts.expected_cases AS forecast_cases,
    forecasts.expected_contacts AS forecast_contacts,
    cast(last_year.cases AS DOUBLE) AS naive_cases,
    cast(last_year.contacts AS DOUBLE) AS naive_contacts,
    actual.cases AS actual_cases,
    actual.contacts AS actual_contacts
FROM forecasts
INNER JOIN calendar_weeks AS actual ON forecasts.week_start = actual.week_start
INNER JOIN calendar_weeks AS last_year
    ON actual.iso_year - 1 = last_year.iso_year AND actual.iso_week = last_year.iso_week
WHERE
    actual.is_complete
    AND last_year.is_complete
    AND actual.cases > 0
    AND actual.contacts > 0
