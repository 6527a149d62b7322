-- grain: one row per week of the backtest within the last two years (104 weeks) of it: the
-- Lijn 1 forecast made $weeks_ahead weeks before (1 = on that week's Monday), the
-- seasonal-naive forecast and the cases that came
-- used by: vakantiepieken (the backtest chart under the outlook)
-- The same pairs as line1_backtest_summary, so the chart shows the weeks the accuracy
-- sentence and the range are computed from; the range itself is applied in Python
-- (dashboard.reports.vacation.with_range), as on the outlook.
WITH pairs AS (
    SELECT * FROM mart_line1_backtest
    WHERE week_number = cast($weeks_ahead AS INTEGER)
),

last_week AS (
    SELECT max(week_start) AS week_start FROM pairs
)

SELECT
    pairs.week_start,
    cast(extract('isoyear' FROM pairs.week_start) AS INTEGER) AS iso_year,
    cast(extract('week' FROM pairs.week_start) AS INTEGER) AS iso_week,
    pairs.origin,
    pairs.forecast_cases AS expected_cases,
    pairs.forecast_contacts AS expected_contacts,
    pairs.naive_cases,
    pairs.actual_cases
FROM pairs
CROSS JOIN last_week
WHERE pairs.week_start > last_week.week_start - INTERVAL 104 WEEK
ORDER BY pairs.week_start ASC
