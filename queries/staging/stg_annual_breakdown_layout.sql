-- grain: one row per breakdown x measure
-- used by: annual_breakdowns
SELECT
    -- the breakdowns in the order of the annual report's chapters
    breakdown_order,
    breakdown,
    breakdown_nl,
    counts_nl,
    measure,
    item_nl,
    series_nl,
    unit_nl,
    sort_order
FROM src_annual_breakdown_layout
