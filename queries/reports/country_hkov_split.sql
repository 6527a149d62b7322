-- grain: one row per direction (outgoing, incoming) x HKOV flag, for $year_from..$year_to
-- used by: landen (abductions to and from HKOV and non-HKOV countries)
-- Parents' abduction cases and their children, split by the HKOV flag registered on the case.
WITH abductions AS (
    SELECT
        direction,
        children_count,
        CASE
            WHEN hkov_registered THEN 'hkov'
            WHEN NOT hkov_registered THEN 'non_hkov'
            ELSE 'unknown'
        END AS hkov_group
    FROM stg_cases
    WHERE
        category_code = 'abduction'
        AND contact_party = 'parent'
        AND direction IN ('from_nl', 'to_nl')
        AND opened_year BETWEEN $year_from AND $year_to
),

directions AS (
    SELECT
        d.direction,
        d.direction_nl,
        d.direction_order
    FROM (VALUES ('from_nl', 'uitgaand', 1), ('to_nl', 'inkomend', 2))
        AS d (direction, direction_nl, direction_order)
),

groups AS (
    SELECT
        g.hkov_group,
        g.hkov_nl,
        g.hkov_order
    FROM (VALUES ('hkov', 'HKOV-land', 1), ('non_hkov', 'geen HKOV-land', 2), ('unknown', 'onbekend', 3))
        AS g (hkov_group, hkov_nl, hkov_order)
),

counted AS (
    SELECT
        directions.direction,
        directions.direction_nl,
        groups.hkov_group,
        groups.hkov_nl,
        directions.direction_order,
        groups.hkov_order,
        count(abductions.direction) AS cases,
        cast(coalesce(sum(abductions.children_count), 0) AS BIGINT) AS children
    FROM directions
    CROSS JOIN groups
    LEFT JOIN abductions
        ON directions.direction = abductions.direction AND groups.hkov_group = abductions.hkov_group
    GROUP BY ALL
)

SELECT
    direction,
    direction_nl,
    hkov_group,
    hkov_nl,
    cases,
    children
FROM counted
-- a case without a flag is shown only when there is one
WHERE hkov_group <> 'unknown' OR cases > 0
ORDER BY direction_order, hkov_order
