-- grain: one row per country with a parents' threat or abduction case in the years
--   $year_from..$year_to or in the period of equal length just before it
-- used by: landen (rankings, scatter, map, table)
-- Ranks are competition ranks (1, 2, 2, 4): tied countries share a place. A country without
-- cases in a list has no rank in it.
WITH yearly AS (
    SELECT * FROM mart_country_cases_by_year
),

countries AS (
    SELECT * FROM stg_countries
),

period AS (
    SELECT
        cast($year_from AS INTEGER) AS year_from,
        cast($year_to AS INTEGER) AS year_to,
        2 * cast($year_from AS INTEGER) - cast($year_to AS INTEGER) - 1 AS previous_from,
        cast($year_from AS INTEGER) - 1 AS previous_to,
        -- the treaty list as on the period's last day, or on data_until in a running year: a
        -- list of a day still to come would count a party that has not joined yet
        least(make_date(cast($year_to AS INTEGER), 12, 31), meta.data_until)
            AS hkov_reference_date
    FROM stg_export_meta AS meta
),

first_year AS (
    SELECT min(opened_year) AS first_year FROM stg_cases
),

-- the years of the period and of the one before it, each marked with the one it is in
period_years AS (
    SELECT
        yearly.*,
        yearly.year >= period.year_from AS in_period
    FROM yearly
    INNER JOIN period ON yearly.year BETWEEN period.previous_from AND period.year_to
),

combined AS (
    SELECT
        country_iso2,
        -- every count of the mart, over the period
        cast(
            coalesce(sum(COLUMNS(* EXCLUDE (year, country_iso2, in_period))) FILTER (WHERE in_period), 0)
            AS BIGINT
        ),
        -- the case counts of the period before it, for the ranks it had then
        cast(
            coalesce(sum(COLUMNS('^(threat|outgoing|incoming)_cases$')) FILTER (WHERE NOT in_period), 0)
            AS BIGINT
        ) AS "previous_\0"
    FROM period_years
    GROUP BY country_iso2
),

ranked AS (
    -- Zero counts sort last, so nulling their rank leaves the other ranks as they are.
    SELECT
        *,
        CASE WHEN threat_cases > 0 THEN rank() OVER (ORDER BY threat_cases DESC) END
            AS threat_rank,
        CASE WHEN outgoing_cases > 0 THEN rank() OVER (ORDER BY outgoing_cases DESC) END
            AS outgoing_rank,
        CASE WHEN incoming_cases > 0 THEN rank() OVER (ORDER BY incoming_cases DESC) END
            AS incoming_rank,
        CASE
            WHEN previous_threat_cases > 0 THEN rank() OVER (ORDER BY previous_threat_cases DESC)
        END AS previous_threat_rank,
        CASE
            WHEN previous_outgoing_cases > 0
                THEN rank() OVER (ORDER BY previous_outgoing_cases DESC)
        END AS previous_outgoing_rank,
        CASE
            WHEN previous_incoming_cases > 0
                THEN rank() OVER (ORDER BY previous_incoming_cases DESC)
        END AS previous_incoming_rank
    FROM combined
)

SELECT
    ranked.country_iso2,
    countries.iso3 AS country_iso3,
    coalesce(countries.country_nl, ranked.country_iso2) AS country_nl,
    ranked.threat_cases,
    ranked.threat_children,
    ranked.outgoing_cases,
    ranked.outgoing_children,
    ranked.incoming_cases,
    ranked.incoming_children,
    ranked.threat_rank,
    ranked.outgoing_rank,
    ranked.incoming_rank,
    ranked.previous_threat_cases,
    ranked.previous_outgoing_cases,
    ranked.previous_incoming_cases,
    ranked.previous_threat_rank,
    ranked.previous_outgoing_rank,
    ranked.previous_incoming_rank,
    ranked.hkov_flag_yes_cases,
    ranked.hkov_flag_no_cases,
    -- the reference list on hkov_reference_date: the default where no case has a flag
    coalesce(
        countries.hkov_party
        AND coalesce(countries.hkov_entry_into_force <= period.hkov_reference_date, TRUE),
        FALSE
    ) AS hkov_reference,
    CASE
        WHEN ranked.hkov_flag_yes_cases > 0 AND ranked.hkov_flag_no_cases > 0 THEN 'wisselend'
        WHEN ranked.hkov_flag_yes_cases > 0 THEN 'HKOV'
        WHEN ranked.hkov_flag_no_cases > 0 THEN 'geen HKOV'
        WHEN
            countries.hkov_party
            AND coalesce(countries.hkov_entry_into_force <= period.hkov_reference_date, TRUE)
            THEN 'HKOV'
        ELSE 'geen HKOV'
    END AS hkov_nl,
    CASE
        WHEN ranked.hkov_flag_yes_cases + ranked.hkov_flag_no_cases > 0 THEN 'zaak'
        ELSE 'verdragslijst'
    END AS hkov_source_nl,
    period.year_from,
    period.year_to,
    period.hkov_reference_date,
    period.previous_from,
    period.previous_to,
    period.previous_from >= first_year.first_year AS previous_period_in_data
FROM ranked
CROSS JOIN period
CROSS JOIN first_year
LEFT JOIN countries ON ranked.country_iso2 = countries.iso2
ORDER BY ranked.threat_cases DESC, ranked.outgoing_cases DESC, country_nl ASC
