-- grain: one row per year x period x measure (the vocabulary of
-- data/reference/published-2025-report.csv); period 'year' is the whole year (as far as the
-- data reaches), 'to_date' the year from 1 January to the calendar day of the last data day
-- (mart_year_to_date)
-- used by: mart_annual_measures (period 'year'), annual_headlines and annual_breakdowns
--   (jaaroverzicht of a running year), trend_same_period (trends)
-- 'to_date' counts each year as it stood on its cut-off day: what was opened, received or took
-- place by then, a case closed or a mediation started or ended only if that happened by then.
-- So 2025 t/m 22 november is the count a page would have shown on 22 November 2025, the same
-- kind of count as 2026 t/m 22 november. (Child interviews and guardians carry no date and
-- count with their request.)
-- Definitions follow the annual report: cases count by the year they were opened, contacts by
-- the year they took place, mediation requests by the year they were received. The report's
-- chapters 3 to 6 count the cases in which a PARENT contacted (its words: "waarbij de ouder
-- contact heeft opgenomen"), and so do their children; chapter 7 splits every Lijn 2 code by
-- parents and third parties.
-- Where the 2020 and the 2025 report define a word differently, each definition is its own
-- measure: Lijn 1 and Lijn 2 (`cases.line1`, as from 2024: the code 'toestemming voor
-- vakantie'; `cases.line1.def2020`: simple questions and every third party's case), and a
-- successful mediation (full agreement; `.def2020`: full or mirror agreement).
WITH periods AS (
    SELECT period.period
    FROM (VALUES ('year'), ('to_date')) AS period (period)
),

cut_off AS (
    SELECT
        year,
        period_end
    FROM mart_year_to_date
),

cases AS (
    SELECT
        periods.period,
        stg_cases.* REPLACE (
            CASE
                WHEN periods.period = 'year' OR stg_cases.closed_date <= cut_off.period_end
                    THEN stg_cases.closed_date
            END AS closed_date,
            CASE
                WHEN periods.period = 'year' OR stg_cases.closed_date <= cut_off.period_end
                    THEN stg_cases.closed_year
            END AS closed_year
        )
    FROM stg_cases
    CROSS JOIN periods
    LEFT JOIN cut_off ON stg_cases.opened_year = cut_off.year
    WHERE periods.period = 'year' OR stg_cases.opened_date <= cut_off.period_end
),

parents AS (
    SELECT * FROM cases
    WHERE contact_party = 'parent'
),

contacts AS (
    SELECT
        periods.period,
        mart_contacts.*
    FROM mart_contacts
    CROSS JOIN periods
    LEFT JOIN cut_off ON mart_contacts.contact_year = cut_off.year
    WHERE periods.period = 'year' OR mart_contacts.contact_date <= cut_off.period_end
),

mediations_as_of AS (
    SELECT
        periods.period,
        stg_mediations.*,
        periods.period = 'year' OR stg_mediations.start_date <= cut_off.period_end AS has_started,
        periods.period = 'year' OR stg_mediations.end_date <= cut_off.period_end AS has_ended
    FROM stg_mediations
    CROSS JOIN periods
    LEFT JOIN cut_off ON stg_mediations.received_year = cut_off.year
    WHERE periods.period = 'year' OR stg_mediations.received_date <= cut_off.period_end
),

mediations AS (
    SELECT
        * EXCLUDE (has_started, has_ended) REPLACE (
            started AND coalesce(has_started, FALSE) AS started,
            stopped_after_intake AND coalesce(has_ended, FALSE) AS stopped_after_intake,
            started AND coalesce(has_started, FALSE)
            AND NOT (stopped_after_intake AND coalesce(has_ended, FALSE)) AS conducted,
            CASE WHEN coalesce(has_ended, FALSE) THEN outcome END AS outcome
        )
    FROM mediations_as_of
),

meta AS (
    SELECT max(data_until) AS data_until FROM stg_export_meta
),

-- the monthly average divides by the months the data covers: 12 for a complete year (an
-- export starts on 1 January, see the contract); for the running year the months up to
-- data_until, the last one in part (22 of 30 days of November is 0,73 month), so a month
-- just begun does not pull the average down
period_years AS (
    SELECT DISTINCT
        period,
        opened_year AS year
    FROM cases
),

year_months AS (
    SELECT
        years.period,
        years.year,
        12.0
        * (
            CASE years.period
                WHEN 'year' THEN least(meta.data_until, make_date(years.year, 12, 31))
                ELSE cut_off.period_end
            END
            - make_date(years.year, 1, 1) + 1
        )
        / (make_date(years.year, 12, 31) - make_date(years.year, 1, 1) + 1) AS months
    FROM period_years AS years
    CROSS JOIN meta
    LEFT JOIN cut_off ON years.year = cut_off.year
),

line2_average AS (
    SELECT
        cases.period,
        cases.opened_year AS year,
        count_if(cases.line_def2025 = 2) / any_value(year_months.months)
            AS "cases.line2.monthly_average"
    FROM cases
    INNER JOIN year_months
        ON cases.opened_year = year_months.year AND cases.period = year_months.period
    GROUP BY cases.period, cases.opened_year
),

case_measures AS (
    SELECT
        period,
        opened_year AS year,
        count(*) AS "cases.total",
        count_if(line_def2025 = 1) AS "cases.line1",
        count_if(line_def2025 = 2) AS "cases.line2",
        count_if(line_def2025 = 2 AND closed_year = opened_year)
            AS "cases.line2.closed_same_year",
        count_if(line_def2025 = 2 AND (closed_date IS NULL OR closed_year > opened_year))
            AS "cases.line2.carried_to_next_year",
        count_if(line_def2020 = 1) AS "cases.line1.def2020",
        coalesce(sum(children_count) FILTER (WHERE line_def2020 = 1), 0)
            AS "cases.line1.def2020.children",
        count_if(line_def2020 = 2) AS "cases.line2.def2020",
        count_if(line_def2020 = 2 AND (closed_date IS NULL OR closed_year > opened_year))
            AS "cases.line2.def2020.carried_to_next_year",
        -- the Lijn 2 codes the 2020 report lists as 'overige tweedelijnszaken' (figure 1.6.2)
        count_if(
            line_def2020 = 2
            AND category_code NOT IN (
                'prevention', 'relocation_consent', 'abduction', 'international_access'
            )
        ) AS "line2.def2020.other_codes.total",
        count_if(line_def2020 = 2 AND category_code = 'international_access')
            AS "access.cases.def2020",
        coalesce(
            sum(children_count)
            FILTER (WHERE line_def2020 = 2 AND category_code = 'international_access'),
            0
        ) AS "access.children.def2020",
        count_if(
            line_def2020 = 2 AND category_code = 'international_access'
            AND contact_party = 'third_party'
        ) AS "access.advice_sought.third_parties",
        count_if(category_code = 'prevention') AS "prevention.cases",
        count_if(category_code = 'prevention' AND contact_party = 'parent')
            AS "prevention.cases.parents",
        count_if(category_code = 'prevention' AND contact_party = 'third_party')
            AS "prevention.cases.third_parties",
        count_if(category_code = 'abduction_by_family') AS "abduction.by_family.cases",
        coalesce(sum(children_count) FILTER (WHERE category_code = 'abduction_by_family'), 0)
            AS "abduction.by_family.children"
    FROM cases
    GROUP BY period, opened_year
),

prevention AS (
    SELECT
        period,
        opened_year AS year,
        coalesce(sum(children_count), 0) AS "prevention.children",
        -- the worried parent is the one who fears the other will take the child
        count_if(
            (contacted_by = 'mother' AND parent_role = 'potentially_left_behind')
            OR (contacted_by = 'father' AND parent_role = 'potentially_taking')
        ) AS "prevention.worried_parent.mother",
        count_if(
            (contacted_by = 'father' AND parent_role = 'potentially_left_behind')
            OR (contacted_by = 'mother' AND parent_role = 'potentially_taking')
        ) AS "prevention.worried_parent.father",
        count_if(contacted_by = 'mother') AS "prevention.contact.mother",
        count_if(contacted_by = 'mother' AND parent_role = 'potentially_left_behind')
            AS "prevention.contact.mother.potentially_left_behind",
        count_if(contacted_by = 'mother' AND parent_role = 'potentially_taking')
            AS "prevention.contact.mother.potentially_taking",
        count_if(contacted_by = 'father') AS "prevention.contact.father",
        count_if(contacted_by = 'father' AND parent_role = 'potentially_left_behind')
            AS "prevention.contact.father.potentially_left_behind",
        count_if(contacted_by = 'father' AND parent_role = 'potentially_taking')
            AS "prevention.contact.father.potentially_taking",
        count_if(direction = 'from_nl') AS "prevention.direction.from_nl",
        count_if(direction = 'to_nl') AS "prevention.direction.to_nl",
        count_if(direction = 'outside_nl') AS "prevention.direction.between_other_countries"
    FROM parents
    WHERE category_code = 'prevention'
    GROUP BY period, opened_year
),

relocation AS (
    SELECT
        period,
        opened_year AS year,
        count(*) AS "relocation.cases",
        coalesce(sum(children_count), 0) AS "relocation.children",
        count_if(acting_person = 'mother') AS "relocation.relocating_parent.mother",
        count_if(acting_person = 'father') AS "relocation.relocating_parent.father",
        count_if(contacted_by = 'mother' AND parent_role = 'relocating')
            AS "relocation.contact.mother.self_relocating",
        count_if(contacted_by = 'mother' AND parent_role = 'staying')
            AS "relocation.contact.mother.other_parent_relocating",
        count_if(contacted_by = 'father' AND parent_role = 'relocating')
            AS "relocation.contact.father.self_relocating",
        count_if(contacted_by = 'father' AND parent_role = 'staying')
            AS "relocation.contact.father.other_parent_relocating",
        count_if(direction = 'outside_nl') AS "relocation.not_involving_nl",
        count_if(contacted_by = 'mother') AS "relocation.contact.mother",
        count_if(contacted_by = 'father') AS "relocation.contact.father"
    FROM parents
    WHERE category_code = 'relocation_consent'
    GROUP BY period, opened_year
),

abduction AS (
    SELECT
        period,
        opened_year AS year,
        count(*) AS "abduction.cases",
        coalesce(sum(children_count), 0) AS "abduction.children",
        count_if(acting_person = 'mother') AS "abduction.taking_parent.mother",
        count_if(acting_person = 'father') AS "abduction.taking_parent.father",
        -- before 2024 an abduction by a relative was registered under this code (2020: 1)
        count_if(acting_person = 'family_member') AS "abduction.taking_parent.family_member",
        100.0 * count_if(acting_person = 'mother') / count(*)
            AS "abduction.taking_parent.mother.share_pct",
        100.0 * count_if(acting_person = 'father') / count(*)
            AS "abduction.taking_parent.father.share_pct",
        count_if(hkov_registered) AS "abduction.hague.cases",
        count_if(NOT hkov_registered) AS "abduction.non_hague.cases",
        count_if(parent_role = 'left_behind') AS "abduction.contact.left_behind_parent",
        count_if(parent_role = 'taking') AS "abduction.contact.taking_parent",
        count_if(direction = 'from_nl') AS "abduction.outgoing.cases",
        coalesce(sum(children_count) FILTER (WHERE direction = 'from_nl'), 0)
            AS "abduction.outgoing.children",
        count_if(direction = 'from_nl' AND hkov_registered) AS "abduction.outgoing.hague.cases",
        coalesce(sum(children_count) FILTER (WHERE direction = 'from_nl' AND hkov_registered), 0)
            AS "abduction.outgoing.hague.children",
        count_if(direction = 'from_nl' AND NOT hkov_registered)
            AS "abduction.outgoing.non_hague.cases",
        coalesce(
            sum(children_count) FILTER (WHERE direction = 'from_nl' AND NOT hkov_registered), 0
        ) AS "abduction.outgoing.non_hague.children",
        count_if(direction = 'to_nl') AS "abduction.incoming.cases",
        coalesce(sum(children_count) FILTER (WHERE direction = 'to_nl'), 0)
            AS "abduction.incoming.children",
        count_if(direction = 'to_nl' AND hkov_registered) AS "abduction.incoming.hague.cases",
        coalesce(sum(children_count) FILTER (WHERE direction = 'to_nl' AND hkov_registered), 0)
            AS "abduction.incoming.hague.children",
        count_if(direction = 'to_nl' AND NOT hkov_registered)
            AS "abduction.incoming.non_hague.cases",
        coalesce(
            sum(children_count) FILTER (WHERE direction = 'to_nl' AND NOT hkov_registered), 0
        ) AS "abduction.incoming.non_hague.children",
        count_if(direction = 'outside_nl') AS "abduction.outside_nl.cases",
        coalesce(sum(children_count) FILTER (WHERE direction = 'outside_nl'), 0)
            AS "abduction.outside_nl.children"
    FROM parents
    WHERE category_code = 'abduction'
    GROUP BY period, opened_year
),

-- the 2020 report's age bands (< 6, 6 t/m 12, > 12), from the children rows of the cases
abduction_ages AS (
    SELECT
        parents.period,
        parents.opened_year AS year,
        count_if(children.age_band = '0-5') AS "abduction.children.age_under_6",
        count_if(children.age_band = '6-12') AS "abduction.children.age_6_12",
        count_if(children.age_band = '13-17') AS "abduction.children.age_over_12",
        count_if(children.age_band IN ('0-5', '6-12')) AS "abduction.children.age_under_13"
    FROM parents
    INNER JOIN stg_children AS children ON parents.case_id = children.case_id
    WHERE parents.category_code = 'abduction'
    GROUP BY parents.period, parents.opened_year
),

-- Lijn 2 cases (2020 definition) opened in an earlier year and still open at the end of the
-- year (or at its cut-off day)
line2_def2020_open_from_earlier AS (
    SELECT
        years.period,
        years.year,
        count(open_cases.case_id) AS "cases.line2.def2020.open_from_earlier_years"
    FROM (SELECT DISTINCT
        period,
        opened_year AS year
    FROM cases) AS years
    LEFT JOIN cut_off ON years.year = cut_off.year
    LEFT JOIN stg_cases AS open_cases
        ON
            open_cases.line_def2020 = 2
            AND years.year > open_cases.opened_year
            AND (
                open_cases.closed_date IS NULL
                OR open_cases.closed_date > CASE years.period
                    WHEN 'year' THEN make_date(years.year, 12, 31)
                    ELSE cut_off.period_end
                END
            )
    GROUP BY years.period, years.year
),

access AS (
    SELECT
        period,
        opened_year AS year,
        count(*) AS "access.cases",
        count_if(contacted_by = 'father') AS "access.advice_sought.father",
        count_if(contacted_by = 'mother') AS "access.advice_sought.mother",
        count_if(acting_person = 'father') AS "access.wants_contact.father",
        count_if(acting_person = 'mother') AS "access.wants_contact.mother"
    FROM parents
    WHERE category_code = 'international_access'
    GROUP BY period, opened_year
),

contact_measures AS (
    SELECT
        period,
        contact_year AS year,
        count(*) AS "contacts.total",
        count_if(line_def2025 = 1) AS "contacts.line1",
        count_if(line_def2025 = 2) AS "contacts.line2",
        count_if(channel = 'phone') AS "contacts.phone",
        count_if(channel = 'email') AS "contacts.email",
        count_if(channel = 'contact_form') AS "contacts.contact_form",
        count_if(channel = 'phone' AND person_type = 'parent') AS "contacts.phone.parents",
        count_if(channel = 'phone' AND person_type = 'family_acquaintance')
            AS "contacts.phone.family_acquaintances",
        count_if(channel = 'phone' AND person_type = 'professional')
            AS "contacts.phone.professionals",
        count_if(channel = 'email' AND person_type = 'parent') AS "contacts.email.parents",
        count_if(channel = 'email' AND person_type = 'family_acquaintance')
            AS "contacts.email.family_acquaintances",
        count_if(channel = 'email' AND person_type = 'professional')
            AS "contacts.email.professionals",
        count_if(channel = 'contact_form' AND person_type = 'parent')
            AS "contacts.contact_form.parents",
        count_if(channel = 'contact_form' AND person_type = 'family_acquaintance')
            AS "contacts.contact_form.family_acquaintances",
        -- the report calls the professionals among contact-form senders 'derden'
        -- (372 parents + 47 family + 98 'derden' = 517)
        count_if(channel = 'contact_form' AND person_type = 'professional')
            AS "contacts.contact_form.third_parties"
    FROM contacts
    GROUP BY period, contact_year
),

mediation_measures AS (
    SELECT
        period,
        received_year AS year,
        count(*) AS "mediation.requests",
        count_if(mediation_type = 'IKO') AS "mediation.requests.abduction",
        count_if(mediation_type = 'NIKO') AS "mediation.requests.other",
        count_if(started) AS "mediation.started",
        count_if(stopped_after_intake) AS "mediation.stopped_after_intake",
        count_if(started AND year(start_date) > received_year) AS "mediation.started.next_year",
        -- started in the year of receipt and still running at its end
        count_if(
            conducted AND year(start_date) = received_year
            AND (end_date IS NULL OR year(end_date) > received_year)
        ) AS "mediation.running_at_year_end",
        -- the 2020 report: full or mirror agreement; the export does not tell a mirror from a
        -- partial agreement, so both count here
        count_if(conducted AND outcome IN ('full_agreement', 'partial_agreement'))
            AS "mediation.successful.def2020",
        count_if(mediation_type = 'IKO' AND started) AS "mediation.started.abduction",
        count_if(mediation_type = 'IKO' AND NOT started) AS "mediation.not_started.abduction",
        count_if(mediation_type = 'NIKO' AND started) AS "mediation.started.other",
        count_if(mediation_type = 'NIKO' AND stopped_after_intake)
            AS "mediation.stopped_after_intake.other",
        count_if(mediation_type = 'NIKO' AND conducted) AS "mediation.conducted.other",
        -- success is a full agreement; every other ended outcome counts as not successful
        count_if(conducted AND outcome = 'full_agreement') AS "mediation.successful",
        count_if(mediation_type = 'IKO' AND conducted AND outcome = 'full_agreement')
            AS "mediation.successful.abduction",
        count_if(
            mediation_type = 'IKO' AND conducted
            AND outcome IN ('partial_agreement', 'no_agreement')
        ) AS "mediation.unsuccessful.abduction",
        count_if(mediation_type = 'NIKO' AND conducted AND outcome = 'full_agreement')
            AS "mediation.successful.other",
        count_if(
            mediation_type = 'NIKO' AND conducted
            AND outcome IN ('partial_agreement', 'no_agreement')
        ) AS "mediation.unsuccessful.other",
        sum(child_interviews) AS "mediation.child_interviews",
        sum(children_heard) AS "mediation.child_interviews.children",
        coalesce(sum(child_interviews) FILTER (WHERE mediation_type = 'IKO'), 0)
            AS "mediation.child_interviews.abduction",
        coalesce(sum(child_interviews) FILTER (WHERE mediation_type = 'NIKO'), 0)
            AS "mediation.child_interviews.other",
        count_if(special_guardian_appointed) AS "mediation.special_guardian.appointments",
        sum(special_guardian_children) AS "mediation.special_guardian.children"
    FROM mediations
    GROUP BY period, received_year
),

overview_codes AS (
    SELECT category_code FROM stg_categories
    WHERE overview_order IS NOT NULL
),

parties AS (
    SELECT
        party.contact_party,
        party.party_measure
    FROM (
        VALUES ('parent', 'parents'), ('third_party', 'third_parties')
    ) AS party (contact_party, party_measure)
),

case_years AS (
    SELECT DISTINCT
        period,
        opened_year AS year
    FROM cases
),

overview_cells AS (
    SELECT
        case_years.period,
        case_years.year,
        'line2.' || parties.party_measure || '.' || overview_codes.category_code AS measure,
        count(matched.case_id) AS value
    FROM case_years
    CROSS JOIN overview_codes
    CROSS JOIN parties
    LEFT JOIN cases AS matched
        ON
            case_years.period = matched.period
            AND case_years.year = matched.opened_year
            AND overview_codes.category_code = matched.category_code
            AND parties.contact_party = matched.contact_party
    GROUP BY ALL
),

overview_totals AS (
    SELECT
        period,
        opened_year AS year,
        'line2.' || CASE contact_party WHEN 'parent' THEN 'parents' ELSE 'third_parties' END
        || '.total' AS measure,
        count(*) AS value
    FROM cases
    WHERE line_def2025 = 2
    GROUP BY ALL
),

-- the 2020 report's figures 1.6.1 (Lijn 1 per code) and 1.6.2 (other Lijn 2 codes), for the
-- codes of the registration before 2024
def2020_codes AS (
    SELECT categories.category_code
    FROM stg_categories AS categories
    INNER JOIN stg_registration_eras AS eras
        ON NOT eras.line1_holiday_consent_only AND categories.valid_from <= eras.valid_until
),

def2020_cells AS (
    SELECT
        case_years.period,
        case_years.year,
        'line' || lines.line || '.def2020.' || def2020_codes.category_code AS measure,
        count(matched.case_id) AS value
    FROM case_years
    CROSS JOIN def2020_codes
    CROSS JOIN (VALUES (1), (2)) AS lines (line)
    LEFT JOIN cases AS matched
        ON
            case_years.period = matched.period
            AND case_years.year = matched.opened_year
            AND def2020_codes.category_code = matched.category_code
            AND lines.line = matched.line_def2020
    -- figure 1.6.2 leaves out the codes with a chapter of their own
    WHERE
        NOT (
            lines.line = 2
            AND def2020_codes.category_code IN (
                'prevention', 'relocation_consent', 'abduction', 'international_access'
            )
        )
    GROUP BY ALL
),

wide_measures AS (
    UNPIVOT (
        SELECT *  -- noqa: RF02
        FROM case_measures
        LEFT JOIN line2_average USING (period, year)
        LEFT JOIN prevention USING (period, year)
        LEFT JOIN relocation USING (period, year)
        LEFT JOIN abduction USING (period, year)
        LEFT JOIN abduction_ages USING (period, year)
        LEFT JOIN line2_def2020_open_from_earlier USING (period, year)
        LEFT JOIN access USING (period, year)
        LEFT JOIN contact_measures USING (period, year)
        LEFT JOIN mediation_measures USING (period, year)
    )
    ON COLUMNS(* EXCLUDE (period, year))
    INTO NAME measure VALUE value
),

all_measures AS (
    SELECT
        period,
        year,
        measure,
        cast(value AS DOUBLE) AS value
    FROM wide_measures
    UNION ALL
    SELECT
        period,
        year,
        measure,
        cast(value AS DOUBLE)
    FROM overview_cells
    UNION ALL
    SELECT
        period,
        year,
        measure,
        cast(value AS DOUBLE)
    FROM overview_totals
    UNION ALL
    SELECT
        period,
        year,
        measure,
        cast(value AS DOUBLE)
    FROM def2020_cells
)

SELECT * FROM all_measures
