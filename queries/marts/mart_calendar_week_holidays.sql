-- grain: one row per calendar week (its Monday) x alignment (noord, midden, zuid, eerste) with a
-- school holiday still to come or just begun
-- used by: mart_line1_forecasts (alignment 'eerste'), line1_outlook (per region)
-- A week is placed against the first holiday whose first full week (anchor_week_start) is less
-- than two weeks before it: weeks before that are negative (relative_week), and a holiday
-- counts until two weeks after its first full week's Monday.
WITH weeks AS (
    SELECT DISTINCT week_start FROM mart_calendar
),

starts AS (
    SELECT * FROM mart_calendar_holiday_starts
)

SELECT
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
        PARTITION BY weeks.week_start, starts.alignment ORDER BY starts.start_date
    ) = 1
