-- grain: one row per child in a case
-- source: export table children
-- used by: staging
SELECT * FROM read_parquet('children/*.parquet')
