-- grain: one row per year x mediation type (IKO, NIKO), also for a year without requests
-- used by: reports mediation_funnel, mediation_success_trend, mediation_children (mediation page)
-- Same definitions as mart_annual_measures: a request counts in the year it was received;
-- conducted = started and not stopped after the intake (stg_mediations.conducted); success =
-- a full agreement among the conducted; partial (or mirror) and no agreement are not
-- successful; a running mediation is neither, so the success rate divides by the conducted
-- mediations that have ended.
WITH mediations AS (
    SELECT * FROM stg_mediations
),

years AS (
    SELECT opened_year AS year FROM stg_cases
    UNION
    SELECT received_year FROM mediations
),

types AS (
    SELECT t.mediation_type FROM (VALUES ('IKO'), ('NIKO')) AS t (mediation_type)
),

counts AS (
    SELECT
        received_year AS year,
        mediation_type,
        count(*) AS requests,
        count_if(started) AS started,
        count_if(NOT started AND not_started_reason = 'court_decided_against')
            AS not_started_court_decided_against,
        count_if(NOT started AND not_started_reason = 'parent_declined')
            AS not_started_parent_declined,
        count_if(NOT started AND not_started_reason = 'withdrawn') AS not_started_withdrawn,
        count_if(NOT started AND not_started_reason = 'other') AS not_started_other,
        -- not started and no reason yet: the decision is still open
        count_if(NOT started AND not_started_reason IS NULL) AS not_yet_decided,
        count_if(started AND stopped_after_intake) AS stopped_after_intake,
        count_if(conducted) AS conducted,
        count_if(conducted AND outcome = 'full_agreement') AS full_agreement,
        count_if(conducted AND outcome = 'partial_agreement') AS partial_agreement,
        count_if(conducted AND outcome = 'no_agreement') AS no_agreement,
        count_if(conducted AND outcome = 'running') AS running,
        coalesce(sum(child_interviews), 0) AS child_interviews,
        coalesce(sum(children_heard), 0) AS children_heard,
        count_if(special_guardian_appointed) AS special_guardian_appointments,
        coalesce(sum(special_guardian_children), 0) AS special_guardian_children
    FROM mediations
    GROUP BY ALL
),

filled AS (
    SELECT
        years.year,
        types.mediation_type,
        coalesce(counts.requests, 0) AS requests,
        coalesce(counts.started, 0) AS started,
        coalesce(counts.requests, 0) - coalesce(counts.started, 0) AS not_started,
        coalesce(counts.not_started_court_decided_against, 0) AS not_started_court_decided_against,
        coalesce(counts.not_started_parent_declined, 0) AS not_started_parent_declined,
        coalesce(counts.not_started_withdrawn, 0) AS not_started_withdrawn,
        coalesce(counts.not_started_other, 0) AS not_started_other,
        coalesce(counts.not_yet_decided, 0) AS not_yet_decided,
        coalesce(counts.stopped_after_intake, 0) AS stopped_after_intake,
        coalesce(counts.conducted, 0) AS conducted,
        coalesce(counts.full_agreement, 0) AS full_agreement,
        coalesce(counts.partial_agreement, 0) AS partial_agreement,
        coalesce(counts.no_agreement, 0) AS no_agreement,
        coalesce(counts.running, 0) AS running,
        coalesce(counts.child_interviews, 0) AS child_interviews,
        coalesce(counts.children_heard, 0) AS children_heard,
        coalesce(counts.special_guardian_appointments, 0) AS special_guardian_appointments,
        coalesce(counts.special_guardian_children, 0) AS special_guardian_children
    FROM years
    CROSS JOIN types
    LEFT JOIN counts
        ON years.year = counts.year AND types.mediation_type = counts.mediation_type
)

SELECT
    *,
    full_agreement AS successful,
    partial_agreement + no_agreement AS unsuccessful,
    -- the success rate's denominator: conducted and ended (running ones left out)
    full_agreement + partial_agreement + no_agreement AS ended
FROM filled
