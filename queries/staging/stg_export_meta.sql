-- grain: one row per export (the published data set has exactly one)
-- used by: every page's banner and footer (report export_meta)
SELECT
    export_date,
    data_until,
    is_demo,
    extrapolated_from,
    source
FROM src_export_meta
