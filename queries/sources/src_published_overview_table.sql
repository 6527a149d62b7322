-- grain: one row per line of the overview table (section 7) of the annual report 2025
-- source: data/reference/published-2025-overview-table.csv, copied from the report, with its
-- printed change column
-- used by: staging
SELECT *
FROM read_csv(
    'reference/published-2025-overview-table.csv',
    header = TRUE,
    columns = {
        'category_code': 'VARCHAR',
        'parents_2024': 'INTEGER', 'third_parties_2024': 'INTEGER', 'total_2024': 'INTEGER',
        'parents_2025': 'INTEGER', 'third_parties_2025': 'INTEGER', 'total_2025': 'INTEGER',
        'change_pct_printed': 'INTEGER'
    }
)
