-- grain: one row per source file x year x measure, as printed in an annual report
-- source: data/reference/published-2025-report.csv (annual report 2025, chapters on cases
--   and mediation) and, once imported with 'iko-dashboard import-published', the figures of
--   other years in <data home>/reference/published-imported-report.csv. The glob always
--   matches the reference file, so the view never fails on a missing import.
--   An imported file may carry a column `source` (where a figure was printed); the reference
--   file has none, so the union by name gives every row the column, empty where not given.
-- used by: staging
WITH printed AS (
    SELECT
        * EXCLUDE (filename),
        parse_filename(filename) AS source_file
    FROM read_csv(
        'reference/published-*-report.csv',
        header = TRUE,
        -- stated, not sniffed: the sniffer reads the first file of the glob, and a note with a
        -- comma in another file would then split into one column too many
        delim = ',',
        quote = '"',
        escape = '"',
        filename = TRUE,
        union_by_name = TRUE,
        types = {
            'year': 'INTEGER', 'measure': 'VARCHAR', 'value': 'DOUBLE',
            'section': 'VARCHAR', 'note': 'VARCHAR'
        }
    )
),

-- no rows: only there to give the union its `source` column
source_column AS (
    SELECT cast(NULL AS VARCHAR) AS source
    WHERE FALSE
)

SELECT * FROM printed
UNION ALL BY NAME
SELECT * FROM source_column
