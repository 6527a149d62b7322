-- grain: one row per region x school holiday that overlaps $period_start..$period_end
-- used by: caseload (holidays shaded on the month axis)
SELECT
    region,
    CASE region
        WHEN 'noord' THEN 'Noord'
        WHEN 'midden' THEN 'Midden'
        WHEN 'zuid' THEN 'Zuid'
    END AS region_nl,
    holiday_key,
    holiday_nl,
    start_date,
    end_date
FROM stg_school_holidays
WHERE start_date <= last_day($period_end) AND end_date >= $period_start
ORDER BY region, start_date
