-- grain: one row per headline tile of the annual overview
-- source: data/reference/annual-headlines.csv (which measure goes in which tile, with labels)
-- used by: staging
SELECT *
FROM read_csv(
    'reference/annual-headlines.csv',
    header = TRUE,
    columns = {
        'sort_order': 'INTEGER', 'measure': 'VARCHAR',
        'tile_group': 'VARCHAR', 'tile_label': 'VARCHAR'
    }
)
