-- grain: one row per mediation service x year (other services, from secondary sources)
-- used by: mediation page (optional context; other populations and definitions)
SELECT
    service,
    country_iso2,
    year,
    population_nl,
    agreement_share_pct,
    definition_nl,
    source_note
FROM stg_mediation_benchmarks
ORDER BY service, year
