-- grain: one row per channel, plus a total row, for contacts in $period_start..$period_end
-- used by: caseload (the period's contacts by channel and person type, and the breakdown of
-- the month clicked in the heatmap: a period of one month)
-- Filters: $line (0 = both), $category ('alle' = every code).
WITH contacts AS (
    SELECT * FROM mart_caseload_contacts_by_month
    WHERE
        month BETWEEN $period_start AND $period_end
        AND ($line = 0 OR line = $line)
        AND ($category = 'alle' OR category_code = $category)
),

channels AS (
    SELECT
        channels.channel,
        channels.channel_nl,
        channels.channel_order
    FROM (
        VALUES ('phone', 'telefoon', 1), ('email', 'e-mail', 2),
        ('contact_form', 'contactformulier', 3), ('total', 'Totaal', 9)
    ) AS channels (channel, channel_nl, channel_order)
),

per_channel AS (
    SELECT
        channels.channel,
        channels.channel_nl,
        channels.channel_order,
        sum(contacts.contacts) FILTER (WHERE contacts.person_type = 'parent') AS parents,
        sum(contacts.contacts) FILTER (WHERE contacts.person_type = 'family_acquaintance')
            AS family_acquaintances,
        sum(contacts.contacts) FILTER (WHERE contacts.person_type = 'professional')
            AS professionals,
        sum(contacts.contacts) AS total
    FROM channels
    LEFT JOIN contacts ON channels.channel IN (contacts.channel, 'total')
    GROUP BY channels.channel, channels.channel_nl, channels.channel_order
)

SELECT
    channel,
    channel_nl,
    cast(coalesce(parents, 0) AS INTEGER) AS parents,
    cast(coalesce(family_acquaintances, 0) AS INTEGER) AS family_acquaintances,
    cast(coalesce(professionals, 0) AS INTEGER) AS professionals,
    cast(coalesce(total, 0) AS INTEGER) AS total
FROM per_channel
ORDER BY channel_order
