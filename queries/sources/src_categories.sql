-- grain: one row per category code
-- source: reference table built from dashboard/contract.py
-- used by: staging
SELECT * FROM read_parquet('reference/categories.parquet')
