-- grain: one row per mediation service x year
-- used by: report mediation_benchmarks (mediation page, context of other services)
-- The CSV writes "as above" for a service's later rows; every row gets its own full source
-- note here, so no row can be shown without where it comes from. The CSV is in English; the
-- descriptions it repeats get a Dutch wording (others keep the original), the source notes
-- stay verbatim because they are citations.
WITH benchmarks AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY service ORDER BY year) AS row_in_service
    FROM src_mediation_benchmarks
),

first_notes AS (
    SELECT
        service,
        source_note AS service_note
    FROM benchmarks
    WHERE row_in_service = 1
)

SELECT
    benchmarks.service,
    benchmarks.country AS country_iso2,
    benchmarks.year,
    benchmarks.population,
    CASE benchmarks.population
        WHEN 'cross-border family mediations in Hague abduction cases'
            THEN 'cross-border mediations in HKOV-ontvoeringszaken'
        WHEN '28 mediations in Hague abduction cases' THEN '28 mediations in HKOV-ontvoeringszaken'
        WHEN 'cross-border family mediations' THEN 'cross-border familiemediations'
        WHEN 'court-annexed family and civil mediation'
            THEN 'mediation naast rechtspraak (familie- en civiele zaken)'
        ELSE benchmarks.population
    END AS population_nl,
    benchmarks.agreement_share_pct,
    benchmarks.definition,
    CASE
        WHEN benchmarks.definition = 'full or partial agreement'
            THEN 'volledige of gedeeltelijke overeenkomst'
        WHEN benchmarks.definition = 'signed agreement' THEN 'getekende overeenkomst'
        WHEN regexp_matches(benchmarks.definition, '^\d+ full \+ \d+ partial$')
            THEN regexp_replace(
                benchmarks.definition, '^(\d+) full \+ (\d+) partial$',
                '\1 volledig + \2 gedeeltelijk'
            )
        ELSE benchmarks.definition
    END AS definition_nl,
    CASE
        WHEN lower(trim(benchmarks.source_note)) = 'as above' THEN first_notes.service_note
        ELSE benchmarks.source_note
    END AS source_note
FROM benchmarks
LEFT JOIN first_notes ON benchmarks.service = first_notes.service
