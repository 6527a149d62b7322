-- grain: one row per source file x year x measure, as printed in an annual report
-- source: data/reference/published-2025-report.csv (annual report 2025, chapters on cases
--   and mediation) and, once imported with 'iko-dashboard import-published', the figures of
--   other years in <data home>/reference/published-imported-report.csv. The glob always
--   matches the reference file, so the view never fails on a missing import.
-- used by: staging
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
    columns = {
        'year': 'INTEGER', 'measure': 'VARCHAR', 'value': 'DOUBLE',
        'section': 'VARCHAR', 'note': 'VARCHAR'
    }
)
