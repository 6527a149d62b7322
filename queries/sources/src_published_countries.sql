-- grain: one row per year x list x country named in an annual report
-- source: data/reference/published-2025-countries.csv
-- used by: staging
SELECT *
FROM read_csv(
    'reference/published-2025-countries.csv',
    header = TRUE,
    columns = {
        'year': 'INTEGER', 'list': 'VARCHAR', 'rank': 'INTEGER',
        'country_nl': 'VARCHAR', 'iso2': 'VARCHAR', 'note': 'VARCHAR'
    }
)
