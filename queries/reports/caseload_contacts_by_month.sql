-- grain: one row per breakdown (line, channel, person type) x item x month of
-- $period_start..$period_end, with the same month a year earlier
-- used by: caseload (contacts per month by line, by channel, by person type)
-- Filters: $line (0 = both), $category ('alle' = every code), $party ('alle', 'parent',
-- 'third_party': the person the contact was with). The running month compares with the same
-- days a year earlier (contacts_to_date, mart_year_to_date).
WITH months AS (
    SELECT * FROM mart_caseload_months
    WHERE month BETWEEN $period_start AND $period_end
),

contacts AS (
    SELECT * FROM mart_caseload_contacts_by_month
    WHERE
        ($line = 0 OR line = $line)
        AND ($category = 'alle' OR category_code = $category)
        AND ($party = 'alle' OR contact_party = $party)
),

items AS (
    SELECT
        items.breakdown,
        items.item,
        items.item_nl,
        items.item_order
    FROM (
        VALUES
        ('line', '1', 'Lijn 1', 1),
        ('line', '2', 'Lijn 2', 2),
        ('channel', 'phone', 'telefoon', 1),
        ('channel', 'email', 'e-mail', 2),
        ('channel', 'contact_form', 'contactformulier', 3),
        ('person_type', 'parent', 'ouder', 1),
        ('person_type', 'family_acquaintance', 'familie of kennis', 2),
        ('person_type', 'professional', 'professional', 3)
    ) AS items (breakdown, item, item_nl, item_order)
),

counted AS (
    SELECT
        'line' AS breakdown,
        cast(line AS VARCHAR) AS item,
        month,
        sum(contacts) AS contacts,
        sum(contacts_to_date) AS contacts_to_date
    FROM contacts
    GROUP BY ALL
    UNION ALL
    SELECT
        'channel',
        channel,
        month,
        sum(contacts),
        sum(contacts_to_date)
    FROM contacts
    GROUP BY ALL
    UNION ALL
    SELECT
        'person_type',
        person_type,
        month,
        sum(contacts),
        sum(contacts_to_date)
    FROM contacts
    GROUP BY ALL
)

SELECT
    items.breakdown,
    items.item,
    items.item_nl,
    items.item_order,
    months.month,
    months.is_complete,
    cast(coalesce(now.contacts, 0) AS INTEGER) AS contacts,
    CASE
        WHEN months.year_before_month IS NOT NULL
            THEN cast(
                coalesce(
                    CASE
                        WHEN months.is_complete THEN previous.contacts
                        ELSE previous.contacts_to_date
                    END,
                    0
                ) AS INTEGER
            )
    END AS contacts_year_before,
    months.year_before_until
FROM items
CROSS JOIN months
LEFT JOIN counted AS now
    ON
        items.breakdown = now.breakdown
        AND items.item = now.item
        AND months.month = now.month
LEFT JOIN counted AS previous
    ON
        items.breakdown = previous.breakdown
        AND items.item = previous.item
        AND months.year_before_month = previous.month
WHERE
    (items.breakdown != 'line' OR $line = 0 OR items.item = cast($line AS VARCHAR))
ORDER BY items.breakdown, items.item_order, months.month
