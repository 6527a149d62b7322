-- grain: one row per country
-- used by: stg_cases, country marts
SELECT
    iso2,
    iso3,
    name_nl AS country_nl,
    hkov_party,
    hkov_entry_into_force
FROM src_countries
