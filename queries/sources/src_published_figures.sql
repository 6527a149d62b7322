-- grain: one row per year x measure, as printed in an annual report
-- source: data/reference/published-2025-report.csv (annual report 2025, chapters on cases and mediation)
-- used by: staging
SELECT *
FROM read_csv(
    'reference/published-2025-report.csv',
    header = TRUE,
    columns = {
        'year': 'INTEGER', 'measure': 'VARCHAR', 'value': 'DOUBLE',
        'section': 'VARCHAR', 'note': 'VARCHAR'
    }
)
