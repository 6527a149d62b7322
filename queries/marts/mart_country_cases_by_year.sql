-- grain: one row per opening year x country with a parents' threat or abduction case
-- used by: country_threat_vs_abduction (landen)
-- Counts as the annual report does: cases in which a parent made contact, and their children.
-- Threat = prevention from the Netherlands to the country; outgoing = abduction from the
-- Netherlands to it; incoming = abduction from it to the Netherlands.
WITH cases AS (
    SELECT * FROM stg_cases
),

classified AS (
    SELECT
        opened_year AS year,
        country_iso2,
        children_count,
        hkov_registered,
        CASE
            WHEN category_code = 'prevention' AND direction = 'from_nl' THEN 'threat'
            WHEN category_code = 'abduction' AND direction = 'from_nl' THEN 'outgoing'
            WHEN category_code = 'abduction' AND direction = 'to_nl' THEN 'incoming'
        END AS measure
    FROM cases
    WHERE contact_party = 'parent' AND country_iso2 IS NOT NULL
),

counted AS (
    SELECT
        year,
        country_iso2,
        count(*) FILTER (WHERE measure = 'threat') AS threat_cases,
        cast(coalesce(sum(children_count) FILTER (WHERE measure = 'threat'), 0) AS BIGINT)
            AS threat_children,
        count(*) FILTER (WHERE measure = 'outgoing') AS outgoing_cases,
        cast(coalesce(sum(children_count) FILTER (WHERE measure = 'outgoing'), 0) AS BIGINT)
            AS outgoing_children,
        count(*) FILTER (WHERE measure = 'incoming') AS incoming_cases,
        cast(coalesce(sum(children_count) FILTER (WHERE measure = 'incoming'), 0) AS BIGINT)
            AS incoming_children,
        -- the HKOV flag as registered on these cases: a country's status may change in a year
        count(*) FILTER (WHERE hkov_registered) AS hkov_flag_yes_cases,
        count(*) FILTER (WHERE NOT hkov_registered) AS hkov_flag_no_cases
    FROM classified
    WHERE measure IS NOT NULL
    GROUP BY year, country_iso2
)

SELECT * FROM counted
