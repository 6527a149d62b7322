-- grain: one row per measure x dimension x part, counted in $start..$end (now) and in
-- $start_before..$end_before (before)
-- used by: jaaroverzicht and caseload ("Waarom?"), the explain command, the Waarom slide
-- The counts follow mart_period_measures: cases by the day they were opened, contacts by the
-- day they took place, mediation requests by the day they were received, abduction cases
-- where a parent contacted (as the annual report counts them), prevention cases of parents
-- and third parties. Every row of a measure falls in exactly one part of each of its
-- dimensions (a missing label is 'onbekend'), so the parts of a dimension add up to the
-- measure and their differences to its change.
-- line1_now and line1_before count the part's Lijn 1 cases: the calendar part of a change
-- is shared over the parts by them.
-- Filters, as on caseload: $line (0 = both; the line as registered, as the page counts),
-- $category ('alle' = every code), $party ('alle', 'parent', 'third_party': who contacted,
-- for a contact the person it was with). They narrow cases and contacts; a mediation request
-- has no line, code or party and is counted whole.
WITH cases AS (
    SELECT
        opened_date AS day,
        line_def2025,
        category_code,
        contact_party,
        CASE
            WHEN line_def2025 = 1 THEN 'Lijn 1, ' || lower(coalesce(category_nl, 'onbekend'))
            ELSE 'Lijn 2'
        END AS line_nl,
        CASE
            WHEN line_def2025 = 1 THEN 'Lijn 1, ' || lower(coalesce(category_nl, 'onbekend'))
            ELSE coalesce(category_nl, 'onbekend')
        END AS category_nl,
        coalesce(contacted_by_nl, 'onbekend') AS contacted_by_nl,
        coalesce(country_nl, 'onbekend') AS country_nl
    FROM stg_cases
    WHERE
        (opened_date BETWEEN $start AND $end OR opened_date BETWEEN $start_before AND $end_before)
        AND ($line = 0 OR line = $line)
        AND ($category = 'alle' OR category_code = $category)
        AND ($party = 'alle' OR contact_party = $party)
),

case_measures AS (
    SELECT
        'cases.total' AS measure,
        *
    FROM cases
    UNION ALL
    SELECT
        'cases.line1' AS measure,
        *
    FROM cases
    WHERE line_def2025 = 1
    UNION ALL
    SELECT
        'cases.line2' AS measure,
        *
    FROM cases
    WHERE line_def2025 = 2
    UNION ALL
    SELECT
        'abduction.cases' AS measure,
        *
    FROM cases
    WHERE category_code = 'abduction' AND contact_party = 'parent'
    UNION ALL
    SELECT
        'prevention.cases' AS measure,
        *
    FROM cases
    WHERE category_code = 'prevention'
),

-- country only where the annual report splits by it
case_dimensions AS (
    SELECT
        measure,
        day,
        line_def2025,
        line_nl AS line,
        category_nl AS category,
        contacted_by_nl AS contacted_by,
        CASE
            WHEN measure IN ('abduction.cases', 'prevention.cases') THEN country_nl
        END AS country
    FROM case_measures
),

-- a NULL value (country of other measures) leaves no row
case_parts AS (
    UNPIVOT case_dimensions
    ON line, category, contacted_by, country
    INTO NAME dimension VALUE part
),

contacts AS (
    SELECT
        contacts.contact_date AS day,
        contacts.line_def2025,
        CASE
            WHEN contacts.line_def2025 = 1
                THEN 'Lijn 1, ' || lower(coalesce(categories.category_nl, 'onbekend'))
            ELSE 'Lijn 2'
        END AS line_nl,
        CASE
            WHEN contacts.line_def2025 = 1
                THEN 'Lijn 1, ' || lower(coalesce(categories.category_nl, 'onbekend'))
            ELSE coalesce(categories.category_nl, 'onbekend')
        END AS category_nl,
        coalesce(staged.channel_nl, 'onbekend') AS channel_nl,
        coalesce(staged.person_type_nl, 'onbekend') AS person_type_nl
    FROM mart_contacts AS contacts
    INNER JOIN stg_contacts AS staged ON contacts.contact_id = staged.contact_id
    LEFT JOIN stg_categories AS categories ON contacts.category_code = categories.category_code
    WHERE
        (
            contacts.contact_date BETWEEN $start AND $end
            OR contacts.contact_date BETWEEN $start_before AND $end_before
        )
        AND ($line = 0 OR contacts.line = $line)
        AND ($category = 'alle' OR contacts.category_code = $category)
        -- the parties as mart_caseload_contacts_by_month groups the person types
        AND (
            $party = 'alle'
            OR (CASE WHEN contacts.person_type = 'parent' THEN 'parent' ELSE 'third_party' END)
            = $party
        )
),

contact_measures AS (
    SELECT
        'contacts.total' AS measure,
        *
    FROM contacts
    UNION ALL
    SELECT
        'contacts.line1' AS measure,
        *
    FROM contacts
    WHERE line_def2025 = 1
    UNION ALL
    SELECT
        'contacts.line2' AS measure,
        *
    FROM contacts
    WHERE line_def2025 = 2
),

contact_dimensions AS (
    SELECT
        measure,
        day,
        -- contacts are not cases: the calendar part is estimated for Lijn 1 cases only
        NULL AS line_def2025,
        line_nl AS line,
        category_nl AS category,
        channel_nl AS channel,
        person_type_nl AS person_type
    FROM contact_measures
),

contact_parts AS (
    UNPIVOT contact_dimensions
    ON line, category, channel, person_type
    INTO NAME dimension VALUE part
),

mediation_parts AS (
    SELECT
        'mediation.requests' AS measure,
        received_date AS day,
        NULL AS line_def2025,
        'type' AS dimension,
        coalesce(mediation_type, 'onbekend') AS part
    FROM stg_mediations
    WHERE
        received_date BETWEEN $start AND $end
        OR received_date BETWEEN $start_before AND $end_before
),

parts AS (
    SELECT * FROM case_parts
    UNION ALL
    SELECT * FROM contact_parts
    UNION ALL
    SELECT * FROM mediation_parts
)

SELECT
    measure,
    dimension,
    part,
    cast(count_if(day BETWEEN $start AND $end) AS INTEGER) AS count_now,
    cast(count_if(day BETWEEN $start_before AND $end_before) AS INTEGER) AS count_before,
    cast(count_if(day BETWEEN $start AND $end AND line_def2025 = 1) AS INTEGER) AS line1_now,
    cast(count_if(day BETWEEN $start_before AND $end_before AND line_def2025 = 1) AS INTEGER)
        AS line1_before
FROM parts
GROUP BY measure, dimension, part
ORDER BY measure, dimension, part
