-- grain: one row per region x school holiday
-- used by: caseload and vacation pages (shading), demo generator checks
SELECT
    region,
    holiday_key,
    name_nl AS holiday_nl,
    cast(year AS INTEGER) AS holiday_year,
    start_date,
    end_date
FROM src_school_holidays
