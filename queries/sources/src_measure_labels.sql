-- grain: one row per measure of the catalogue
-- source: data/reference/measure-labels.csv (Dutch label, annual report chapter, definition,
--   and whether the 2024 change of registration touches it; written for the dashboard)
-- used by: staging
SELECT *
FROM read_csv(
    'reference/measure-labels.csv',
    header = TRUE,
    delim = ',',
    quote = '"',
    escape = '"',
    columns = {
        'measure': 'VARCHAR', 'label_nl': 'VARCHAR', 'section': 'VARCHAR',
        'definition_nl': 'VARCHAR', 'registration_sensitive': 'BOOLEAN'
    }
)
