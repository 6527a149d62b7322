-- grain: one row per observed day of calendar year $year, with its Lijn 1 cases and contacts
-- used by: vakantiepieken (per working day chart, weekday x week heatmap)
SELECT
    day,
    day_year,
    iso_year,
    iso_week,
    iso_weekday,
    week_start,
    is_working_day,
    public_holiday_nl,
    school_holiday_noord,
    school_holiday_midden,
    school_holiday_zuid,
    cases,
    contacts
FROM mart_line1_daily
WHERE day_year = $year AND is_observed
ORDER BY day
