-- grain: one row per school holiday kind starting in $year: its Lijn 1 peak week
-- used by: vakantiepieken (peak table)
-- The peak is the complete ISO week with the most Lijn 1 cases from six weeks before the first
-- region's start up to the week the last region starts. The baseline is the mean of $year's
-- baseline weeks (no school holiday, no holiday start within four weeks; mart_line1_weekly).
WITH starts AS (
    SELECT * FROM mart_calendar_holiday_starts
    WHERE holiday_year = $year
),

weekly AS (
    SELECT * FROM mart_line1_weekly
),

holidays AS (
    SELECT
        holiday_key,
        any_value(holiday_nl) AS holiday_nl,
        min(start_date) AS first_start,
        max(start_date) AS last_start,
        max(anchor_week_start) FILTER (WHERE alignment = 'noord') AS anchor_noord,
        max(anchor_week_start) FILTER (WHERE alignment = 'midden') AS anchor_midden,
        max(anchor_week_start) FILTER (WHERE alignment = 'zuid') AS anchor_zuid,
        max(start_date) FILTER (WHERE alignment = 'noord') AS start_noord,
        max(start_date) FILTER (WHERE alignment = 'midden') AS start_midden,
        max(start_date) FILTER (WHERE alignment = 'zuid') AS start_zuid
    FROM starts
    GROUP BY holiday_key
),

windows AS (
    SELECT
        holidays.holiday_key,
        weekly.week_start,
        weekly.iso_week,
        weekly.cases,
        weekly.contacts,
        weekly.is_complete
    FROM holidays
    INNER JOIN weekly
        ON weekly.week_start BETWEEN holidays.first_start - INTERVAL 42 DAY AND holidays.last_start
),

peaks AS (
    SELECT
        holiday_key,
        arg_max(week_start, cases) FILTER (WHERE is_complete) AS peak_week_start,
        arg_max(iso_week, cases) FILTER (WHERE is_complete) AS peak_iso_week,
        max(cases) FILTER (WHERE is_complete) AS peak_cases,
        arg_max(contacts, cases) FILTER (WHERE is_complete) AS peak_contacts
    FROM windows
    GROUP BY holiday_key
),

baseline AS (
    SELECT
        avg(cases) AS baseline_cases,
        cast(count(*) AS INTEGER) AS baseline_weeks
    FROM weekly
    WHERE iso_year = $year AND is_baseline
)

SELECT
    holidays.holiday_key,
    holidays.holiday_nl,
    holidays.start_noord,
    holidays.start_midden,
    holidays.start_zuid,
    peaks.peak_week_start,
    peaks.peak_iso_week,
    peaks.peak_cases,
    peaks.peak_contacts,
    baseline.baseline_cases,
    baseline.baseline_weeks,
    peaks.peak_cases / nullif(baseline.baseline_cases, 0) AS peak_to_baseline,
    cast((holidays.anchor_noord - peaks.peak_week_start) / 7 AS INTEGER) AS weeks_before_noord,
    cast((holidays.anchor_midden - peaks.peak_week_start) / 7 AS INTEGER) AS weeks_before_midden,
    cast((holidays.anchor_zuid - peaks.peak_week_start) / 7 AS INTEGER) AS weeks_before_zuid,
    -- until the last region has started, a higher week may still come
    holidays.last_start <= (SELECT max(meta.data_until) FROM stg_export_meta AS meta) AS window_complete
FROM holidays
LEFT JOIN peaks ON holidays.holiday_key = peaks.holiday_key
CROSS JOIN baseline
ORDER BY holidays.first_start
