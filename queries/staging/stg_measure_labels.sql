-- grain: one row per measure
-- used by: published_vs_computed, annual_headlines
-- The overview-table measures (line2.<party>.<code>) are labelled from the category names.
SELECT
    measure,
    label_nl
FROM src_measure_labels
UNION ALL
SELECT
    'line2.' || party.measure_part || '.' || categories.category_code AS measure,
    'Lijn 2, ' || party.party_nl || ': ' || categories.category_nl AS label_nl
FROM stg_categories AS categories
CROSS JOIN (
    VALUES ('parents', 'ouders'), ('third_parties', 'derden')
) AS party (measure_part, party_nl)
WHERE categories.overview_order IS NOT NULL
UNION ALL
SELECT
    'line2.' || party.measure_part || '.total' AS measure,
    'Lijn 2, ' || party.party_nl || ': totaal' AS label_nl
FROM (VALUES ('parents', 'ouders'), ('third_parties', 'derden')) AS party (measure_part, party_nl)
