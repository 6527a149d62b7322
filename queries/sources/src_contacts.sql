-- grain: one row per contact
-- source: export table contacts
-- used by: staging
SELECT * FROM read_parquet('contacts/*.parquet')
