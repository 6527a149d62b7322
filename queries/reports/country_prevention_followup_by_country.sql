-- grain: one row per country of the later abduction, for families whose first parents'
--   prevention case opened in $year_from..$year_to
-- used by: landen (from prevention to abduction: to which country, after how long)
SELECT
    abduction_country_iso2 AS country_iso2,
    abduction_country_nl AS country_nl,
    count(*) AS families,
    count(*) FILTER (WHERE same_country) AS same_country_families,
    median(days_to_abduction) / 30.4375 AS median_months_to_abduction
FROM mart_country_prevention_followup
WHERE later_abduction AND prevention_year BETWEEN $year_from AND $year_to
GROUP BY ALL
ORDER BY families DESC, country_nl ASC
