-- grain: one row per year x mediation type (IKO, NIKO)
-- used by: mediation page (child interviews and special guardians)
-- Counted in the year the request was received, like every mediation figure.
SELECT
    year,
    mediation_type,
    cast(child_interviews AS INTEGER) AS child_interviews,
    cast(children_heard AS INTEGER) AS children_heard,
    cast(special_guardian_appointments AS INTEGER) AS special_guardian_appointments,
    cast(special_guardian_children AS INTEGER) AS special_guardian_children
FROM mart_mediation_by_year_type
ORDER BY year, mediation_type
