-- grain: one row per mediation request
-- used by: marts (mediation funnel, annual measures)
SELECT
    mediation_id,
    case_id,
    received_date,
    cast(year(received_date) AS INTEGER) AS received_year,
    mediation_type,
    started,
    not_started_reason,
    start_date,
    stopped_after_intake,
    -- conducted: started and continued after the intake
    started AND NOT stopped_after_intake AS conducted,
    outcome,
    end_date,
    cast(child_interviews AS INTEGER) AS child_interviews,
    cast(children_heard AS INTEGER) AS children_heard,
    special_guardian_appointed,
    cast(special_guardian_children AS INTEGER) AS special_guardian_children
FROM src_mediations
