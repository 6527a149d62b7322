-- grain: one row per measure of the published vocabulary
-- source: data/reference/measure-labels.csv (Dutch labels, written for the dashboard)
-- used by: staging
SELECT *
FROM read_csv(
    'reference/measure-labels.csv',
    header = TRUE,
    columns = { 'measure': 'VARCHAR', 'label_nl': 'VARCHAR' }
)
