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
        count_if(cases.line = 2) / any_value(year_months.months)
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
        count_if(line = 1) AS "cases.line1",
        count_if(line = 2) AS "cases.line2",
        count_if(line = 2 AND closed_year = opened_year) AS "cases.line2.closed_same_year",
        count_if(line = 2 AND (closed_date IS NULL OR closed_year > opened_year))
            AS "cases.line2.carried_to_next_year",
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
        count_if(direction = 'outside_nl') AS "relocation.not_involving_nl"
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
        count_if(line = 1) AS "contacts.line1",
        count_if(line = 2) AS "contacts.line2",
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
    WHERE line = 2
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
)

SELECT * FROM all_measures
