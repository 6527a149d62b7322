-- grain: one row per observed day x region whose school holiday window holds the day (a day
-- in no window: one row with region NULL), with the Lijn 1 cases opened that day
-- used by: jaaroverzicht and caseload ("Waarom?", the calendar part), the explain command
-- The windows are those of /vakantiepieken (mart_calendar_holiday_offsets: 42 days before to
-- 14 days after a region's first holiday day); day_offset counts from that first day.
-- Lijn 1 as the annual measures count it (the code 'toestemming voor vakantie'), narrowed by
-- caseload's filters ($line, $category, $party, as in change_by_dimension): the calendar part
-- of a filtered change is fitted to the filtered cases.
WITH calendar AS (
    SELECT * FROM mart_calendar
    WHERE is_observed
),

windows AS (
    SELECT * FROM mart_calendar_holiday_offsets
    WHERE alignment IN ('noord', 'midden', 'zuid')
),

line1_cases AS (
    SELECT
        opened_date AS day,
        count(*) AS cases
    FROM stg_cases
    WHERE
        line_def2025 = 1
        AND ($line = 0 OR line = $line)
        AND ($category = 'alle' OR category_code = $category)
        AND ($party = 'alle' OR contact_party = $party)
    GROUP BY opened_date
)

SELECT
    calendar.day,
    calendar.day_year,
    calendar.is_working_day,
    windows.alignment AS region,
    windows.holiday_key,
    windows.day_offset,
    cast(coalesce(line1_cases.cases, 0) AS INTEGER) AS cases
FROM calendar
LEFT JOIN windows ON calendar.day = windows.day
LEFT JOIN line1_cases ON calendar.day = line1_cases.day
ORDER BY calendar.day, region, windows.holiday_key
