-- grain: one row: the export the pages show
-- used by: every page (demo banner, data-as-of footer)
-- The columns are the ones stg_export_meta names: the pages show the export as staged.
SELECT * FROM stg_export_meta
