-- grain: one row per case
-- used by: marts (every page counts cases from here)
-- Decodes the export's codes into Dutch labels and derives the year and month of opening.
-- Every case gets its line under both definitions the annual reports use, whatever era it
-- was registered in: `line_def2025` (Lijn 1 is the code 'toestemming voor vakantie', as from
-- 2024) and `line_def2020` (Lijn 2 is a parent's case other than holiday consent; before 2024
-- the line as registered, which is what that definition was).
WITH cases AS (
    SELECT * FROM src_cases
),

categories AS (
    SELECT * FROM stg_categories
),

countries AS (
    SELECT * FROM stg_countries
),

eras AS (
    SELECT * FROM stg_registration_eras
),

decoded AS (
    SELECT
        cases.case_id,
        cases.family_id,
        cases.opened_date,
        cases.closed_date,
        cast(year(cases.opened_date) AS INTEGER) AS opened_year,
        cast(date_trunc('month', cases.opened_date) AS DATE) AS opened_month,
        cast(year(cases.closed_date) AS INTEGER) AS closed_year,
        cast(cases.line AS INTEGER) AS line,
        eras.era AS registration_era,
        CASE WHEN cases.category_code = 'holiday_consent' THEN 1 ELSE 2 END AS line_def2025,
        CASE
            WHEN NOT eras.line1_holiday_consent_only THEN cast(cases.line AS INTEGER)
            WHEN
                cases.category_code != 'holiday_consent'
                AND cases.contacted_by IN ('mother', 'father')
                THEN 2
            ELSE 1
        END AS line_def2020,
        cases.category_code,
        categories.category_nl,
        categories.overview_order,
        cases.contacted_by,
        CASE cases.contacted_by
            WHEN 'mother' THEN 'moeder'
            WHEN 'father' THEN 'vader'
            WHEN 'family_acquaintance' THEN 'familie of kennis'
            WHEN 'professional' THEN 'professional'
        END AS contacted_by_nl,
        CASE
            WHEN cases.contacted_by IN ('mother', 'father') THEN 'parent'
            ELSE 'third_party'
        END AS contact_party,
        CASE
            WHEN cases.contacted_by IN ('mother', 'father') THEN 'ouders'
            ELSE 'derden'
        END AS contact_party_nl,
        cases.parent_role,
        cases.acting_person,
        cases.direction,
        CASE cases.direction
            WHEN 'from_nl' THEN 'vanuit Nederland'
            WHEN 'to_nl' THEN 'naar Nederland'
            WHEN 'outside_nl' THEN 'buiten Nederland om'
        END AS direction_nl,
        cases.country_iso2,
        countries.country_nl,
        cases.hkov_registered,
        -- the reference list's view: party, and in force on the day the case was opened
        countries.hkov_party
        AND coalesce(countries.hkov_entry_into_force <= cases.opened_date, TRUE)
            AS hkov_reference,
        cast(cases.children_count AS INTEGER) AS children_count,
        cases.conflict_case
    FROM cases
    LEFT JOIN categories ON cases.category_code = categories.category_code
    LEFT JOIN countries ON cases.country_iso2 = countries.iso2
    LEFT JOIN eras
        ON
            cases.opened_date >= eras.valid_from
            AND (eras.valid_until IS NULL OR cases.opened_date <= eras.valid_until)
)

SELECT * FROM decoded
