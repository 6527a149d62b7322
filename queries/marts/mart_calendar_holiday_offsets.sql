-- grain: one row per alignment x school holiday x day, from 42 days before to 14 days after
-- the holiday's first day
-- used by: vakantiepieken (line1_holiday_aligned), tests of the alignment
-- day_offset = day - start_date: negative before the holiday, 0 on its first day (a Saturday),
-- so an offset falls on the same weekday in every year.
WITH starts AS (
    SELECT * FROM mart_calendar_holiday_starts
),

calendar AS (
    SELECT * FROM mart_calendar
)

SELECT
    starts.alignment,
    starts.holiday_key,
    starts.holiday_nl,
    starts.holiday_year,
    starts.start_date,
    calendar.day,
    cast(calendar.day - starts.start_date AS INTEGER) AS day_offset,
    calendar.is_working_day,
    calendar.is_observed
FROM starts
INNER JOIN calendar
    ON
        calendar.day BETWEEN starts.start_date - INTERVAL 42 DAY AND starts.start_date
        + INTERVAL 14 DAY
