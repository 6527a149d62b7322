-- grain: one row per export
-- source: export table export_meta
-- used by: staging
SELECT * FROM read_parquet('export_meta/*.parquet')
