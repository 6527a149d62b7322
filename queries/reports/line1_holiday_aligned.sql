-- grain: one row per school holiday kind x alignment ('eerste', 'regio's') x day offset
-- (working days from 42 days before to 14 days after the holiday's first day)
-- used by: vakantiepieken (holiday-aligned view)
-- 'eerste' aligns each holiday on the region that starts first; 'regios' aligns it on each
-- region's own start and averages the three. Only holidays whose whole window is in the data.
WITH offsets AS (
    SELECT * FROM mart_calendar_holiday_offsets
),

daily AS (
    SELECT * FROM mart_line1_daily
),

complete_windows AS (
    SELECT
        alignment,
        holiday_key,
        holiday_year
    FROM offsets
    GROUP BY alignment, holiday_key, holiday_year
    -- a window reaching before the calendar has missing days, not unobserved ones
    HAVING bool_and(is_observed) AND count(*) = 57
),

working_days AS (
    SELECT
        offsets.holiday_key,
        offsets.holiday_nl,
        offsets.holiday_year,
        offsets.day_offset,
        daily.cases,
        CASE WHEN offsets.alignment = 'eerste' THEN 'eerste' ELSE 'regios' END AS alignment
    FROM offsets
    INNER JOIN complete_windows
        ON
            offsets.alignment = complete_windows.alignment
            AND offsets.holiday_key = complete_windows.holiday_key
            AND offsets.holiday_year = complete_windows.holiday_year
    INNER JOIN daily ON offsets.day = daily.day
    WHERE offsets.is_working_day
)

SELECT
    holiday_key,
    any_value(holiday_nl) AS holiday_nl,
    alignment,
    day_offset,
    avg(cases) AS avg_cases,
    cast(count(*) AS INTEGER) AS days_averaged,
    cast(count(DISTINCT holiday_year) AS INTEGER) AS years_averaged,
    string_agg(DISTINCT cast(holiday_year AS VARCHAR), ', ' ORDER BY cast(holiday_year AS VARCHAR))
        AS years
FROM working_days
GROUP BY holiday_key, alignment, day_offset
ORDER BY holiday_key, alignment, day_offset
