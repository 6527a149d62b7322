-- grain: one row per percentage change printed in an annual report (text or table)
-- source: data/reference/published-2025-changes.csv, transcribed from the report
-- used by: staging
SELECT *
FROM read_csv(
    'reference/published-2025-changes.csv',
    header = TRUE,
    columns = {
        'year': 'INTEGER', 'measure': 'VARCHAR', 'change_pct_printed': 'INTEGER',
        'printed_in': 'VARCHAR', 'quote': 'VARCHAR'
    }
)
