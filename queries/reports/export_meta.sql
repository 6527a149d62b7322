-- grain: one row: the export the pages show
-- used by: every page (demo banner, data-as-of footer)
SELECT
    export_date,
    data_until,
    is_demo,
    extrapolated_from,
    source
FROM stg_export_meta
