-- grain: one row per ISO week of the 12 weeks ahead of $today: expected Lijn 1 cases and contacts
-- used by: vakantiepieken (workload ahead: chart and roster table)
-- The outlook starts on the Monday after the last observed week (never before $today's week).
-- Each week is placed relative to the coming (or just started) school holiday of the region
-- that starts first: weeks before its first full week are negative, a holiday counts until two
-- weeks after that Monday. The same relative week of that holiday in every earlier year with
-- data is taken, scaled by the ratio of this year's Lijn 1 volume to that year's over the same
-- part of the year (1 January up to the last observed day); mean = expectation, min-max = range.
WITH meta AS (
    SELECT least(max(data_until), cast($today AS DATE) - 1) AS last_day
    FROM stg_export_meta
),

outlook_start AS (
    SELECT
        meta.last_day,
        greatest(
            cast(date_trunc('week', meta.last_day) AS DATE) + 7,
            cast(date_trunc('week', cast($today AS DATE)) AS DATE)
        ) AS first_week
    FROM meta
),

week_numbers AS (
    SELECT cast(unnest(range(1, 13)) AS INTEGER) AS week_number
),

weeks AS (
    SELECT
        week_numbers.week_number,
        outlook_start.first_week + 7 * (week_numbers.week_number - 1) AS week_start
    FROM week_numbers
    CROSS JOIN outlook_start
),

starts AS (
    SELECT * FROM mart_calendar_holiday_starts
),

calendar_weeks AS (
    SELECT * FROM mart_line1_weekly
),

daily AS (
    SELECT * FROM mart_line1_daily
),

-- per alignment, the first holiday whose first full week is less than two weeks ago
anchored AS (
    SELECT
        weeks.week_number,
        weeks.week_start,
        starts.alignment,
        starts.holiday_key,
        starts.holiday_nl,
        starts.holiday_year,
        starts.start_date,
        starts.end_date,
        cast((weeks.week_start - starts.anchor_week_start) / 7 AS INTEGER) AS relative_week
    FROM weeks
    INNER JOIN starts ON starts.anchor_week_start + 14 > weeks.week_start
    QUALIFY
        row_number() OVER (
            PARTITION BY weeks.week_number, starts.alignment ORDER BY starts.start_date
        ) = 1
),

year_to_date AS (
    SELECT
        daily.day_year,
        sum(daily.cases) AS cases,
        sum(daily.contacts) AS contacts
    FROM daily
    CROSS JOIN outlook_start
    WHERE
        daily.is_observed
        AND dayofyear(daily.day) <= dayofyear(outlook_start.last_day)
    GROUP BY daily.day_year
),

scale AS (
    SELECT
        earlier.day_year,
        now.cases / nullif(earlier.cases, 0) AS cases_factor,
        now.contacts / nullif(earlier.contacts, 0) AS contacts_factor
    FROM year_to_date AS earlier
    CROSS JOIN outlook_start
    INNER JOIN year_to_date AS now ON now.day_year = year(outlook_start.last_day)
),

history AS (
    SELECT
        anchored.week_number,
        earlier.holiday_year AS source_year,
        calendar_weeks.week_start AS source_week_start,
        calendar_weeks.cases * scale.cases_factor AS cases,
        calendar_weeks.contacts * scale.contacts_factor AS contacts
    FROM anchored
    INNER JOIN starts AS earlier
        ON
            anchored.alignment = earlier.alignment
            AND anchored.holiday_key = earlier.holiday_key
            AND anchored.holiday_year > earlier.holiday_year
    INNER JOIN calendar_weeks
        ON calendar_weeks.week_start = earlier.anchor_week_start + 7 * anchored.relative_week
    INNER JOIN scale ON earlier.holiday_year = scale.day_year
    CROSS JOIN outlook_start
    WHERE
        anchored.alignment = 'eerste'
        AND calendar_weeks.is_complete
        AND calendar_weeks.week_start + 6 <= outlook_start.last_day
),

expected AS (
    SELECT
        week_number,
        avg(cases) AS expected_cases,
        min(cases) AS min_cases,
        max(cases) AS max_cases,
        avg(contacts) AS expected_contacts,
        min(contacts) AS min_contacts,
        max(contacts) AS max_contacts,
        cast(count(*) AS INTEGER) AS source_years_count,
        string_agg(cast(source_year AS VARCHAR), ', ' ORDER BY source_year) AS source_years
    FROM history
    GROUP BY week_number
),

regions AS (
    SELECT
        week_number,
        max(holiday_nl) FILTER (WHERE alignment = 'eerste') AS holiday_nl,
        max(holiday_year) FILTER (WHERE alignment = 'eerste') AS holiday_year,
        max(relative_week) FILTER (WHERE alignment = 'eerste') AS relative_week,
        max(holiday_nl) FILTER (WHERE alignment = 'noord') AS holiday_nl_noord,
        max(start_date) FILTER (WHERE alignment = 'noord') AS start_noord,
        max(end_date) FILTER (WHERE alignment = 'noord') AS end_noord,
        max(holiday_nl) FILTER (WHERE alignment = 'midden') AS holiday_nl_midden,
        max(start_date) FILTER (WHERE alignment = 'midden') AS start_midden,
        max(end_date) FILTER (WHERE alignment = 'midden') AS end_midden,
        max(holiday_nl) FILTER (WHERE alignment = 'zuid') AS holiday_nl_zuid,
        max(start_date) FILTER (WHERE alignment = 'zuid') AS start_zuid,
        max(end_date) FILTER (WHERE alignment = 'zuid') AS end_zuid
    FROM anchored
    GROUP BY week_number
)

SELECT
    weeks.week_number,
    weeks.week_start,
    cast(weeks.week_start + 6 AS DATE) AS week_end,
    calendar_weeks.iso_year,
    calendar_weeks.iso_week,
    calendar_weeks.working_days,
    regions.* EXCLUDE (regions.week_number),
    expected.* EXCLUDE (expected.week_number)
FROM weeks
LEFT JOIN calendar_weeks ON weeks.week_start = calendar_weeks.week_start
LEFT JOIN regions ON weeks.week_number = regions.week_number
LEFT JOIN expected ON weeks.week_number = expected.week_number
ORDER BY weeks.week_number
