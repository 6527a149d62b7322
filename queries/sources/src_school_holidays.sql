-- grain: one row per region x school holiday
-- source: reference table built from the holidays package
-- used by: staging
SELECT * FROM read_parquet('reference/school_holidays.parquet')
