-- grain: one row per mediation service x year, as quoted in a secondary source
-- source: data/reference/mediation-benchmarks.csv (agreement shares of other mediation services)
-- used by: staging
SELECT *
FROM read_csv(
    'reference/mediation-benchmarks.csv',
    header = TRUE,
    columns = {
        'service': 'VARCHAR', 'country': 'VARCHAR', 'year': 'INTEGER', 'population': 'VARCHAR',
        'agreement_share_pct': 'DOUBLE', 'definition': 'VARCHAR', 'source_note': 'VARCHAR'
    }
)
