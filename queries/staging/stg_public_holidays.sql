-- grain: one row per public holiday (the office is closed)
-- used by: working-day calendars
SELECT
    date AS holiday_date,
    name_nl AS holiday_nl
FROM src_public_holidays
