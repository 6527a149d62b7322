-- grain: one row per section of the annual report (the catalogue's and the printed figures'
-- `section`)
-- used by: stg_measure_labels, stg_published_figures (section_nl, the heading pages show)
SELECT
    sections.section,
    sections.section_nl
FROM (
    VALUES
    ('2', '2. Zaken en contactmomenten'),
    ('3', '3. Preventie'),
    ('4', '4. Toestemming voor vertrek'),
    ('5', '5. Internationale kinderontvoering'),
    ('6', '6. Internationale omgang'),
    ('7', '7. Overzicht Lijn 1 en Lijn 2'),
    ('mediation', 'Mediation')
) AS sections (section, section_nl)
