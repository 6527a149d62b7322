-- grain: one row per child in a case
-- used by: marts (children counts by age band)
SELECT
    child_id,
    case_id,
    cast(age_years AS INTEGER) AS age_years,
    CASE
        WHEN age_years <= 5 THEN '0-5'
        WHEN age_years <= 12 THEN '6-12'
        ELSE '13-17'
    END AS age_band
FROM src_children
