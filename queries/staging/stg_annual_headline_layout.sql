-- grain: one row per headline tile
-- used by: annual_headlines
SELECT
    -- the tiles in the order of the annual overview: cases, contacts, abduction, the rest
    sort_order,
    measure,
    tile_group,
    tile_label
FROM src_annual_headline_layout
