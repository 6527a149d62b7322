-- grain: one row per alignment (noord, midden, zuid, eerste) x school holiday (key x year)
-- used by: vakantiepieken (holiday offsets, peaks, outlook)
-- 'eerste' is the region whose holiday starts first: the day Lijn 1 feels the holiday coming.
-- A holiday starts on a Saturday; anchor_week_start is the Monday of its first full week.
WITH school_holidays AS (
    SELECT * FROM stg_school_holidays
),

per_region AS (
    SELECT
        region AS alignment,
        region AS first_region,
        holiday_key,
        holiday_nl,
        holiday_year,
        start_date,
        end_date
    FROM school_holidays
),

earliest AS (
    SELECT
        'eerste' AS alignment,
        arg_min(region, start_date) AS first_region,
        holiday_key,
        any_value(holiday_nl) AS holiday_nl,
        holiday_year,
        min(start_date) AS start_date,
        max(end_date) AS end_date
    FROM school_holidays
    GROUP BY holiday_key, holiday_year
),

starts AS (
    SELECT * FROM per_region
    UNION ALL
    SELECT * FROM earliest
)

SELECT
    *,
    cast(date_trunc('week', start_date + INTERVAL 2 DAY) AS DATE) AS anchor_week_start
FROM starts
