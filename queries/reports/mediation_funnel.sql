-- grain: one row per mediation type x step of the funnel (from one stage to the next) in $year
-- used by: mediation page (funnel per type)
-- Every request takes exactly one path: not started (with its reason, or not yet decided),
-- or started and then stopped after the intake or conducted; a conducted mediation ends in a
-- full, partial (or mirror) or no agreement, or is still running. A step with no requests
-- is kept (count 0), so both types always list the same steps.
WITH year_rows AS (
    SELECT * FROM mart_mediation_by_year_type
    WHERE year = $year
),

stage_counts AS (
    UNPIVOT (
        SELECT
            mediation_type,
            started,
            not_started_court_decided_against,
            not_started_parent_declined,
            not_started_withdrawn,
            not_started_other,
            not_yet_decided,
            stopped_after_intake,
            conducted,
            full_agreement,
            partial_agreement,
            no_agreement,
            running
        FROM year_rows
    )
    ON COLUMNS(* EXCLUDE (mediation_type))
    INTO NAME to_stage VALUE request_count
),

steps AS (
    SELECT
        s.step_order,
        s.from_stage,
        s.to_stage
    FROM (
        VALUES
        (1, 'requests', 'started'),
        (2, 'requests', 'not_started_court_decided_against'),
        (3, 'requests', 'not_started_parent_declined'),
        (4, 'requests', 'not_started_withdrawn'),
        (5, 'requests', 'not_started_other'),
        (6, 'requests', 'not_yet_decided'),
        (7, 'started', 'stopped_after_intake'),
        (8, 'started', 'conducted'),
        (9, 'conducted', 'full_agreement'),
        (10, 'conducted', 'partial_agreement'),
        (11, 'conducted', 'no_agreement'),
        (12, 'conducted', 'running')
    ) AS s (step_order, from_stage, to_stage)
)

SELECT
    stage_counts.mediation_type,
    steps.step_order,
    steps.from_stage,
    steps.to_stage,
    cast(stage_counts.request_count AS INTEGER) AS request_count
FROM stage_counts
INNER JOIN steps ON stage_counts.to_stage = steps.to_stage
ORDER BY stage_counts.mediation_type, steps.step_order
