-- grain: one row per registration era
-- used by: stg_cases, trend_measures (the year a definition changed)
SELECT
    era,
    label_nl AS era_nl,
    valid_from,
    valid_until,
    cast(year(valid_from) AS INTEGER) AS first_year,
    lines_nl,
    line1_holiday_consent_only
FROM src_registration_eras
