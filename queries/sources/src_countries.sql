-- grain: one row per country (ISO 3166-1 alpha-2, plus XK)
-- source: reference table built from pycountry and the HKOV party list
-- used by: staging
SELECT * FROM read_parquet('reference/countries.parquet')
