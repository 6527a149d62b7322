-- grain: one row per export table
-- used by: /gegevens
SELECT
    table_name,
    table_nl,
    row_count,
    first_date,
    last_date
FROM mart_table_status
ORDER BY table_name
