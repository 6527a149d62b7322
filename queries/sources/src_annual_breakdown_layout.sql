-- grain: one row per bar of the annual overview's breakdown charts
-- source: data/reference/annual-breakdowns.csv (which measure goes in which chart, with labels)
-- used by: staging
SELECT *
FROM read_csv(
    'reference/annual-breakdowns.csv',
    header = TRUE,
    columns = {
        'breakdown_order': 'INTEGER', 'breakdown': 'VARCHAR',
        'breakdown_nl': 'VARCHAR', 'counts_nl': 'VARCHAR',
        'measure': 'VARCHAR', 'item_nl': 'VARCHAR', 'series_nl': 'VARCHAR',
        'unit_nl': 'VARCHAR', 'sort_order': 'INTEGER'
    }
)
