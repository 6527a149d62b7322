-- grain: one row per ISO week with data (every year), with its Lijn 1 cases and contacts
-- used by: vakantiepieken (years overlaid by ISO week)
-- A week the data only partly covers is flagged, so a chart can show it as incomplete.
SELECT
    week_start,
    iso_year,
    iso_week,
    cases,
    contacts,
    working_days,
    is_complete
FROM mart_line1_weekly
WHERE
    week_start <= (SELECT max(meta.data_until) FROM stg_export_meta AS meta)
    AND week_start + INTERVAL 6 DAY >= (SELECT min(cases.opened_date) FROM stg_cases AS cases)
ORDER BY week_start
