-- grain: one row per family with a parents' prevention case
-- used by: country_prevention_followup_summary, country_prevention_followup_by_country (landen)
-- Follows a family (family_id) from its first prevention case to the first abduction case of
-- the same family opened after it, if there is one.
WITH cases AS (
    SELECT * FROM stg_cases
),

prevention AS (
    SELECT
        family_id,
        min(opened_date) AS prevention_date,
        arg_min(country_iso2, opened_date) AS prevention_country_iso2,
        arg_min(country_nl, opened_date) AS prevention_country_nl
    FROM cases
    WHERE category_code = 'prevention' AND contact_party = 'parent'
    GROUP BY family_id
),

later_abduction AS (
    SELECT
        prevention.family_id,
        min(abduction.opened_date) AS abduction_date,
        arg_min(abduction.country_iso2, abduction.opened_date) AS abduction_country_iso2,
        arg_min(abduction.country_nl, abduction.opened_date) AS abduction_country_nl,
        arg_min(abduction.direction, abduction.opened_date) AS abduction_direction
    FROM prevention
    INNER JOIN cases AS abduction
        ON
            prevention.family_id = abduction.family_id
            AND abduction.category_code = 'abduction'
            AND prevention.prevention_date < abduction.opened_date
    GROUP BY prevention.family_id
)

SELECT
    prevention.family_id,
    prevention.prevention_date,
    cast(year(prevention.prevention_date) AS INTEGER) AS prevention_year,
    prevention.prevention_country_iso2,
    prevention.prevention_country_nl,
    later_abduction.abduction_date,
    later_abduction.abduction_country_iso2,
    later_abduction.abduction_country_nl,
    later_abduction.abduction_direction,
    later_abduction.abduction_date IS NOT NULL AS later_abduction,
    later_abduction.abduction_country_iso2 = prevention.prevention_country_iso2 AS same_country,
    date_diff('day', prevention.prevention_date, later_abduction.abduction_date)
        AS days_to_abduction
FROM prevention
LEFT JOIN later_abduction ON prevention.family_id = later_abduction.family_id
