-- grain: one row per measure of the published vocabulary
-- used by: gegevens (the template for importing annual figures of other years)
-- The measures an annual-figures import may use, with the chapter of the annual report and a
-- Dutch description, in the order of the report.
SELECT DISTINCT
    measure,
    label_nl,
    section,
    section_nl
FROM mart_measures_by_source
WHERE published_value IS NOT NULL
ORDER BY section, measure
