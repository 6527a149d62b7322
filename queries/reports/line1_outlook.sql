-- grain: one row per ISO week from the first week after the data up to 12 weeks ahead of
-- $today: expected Lijn 1 cases and contacts, their range, and the same week a year earlier
-- used by: vakantiepieken (workload ahead: chart and roster table)
-- The forecast starts on the Monday of the first day without data (never using a day at or
-- after $today) and is mart_line1_forecasts made on that Monday. Weeks that are already over
-- by $today but not in the data yet are marked is_past: neither data nor a look ahead. The
-- range comes from how far past forecasts were off (line1_backtest_summary, applied by
-- dashboard.vacation.with_range), not from the spread of two earlier years.
WITH meta AS (
    SELECT least(max(data_until), cast($today AS DATE) - 1) AS last_day
    FROM stg_export_meta
),

outlook_start AS (
    SELECT
        meta.last_day,
        cast(date_trunc('week', meta.last_day + 1) AS DATE) AS origin,
        cast(date_trunc('week', cast($today AS DATE)) AS DATE) AS today_week
    FROM meta
),

forecast AS (
    SELECT forecasts.*
    FROM mart_line1_forecasts AS forecasts
    INNER JOIN outlook_start
        ON
            forecasts.origin = outlook_start.origin
            AND forecasts.week_start < greatest(outlook_start.today_week, outlook_start.origin) + 84
),

week_holidays AS (
    SELECT * FROM mart_calendar_week_holidays
    WHERE alignment != 'eerste'
),

calendar_weeks AS (
    SELECT * FROM mart_line1_weekly
),

-- per region, the holiday the week is placed against (mart_calendar_week_holidays)
regional AS (
    SELECT
        forecast.week_number,
        week_holidays.alignment,
        week_holidays.holiday_nl,
        week_holidays.start_date,
        week_holidays.end_date
    FROM forecast
    INNER JOIN week_holidays ON forecast.week_start = week_holidays.week_start
),

regions AS (
    SELECT
        week_number,
        max(holiday_nl) FILTER (WHERE alignment = 'noord') AS holiday_nl_noord,
        max(start_date) FILTER (WHERE alignment = 'noord') AS start_noord,
        max(end_date) FILTER (WHERE alignment = 'noord') AS end_noord,
        max(holiday_nl) FILTER (WHERE alignment = 'midden') AS holiday_nl_midden,
        max(start_date) FILTER (WHERE alignment = 'midden') AS start_midden,
        max(end_date) FILTER (WHERE alignment = 'midden') AS end_midden,
        max(holiday_nl) FILTER (WHERE alignment = 'zuid') AS holiday_nl_zuid,
        max(start_date) FILTER (WHERE alignment = 'zuid') AS start_zuid,
        max(end_date) FILTER (WHERE alignment = 'zuid') AS end_zuid
    FROM regional
    GROUP BY week_number
)

SELECT
    forecast.week_number,
    forecast.week_start,
    cast(forecast.week_start + 6 AS DATE) AS week_end,
    -- over by $today, and still not in the data
    forecast.week_start + 6 < cast($today AS DATE) AS is_past,
    calendar_weeks.iso_year,
    calendar_weeks.iso_week,
    calendar_weeks.working_days,
    forecast.holiday_nl,
    forecast.holiday_year,
    forecast.relative_week,
    regions.* EXCLUDE (regions.week_number),
    forecast.expected_cases,
    forecast.expected_contacts,
    forecast.source_years_count,
    forecast.source_years,
    -- the same ISO week a year earlier, as it was (where the data has it whole)
    CASE WHEN last_year.is_complete THEN last_year.cases END AS last_year_cases,
    CASE WHEN last_year.is_complete THEN last_year.contacts END AS last_year_contacts
FROM forecast
LEFT JOIN calendar_weeks ON forecast.week_start = calendar_weeks.week_start
LEFT JOIN regions ON forecast.week_number = regions.week_number
LEFT JOIN calendar_weeks AS last_year
    ON
        calendar_weeks.iso_year - 1 = last_year.iso_year
        AND calendar_weeks.iso_week = last_year.iso_week
ORDER BY forecast.week_number
