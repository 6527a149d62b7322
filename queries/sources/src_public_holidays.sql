-- grain: one row per public holiday
-- source: reference table built from the holidays package
-- used by: staging
SELECT * FROM read_parquet('reference/public_holidays.parquet')
