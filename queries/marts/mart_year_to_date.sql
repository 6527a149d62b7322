-- grain: one row per calendar year of the data: its part from 1 January up to and including
-- the calendar day of the last data day (export_meta.data_until)
-- used by: mart_period_measures, mart_cases_by_year_category_party, caseload (the same period
--   a year earlier: the running year so far against the same calendar days of earlier years)
-- One definition for every page: with data until 22 November 2026, every year runs from
-- 1 January to 22 November. 29 February counts with the year that has it: data until
-- 29 February 2024 compares with 1 January-28 February 2023, and a period that passes the end
-- of February holds one day more in a leap year. A year the data covers to 31 December runs
-- whole.
WITH meta AS (
    SELECT max(data_until) AS data_until FROM stg_export_meta
),

first_years AS (
    SELECT min(opened_year) AS first_year FROM stg_cases
    UNION ALL
    SELECT min(received_year) FROM stg_mediations
),

bounds AS (
    SELECT
        least(min(first_years.first_year), year(any_value(meta.data_until))) AS first_year,
        any_value(meta.data_until) AS data_until
    FROM meta
    CROSS JOIN first_years
),

years AS (
    SELECT
        cast(years.generate_series AS INTEGER) AS year,
        bounds.data_until
    FROM bounds
    CROSS JOIN generate_series(bounds.first_year, year(bounds.data_until)) AS years
)

SELECT
    year,
    make_date(year, 1, 1) AS period_start,
    -- the same month and day, or 28 February where the year has no 29th
    make_date(
        year,
        month(data_until),
        least(day(data_until), day(last_day(make_date(year, month(data_until), 1))))
    ) AS period_end,
    data_until,
    year = year(data_until) AS is_running_year,
    data_until < make_date(year(data_until), 12, 31) AS is_part_of_year
FROM years
