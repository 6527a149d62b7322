-- grain: one row per mediation type x interval (request to start, start to end) in $year
-- used by: mediation page (how long the steps take)
-- Days between dates. Request to start: started requests; still_open counts requests not
-- (yet) decided. Start to end: conducted mediations that have ended; still_open counts the
-- running ones, whose duration is not known yet (so a median can still grow).
WITH mediations AS (
    SELECT * FROM stg_mediations
    WHERE received_year = $year
),

intervals AS (
    SELECT
        mediation_type,
        'request_to_start' AS interval_code,
        start_date - received_date AS days,
        NOT started AND not_started_reason IS NULL AS is_open
    FROM mediations
    WHERE started OR not_started_reason IS NULL
    UNION ALL
    SELECT
        mediation_type,
        'start_to_end',
        end_date - start_date,
        outcome = 'running'
    FROM mediations
    WHERE conducted
),

grid AS (
    SELECT
        t.mediation_type,
        i.interval_order,
        i.interval_code
    FROM (VALUES ('IKO'), ('NIKO')) AS t (mediation_type)
    CROSS JOIN (VALUES (1, 'request_to_start'), (2, 'start_to_end')) AS i (interval_order, interval_code)
)

SELECT
    grid.mediation_type,
    grid.interval_code,
    cast(count(intervals.days) FILTER (WHERE NOT intervals.is_open) AS INTEGER) AS n,
    cast(count(*) FILTER (WHERE intervals.is_open) AS INTEGER) AS still_open,
    median(intervals.days) FILTER (WHERE NOT intervals.is_open) AS median_days,
    quantile_cont(intervals.days, 0.25) FILTER (WHERE NOT intervals.is_open) AS p25_days,
    quantile_cont(intervals.days, 0.75) FILTER (WHERE NOT intervals.is_open) AS p75_days,
    min(intervals.days) FILTER (WHERE NOT intervals.is_open) AS min_days,
    max(intervals.days) FILTER (WHERE NOT intervals.is_open) AS max_days
FROM grid
LEFT JOIN intervals
    ON
        grid.mediation_type = intervals.mediation_type
        AND grid.interval_code = intervals.interval_code
GROUP BY grid.mediation_type, grid.interval_order, grid.interval_code
ORDER BY grid.mediation_type, grid.interval_order
