-- grain: one row per measure of the catalogue
-- used by: gegevens (the template for importing annual figures of other years)
-- The measures an annual-figures import may use, with the chapter of the annual report, a
-- Dutch description and definition, in the order of the report.
SELECT
    measure,
    label_nl,
    section,
    section_nl,
    definition_nl
FROM stg_measure_labels
ORDER BY section, measure
