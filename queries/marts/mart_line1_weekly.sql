-- grain: one row per ISO week of the calendar (see mart_calendar)
-- used by: vakantiepieken (line1_by_iso_week, line1_peaks, line1_outlook)
-- A baseline week is complete, has no school holiday day in any region, and no region's
-- school holiday starts within the four weeks after its Monday.
WITH daily AS (
    SELECT * FROM mart_line1_daily
),

starts AS (
    SELECT * FROM mart_calendar_holiday_starts
    WHERE alignment != 'eerste'
),

weeks AS (
    SELECT
        week_start,
        any_value(iso_year) AS iso_year,
        any_value(iso_week) AS iso_week,
        cast(sum(cases) AS INTEGER) AS cases,
        cast(sum(contacts) AS INTEGER) AS contacts,
        cast(count(*) FILTER (WHERE is_working_day) AS INTEGER) AS working_days,
        bool_and(is_observed) AS is_complete,
        bool_or(is_school_holiday AND iso_weekday <= 5) AS has_school_holiday
    FROM daily
    GROUP BY week_start
),

before_holiday AS (
    SELECT DISTINCT weeks.week_start
    FROM weeks
    INNER JOIN starts
        ON starts.start_date BETWEEN weeks.week_start AND weeks.week_start + INTERVAL 28 DAY
)

SELECT
    weeks.*,
    before_holiday.week_start IS NOT NULL AS is_before_holiday,
    weeks.is_complete
    AND NOT weeks.has_school_holiday
    AND before_holiday.week_start IS NULL AS is_baseline
FROM weeks
LEFT JOIN before_holiday ON weeks.week_start = before_holiday.week_start
