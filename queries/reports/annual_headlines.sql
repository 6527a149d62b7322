-- grain: one row per headline tile of the annual overview, for $year against the year before
-- used by: jaaroverzicht (tiles)
-- $period: 'year' compares whole years; 'to_date' compares both years from 1 January to the
-- calendar day of the last data day (mart_year_to_date), for a year that is still running.
WITH tiles AS (
    SELECT
        tile.sort_order,
        tile.measure,
        tile.tile_group,
        tile.tile_label
    FROM (
        VALUES
        (1, 'cases.total', 'Zaken', 'Zaken totaal'),
        (2, 'cases.line1', 'Zaken', 'Lijn 1-zaken'),
        (3, 'cases.line2', 'Zaken', 'Lijn 2-zaken'),
        (4, 'contacts.total', 'Contactmomenten', 'Contactmomenten totaal'),
        (5, 'contacts.line1', 'Contactmomenten', 'Lijn 1-contacten'),
        (6, 'contacts.line2', 'Contactmomenten', 'Lijn 2-contacten'),
        (7, 'abduction.cases', 'Ontvoering en preventie', 'Ontvoeringszaken'),
        (8, 'abduction.children', 'Ontvoering en preventie', 'Ontvoerde kinderen'),
        (9, 'prevention.cases', 'Ontvoering en preventie', 'Preventiezaken'),
        (10, 'prevention.children', 'Ontvoering en preventie', 'Kinderen bij preventie'),
        (11, 'relocation.cases', 'Vertrek, omgang en mediation', 'Toestemming voor vertrek'),
        (12, 'access.cases', 'Vertrek, omgang en mediation', 'Internationale omgang'),
        (13, 'mediation.requests', 'Vertrek, omgang en mediation', 'Mediationverzoeken'),
        (14, 'mediation.successful', 'Vertrek, omgang en mediation', 'Geslaagde mediations')
    ) AS tile (sort_order, measure, tile_group, tile_label)
),

-- each measure's value in $year and in the year before, over the same $period
compared AS (
    SELECT
        measure,
        any_value(value) FILTER (WHERE year = $year) AS value,
        any_value(value) FILTER (WHERE year = $year - 1) AS previous_value
    FROM mart_period_measures
    WHERE period = $period AND year IN ($year, $year - 1)
    GROUP BY measure
)

SELECT
    tiles.sort_order,
    tiles.tile_group,
    tiles.measure,
    tiles.tile_label,
    labels.label_nl,
    compared.value,
    compared.previous_value,
    100.0 * (compared.value - compared.previous_value) / nullif(compared.previous_value, 0)
        AS change_pct
FROM tiles
LEFT JOIN compared ON tiles.measure = compared.measure
LEFT JOIN stg_measure_labels AS labels ON tiles.measure = labels.measure
ORDER BY tiles.sort_order
