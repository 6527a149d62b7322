-- grain: one row per year x list x named country
-- used by: country page checks
SELECT
    year,
    list,
    rank AS published_rank,
    country_nl,
    iso2,
    note
FROM src_published_countries
