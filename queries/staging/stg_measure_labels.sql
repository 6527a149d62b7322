-- grain: one row per measure of the catalogue
-- used by: published_vs_computed, annual_headlines, published_measures
-- The overview-table measures (line2.<party>.<code>) and the 2020 report's counts per code
-- (line1.def2020.<code>, line2.def2020.<code>) are labelled from the category names.
WITH listed AS (
    SELECT
        measure,
        label_nl,
        section,
        definition_nl,
        registration_sensitive
    FROM src_measure_labels
),

overview_cells AS (
    SELECT
        'line2.' || party.measure_part || '.' || categories.category_code AS measure,
        'Lijn 2, ' || party.party_nl || ': ' || categories.category_nl AS label_nl,
        '7' AS section,
        'Zaken met de code ''' || categories.category_nl || ''' waarin '
        || party.who_nl || ' contact opnam (overzichtstabel van het jaarverslag 2025).'
            AS definition_nl,
        TRUE AS registration_sensitive
    FROM stg_categories AS categories
    CROSS JOIN (
        VALUES
        ('parents', 'ouders', 'een ouder'),
        ('third_parties', 'derden', 'een familielid, kennis of professional')
    ) AS party (measure_part, party_nl, who_nl)
    WHERE categories.overview_order IS NOT NULL
),

overview_totals AS (
    SELECT
        'line2.' || party.measure_part || '.total' AS measure,
        'Lijn 2, ' || party.party_nl || ': totaal' AS label_nl,
        '7' AS section,
        'Lijn 2-zaken (definitie 2025) waarin ' || party.who_nl || ' contact opnam.'
            AS definition_nl,
        TRUE AS registration_sensitive
    FROM (
        VALUES
        ('parents', 'ouders', 'een ouder'),
        ('third_parties', 'derden', 'een familielid, kennis of professional')
    ) AS party (measure_part, party_nl, who_nl)
),

-- codes of the registration before 2024, per line as the 2020 report counts them
def2020_cells AS (
    SELECT
        'line' || lines.line || '.def2020.' || categories.category_code AS measure,
        lines.line_nl || ' (definitie 2020): ' || categories.category_nl AS label_nl,
        '7' AS section,
        lines.line_nl || ' (definitie 2020) met de code ''' || categories.category_nl
        || ''' (jaarverslag 2020, figuur ' || lines.figure || ').' AS definition_nl,
        TRUE AS registration_sensitive
    FROM stg_categories AS categories
    INNER JOIN stg_registration_eras AS eras
        ON NOT eras.line1_holiday_consent_only AND categories.valid_from <= eras.valid_until
    CROSS JOIN (
        VALUES (1, 'Eerstelijnszaken', '1.6.1'), (2, 'Tweedelijnszaken', '1.6.2')
    ) AS lines (line, line_nl, figure)
    WHERE NOT (
        lines.line = 2
        AND categories.category_code IN (
            'prevention', 'relocation_consent', 'abduction', 'international_access'
        )
    )
),

all_measures AS (
    SELECT * FROM listed
    UNION ALL
    SELECT * FROM overview_cells
    UNION ALL
    SELECT * FROM overview_totals
    UNION ALL
    SELECT * FROM def2020_cells
)

SELECT
    all_measures.measure,
    all_measures.label_nl,
    all_measures.section,
    coalesce(sections.section_nl, all_measures.section) AS section_nl,
    all_measures.definition_nl,
    all_measures.registration_sensitive
FROM all_measures
LEFT JOIN stg_report_sections AS sections ON all_measures.section = sections.section
