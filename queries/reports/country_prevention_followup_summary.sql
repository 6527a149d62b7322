-- grain: one row for the period $year_from..$year_to
-- used by: landen (from prevention to abduction)
-- Two views of the same link through family_id: families with a parents' prevention case first
-- opened in the period and what became of them, and the parents' outgoing abductions opened in
-- the period that had an earlier prevention case of the same family.
WITH families AS (
    SELECT * FROM mart_country_prevention_followup
    WHERE prevention_year BETWEEN $year_from AND $year_to
),

outgoing AS (
    SELECT
        case_id,
        family_id,
        opened_date,
        country_iso2
    FROM stg_cases
    WHERE
        category_code = 'abduction'
        AND contact_party = 'parent'
        AND direction = 'from_nl'
        AND opened_year BETWEEN $year_from AND $year_to
),

earlier_prevention AS (
    SELECT
        outgoing.case_id,
        bool_or(prevention.country_iso2 = outgoing.country_iso2) AS same_country
    FROM outgoing
    INNER JOIN stg_cases AS prevention
        ON
            outgoing.family_id = prevention.family_id
            AND prevention.category_code = 'prevention'
            AND outgoing.opened_date > prevention.opened_date
    GROUP BY outgoing.case_id
),

family_summary AS (
    SELECT
        count(*) AS prevention_families,
        count(*) FILTER (WHERE later_abduction) AS later_abduction_families,
        count(*) FILTER (WHERE same_country) AS same_country_families,
        median(days_to_abduction) / 30.4375 AS median_months_to_abduction,
        min(days_to_abduction) / 30.4375 AS min_months_to_abduction,
        max(days_to_abduction) / 30.4375 AS max_months_to_abduction
    FROM families
),

abduction_summary AS (
    SELECT
        (SELECT count(*) FROM outgoing) AS outgoing_cases,
        count(*) AS outgoing_with_prevention_cases,
        count(*) FILTER (WHERE same_country) AS outgoing_with_prevention_same_country_cases
    FROM earlier_prevention
)

SELECT
    family_summary.*,
    100.0 * family_summary.later_abduction_families
    / nullif(family_summary.prevention_families, 0) AS later_abduction_pct,
    abduction_summary.*,
    100.0 * abduction_summary.outgoing_with_prevention_cases
    / nullif(abduction_summary.outgoing_cases, 0) AS outgoing_with_prevention_pct
FROM family_summary
CROSS JOIN abduction_summary
