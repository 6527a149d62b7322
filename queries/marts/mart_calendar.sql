-- grain: one row per day, from 1 January of the first year with cases to 31 December of the
-- year after the data end (the outlook looks ahead into it)
-- used by: vakantiepieken (mart_line1_daily, mart_line1_weekly, line1_* reports)
-- Working day: Monday to Friday and not a public holiday (the office is closed then).
WITH cases AS (
    SELECT * FROM stg_cases
),

export_meta AS (
    SELECT * FROM stg_export_meta
),

school_holidays AS (
    SELECT * FROM stg_school_holidays
),

public_holidays AS (
    SELECT * FROM stg_public_holidays
),

bounds AS (
    SELECT
        -- an export covers whole years from 1 January (a closed New Year's Day has no cases)
        cast(date_trunc('year', (SELECT min(opened_date) FROM cases)) AS DATE) AS first_data_day,
        (SELECT max(data_until) FROM export_meta) AS data_until
),

days AS (
    SELECT
        cast(
            unnest(
                generate_series(
                    first_data_day,
                    make_date(year(data_until) + 1, 12, 31),
                    INTERVAL 1 DAY
                )
            ) AS DATE
        ) AS day
    FROM bounds
),

school_days AS (
    SELECT
        days.day,
        max(school_holidays.holiday_nl) FILTER (WHERE school_holidays.region = 'noord')
            AS school_holiday_noord,
        max(school_holidays.holiday_nl) FILTER (WHERE school_holidays.region = 'midden')
            AS school_holiday_midden,
        max(school_holidays.holiday_nl) FILTER (WHERE school_holidays.region = 'zuid')
            AS school_holiday_zuid
    FROM days
    INNER JOIN school_holidays
        ON days.day BETWEEN school_holidays.start_date AND school_holidays.end_date
    GROUP BY days.day
),

calendar AS (
    SELECT
        days.day,
        cast(year(days.day) AS INTEGER) AS day_year,
        cast(isoyear(days.day) AS INTEGER) AS iso_year,
        cast(weekofyear(days.day) AS INTEGER) AS iso_week,
        cast(isodow(days.day) AS INTEGER) AS iso_weekday,
        cast(date_trunc('week', days.day) AS DATE) AS week_start,
        public_holidays.holiday_nl AS public_holiday_nl,
        public_holidays.holiday_date IS NOT NULL AS is_public_holiday,
        isodow(days.day) <= 5 AND public_holidays.holiday_date IS NULL AS is_working_day,
        school_days.school_holiday_noord,
        school_days.school_holiday_midden,
        school_days.school_holiday_zuid,
        school_days.day IS NOT NULL AS is_school_holiday,
        days.day BETWEEN bounds.first_data_day AND bounds.data_until AS is_observed
    FROM days
    CROSS JOIN bounds
    LEFT JOIN public_holidays ON days.day = public_holidays.holiday_date
    LEFT JOIN school_days ON days.day = school_days.day
)

SELECT * FROM calendar
