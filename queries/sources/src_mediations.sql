-- grain: one row per mediation request
-- source: export table mediations
-- used by: staging
SELECT * FROM read_parquet('mediations/*.parquet')
