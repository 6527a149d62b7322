-- grain: one row per forecast origin (every Monday of the data and the Monday after it) x week
-- ahead (1..26): the Lijn 1 forecast made on that Monday from only the days before it
-- used by: line1_outlook (the forecast of today), mart_line1_backtest (every past forecast)
-- Each week is placed relative to the coming (or just started) school holiday of the region
-- that starts first: weeks before its first full week are negative, a holiday counts until two
-- weeks after that Monday. The same relative week of that holiday in every earlier year with
-- a complete week before the origin is taken, scaled by the ratio of the Lijn 1 volume known
-- at the origin to that year's over the same calendar days (1 January up to the day before the
-- origin; before February from 1 January of the year before, so a forecast made in the first
-- weeks of a year does not rest on a handful of days). The mean is the expectation.
-- materialized: each is read more than once below, and a view would be computed each time
WITH daily AS MATERIALIZED (
    SELECT * FROM mart_line1_daily
),

calendar_weeks AS MATERIALIZED (
    SELECT * FROM mart_line1_weekly
),

starts AS (
    SELECT * FROM mart_calendar_holiday_starts
    WHERE alignment = 'eerste'
),

week_holidays AS (
    SELECT * FROM mart_calendar_week_holidays
    WHERE alignment = 'eerste'
),

bounds AS (
    SELECT
        min(day) FILTER (WHERE is_observed) AS first_day,
        max(day) FILTER (WHERE is_observed) AS last_day
    FROM daily
),

origins AS (
    SELECT
        cast(origin.generate_series AS DATE) AS origin,
        cast(origin.generate_series AS DATE) - 1 AS known_until,
        -- the volume window starts on 1 January, or a year earlier before February
        make_date(year(cast(origin.generate_series AS DATE) - 29), 1, 1) AS window_start,
        bounds.first_day
    FROM bounds
    CROSS JOIN
        generate_series(
            cast(date_trunc('week', bounds.first_day) AS DATE),
            cast(date_trunc('week', bounds.last_day + 1) AS DATE),
            INTERVAL 7 DAY
        ) AS origin
),

horizons AS (
    SELECT cast(unnest(range(1, 27)) AS INTEGER) AS week_number
),

-- twelve weeks ahead from every Monday; 26 from the Monday after the data, where the weeks
-- between the data and today come first when an export is late
weeks AS (
    SELECT
        origins.origin,
        origins.known_until,
        horizons.week_number,
        origins.origin + 7 * (horizons.week_number - 1) AS week_start
    FROM origins
    CROSS JOIN horizons
    CROSS JOIN bounds
    WHERE horizons.week_number <= 12 OR origins.origin > bounds.last_day
),

years_back AS (
    SELECT unnest(range(0, 15)) AS years_back
),

-- the holiday the week is placed against (mart_calendar_week_holidays)
anchored AS (
    SELECT
        weeks.*,
        week_holidays.holiday_key,
        week_holidays.holiday_nl,
        week_holidays.holiday_year,
        week_holidays.relative_week
    FROM weeks
    INNER JOIN week_holidays ON weeks.week_start = week_holidays.week_start
),

-- the volume window of the origin, and the same calendar days of every earlier year whose
-- window the data covers completely
windows AS (
    SELECT
        origins.origin,
        years.years_back,
        year(origins.known_until) - years.years_back AS day_year,
        cast(origins.window_start - to_years(years.years_back) AS DATE) AS window_from,
        cast(origins.known_until - to_years(years.years_back) AS DATE) AS window_until
    FROM origins
    CROSS JOIN years_back AS years
    WHERE cast(origins.window_start - to_years(years.years_back) AS DATE) >= origins.first_day
),

-- running totals, so a window's sum is two lookups instead of a range join
cumulative AS (
    SELECT
        day,
        sum(cases) OVER (ORDER BY day) AS cases_through,
        sum(contacts) OVER (ORDER BY day) AS contacts_through
    FROM daily
),

volumes AS (
    SELECT
        windows.origin,
        windows.years_back,
        windows.day_year,
        until_day.cases_through - coalesce(before_day.cases_through, 0) AS cases,
        until_day.contacts_through - coalesce(before_day.contacts_through, 0) AS contacts
    FROM windows
    INNER JOIN cumulative AS until_day ON windows.window_until = until_day.day
    LEFT JOIN cumulative AS before_day ON windows.window_from - 1 = before_day.day
),

scale AS (
    SELECT
        earlier.origin,
        earlier.day_year,
        now.cases / nullif(earlier.cases, 0) AS cases_factor,
        now.contacts / nullif(earlier.contacts, 0) AS contacts_factor
    FROM volumes AS earlier
    INNER JOIN volumes AS now ON earlier.origin = now.origin AND now.years_back = 0
),

history AS (
    SELECT
        anchored.origin,
        anchored.week_number,
        earlier.holiday_year AS source_year,
        calendar_weeks.cases * scale.cases_factor AS cases,
        calendar_weeks.contacts * scale.contacts_factor AS contacts
    FROM anchored
    INNER JOIN starts AS earlier
        ON
            anchored.holiday_key = earlier.holiday_key
            AND anchored.holiday_year > earlier.holiday_year
    INNER JOIN calendar_weeks
        ON calendar_weeks.week_start = earlier.anchor_week_start + 7 * anchored.relative_week
    INNER JOIN scale
        ON anchored.origin = scale.origin AND earlier.holiday_year = scale.day_year
    WHERE
        calendar_weeks.is_complete
        AND calendar_weeks.week_start + 6 <= anchored.known_until
),

expected AS (
    SELECT
        origin,
        week_number,
        -- rounded far below a case: a mean of floats differs in its last bits with the order
        -- the rows arrive in, and a stored mart must give the rows a view gives
        round(avg(cases), 9) AS expected_cases,
        round(avg(contacts), 9) AS expected_contacts,
        cast(count(*) AS INTEGER) AS source_years_count,
        string_agg(cast(source_year AS VARCHAR), ', ' ORDER BY source_year) AS source_years
    FROM history
    GROUP BY origin, week_number
)

SELECT
    anchored.origin,
    anchored.week_number,
    anchored.week_start,
    anchored.holiday_key,
    anchored.holiday_nl,
    anchored.holiday_year,
    anchored.relative_week,
    expected.expected_cases,
    expected.expected_contacts,
    expected.source_years_count,
    expected.source_years
FROM anchored
LEFT JOIN expected
    ON anchored.origin = expected.origin AND anchored.week_number = expected.week_number
