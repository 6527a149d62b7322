-- grain: one row per list (threat, outgoing, incoming) x country with cases in the years
--   $year_from..$year_to and none in the period of equal length just before it
-- used by: landen (the list of new countries)
-- 'Nieuw' on the page means exactly this. first_ever: no case on that list in any earlier
-- year of the data either, as far back as the data reaches (data_from_year); last_year_before:
-- the last earlier year with a case on that list. Empty when the data does not reach back to
-- the period before: then nothing can be called new.
WITH yearly AS (
    SELECT * FROM mart_country_cases_by_year
),

period AS (
    SELECT
        cast($year_from AS INTEGER) AS year_from,
        cast($year_to AS INTEGER) AS year_to,
        2 * cast($year_from AS INTEGER) - cast($year_to AS INTEGER) - 1 AS previous_from
),

first_year AS (
    SELECT min(opened_year) AS data_from_year FROM stg_cases
),

by_list AS (
    SELECT
        year,
        country_iso2,
        'threat' AS list,
        threat_cases AS cases
    FROM yearly
    UNION ALL
    SELECT
        year,
        country_iso2,
        'outgoing',
        outgoing_cases
    FROM yearly
    UNION ALL
    SELECT
        year,
        country_iso2,
        'incoming',
        incoming_cases
    FROM yearly
),

per_country AS (
    SELECT
        by_list.list,
        by_list.country_iso2,
        sum(by_list.cases) FILTER (
            WHERE by_list.year BETWEEN period.year_from AND period.year_to
        ) AS cases,
        sum(by_list.cases) FILTER (
            WHERE by_list.year BETWEEN period.previous_from AND period.year_from - 1
        ) AS previous_cases,
        max(by_list.year) FILTER (
            WHERE by_list.year < period.year_from AND by_list.cases > 0
        ) AS last_year_before
    FROM by_list
    CROSS JOIN period
    GROUP BY by_list.list, by_list.country_iso2
)

SELECT
    per_country.list,
    CASE per_country.list
        WHEN 'threat' THEN 'dreiging'
        WHEN 'outgoing' THEN 'uitgaande ontvoering'
        ELSE 'inkomende ontvoering'
    END AS list_nl,
    per_country.country_iso2,
    coalesce(countries.country_nl, per_country.country_iso2) AS country_nl,
    cast(per_country.cases AS INTEGER) AS cases,
    per_country.last_year_before,
    per_country.last_year_before IS NULL AS first_ever,
    first_year.data_from_year,
    CASE
        WHEN per_country.last_year_before IS NULL
            THEN 'nooit (sinds ' || first_year.data_from_year || ')'
        ELSE cast(per_country.last_year_before AS VARCHAR)
    END AS earlier_nl
FROM per_country
CROSS JOIN period
CROSS JOIN first_year
LEFT JOIN stg_countries AS countries ON per_country.country_iso2 = countries.iso2
WHERE
    per_country.cases > 0
    AND coalesce(per_country.previous_cases, 0) = 0
    -- only where the data covers the whole period before
    AND first_year.data_from_year <= period.previous_from
ORDER BY
    CASE per_country.list WHEN 'threat' THEN 1 WHEN 'outgoing' THEN 2 ELSE 3 END ASC,
    per_country.cases DESC,
    country_nl ASC
