-- grain: one row per case
-- source: export table cases
-- used by: staging
SELECT * FROM read_parquet('cases/*.parquet')
