-- grain: one row per direction x age band, for $year (parents' abduction cases)
-- used by: jaaroverzicht (children by age band)
WITH children AS (
    SELECT
        cases.direction_nl,
        kids.age_band
    FROM stg_children AS kids
    INNER JOIN stg_cases AS cases ON kids.case_id = cases.case_id
    WHERE
        cases.opened_year = $year
        AND cases.category_code = 'abduction'
        AND cases.contact_party = 'parent'
),

bands AS (
    SELECT
        band.age_band,
        band.sort_order
    FROM (VALUES ('0-5', 1), ('6-12', 2), ('13-17', 3)) AS band (age_band, sort_order)
),

directions AS (
    SELECT DISTINCT direction_nl FROM children
)

SELECT
    directions.direction_nl,
    bands.age_band,
    bands.sort_order,
    count(children.age_band) AS children
FROM directions
CROSS JOIN bands
LEFT JOIN children
    ON directions.direction_nl = children.direction_nl AND bands.age_band = children.age_band
GROUP BY ALL
ORDER BY directions.direction_nl, bands.sort_order
