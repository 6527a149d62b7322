-- grain: one row per registration era (a period with one set of codes and one Lijn 1/2 split)
-- source: reference table built from dashboard/contract.py (ERAS)
-- used by: staging
SELECT * FROM read_parquet('reference/registration_eras.parquet')
