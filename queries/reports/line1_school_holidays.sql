-- grain: one row per region x school holiday overlapping calendar year $year, and one row per
-- public holiday in it (region 'feestdag')
-- used by: vakantiepieken (shading and markers on the charts)
SELECT
    region,
    holiday_key,
    holiday_nl,
    holiday_year,
    start_date,
    end_date
FROM stg_school_holidays
WHERE start_date <= make_date($year, 12, 31) AND end_date >= make_date($year, 1, 1)
UNION ALL
SELECT
    'feestdag',
    'feestdag',
    holiday_nl,
    $year,
    holiday_date AS start_date,
    holiday_date AS end_date
FROM stg_public_holidays
WHERE year(holiday_date) = $year AND isodow(holiday_date) <= 5
ORDER BY region, start_date
