-- grain: one row per year x mediation type (IKO, NIKO, samen), every year there are figures for
-- used by: mediation page (success rate of the chosen year, trend over the years)
-- Years in the data are computed (source 'gegevens'); a year that only an annual report
-- covers takes its published counts (source 'jaarverslag'), so the trend can reach back
-- further than the export, labelled as such. Success = full agreement; the denominator is
-- the conducted mediations that ended (successful + not successful); running ones are
-- counted apart and left out of the rate.
WITH computed AS (
    SELECT
        year,
        mediation_type,
        'gegevens' AS source,
        conducted,
        successful,
        unsuccessful,
        partial_agreement,
        running
    FROM mart_mediation_by_year_type
),

published AS (
    SELECT
        year,
        measure,
        published_value
    FROM stg_published_figures
    WHERE year NOT IN (SELECT computed.year FROM computed)
),

published_by_type AS (
    SELECT
        published.year,
        type_measures.mediation_type,
        'jaarverslag' AS source,
        -- conducted: the report states it for NIKO only; for a full year it equals the ended ones
        cast(
            sum(published.published_value) FILTER (
                WHERE published.measure IN (type_measures.successful, type_measures.unsuccessful)
            ) AS BIGINT
        ) AS conducted,
        cast(
            sum(published.published_value) FILTER (
                WHERE published.measure = type_measures.successful
            ) AS BIGINT
        ) AS successful,
        cast(
            sum(published.published_value) FILTER (
                WHERE published.measure = type_measures.unsuccessful
            ) AS BIGINT
        ) AS unsuccessful,
        -- not published: partial agreements are part of 'not successful'
        cast(NULL AS BIGINT) AS partial_agreement,
        cast(0 AS BIGINT) AS running
    FROM published
    INNER JOIN (
        VALUES
        ('IKO', 'mediation.successful.abduction', 'mediation.unsuccessful.abduction'),
        ('NIKO', 'mediation.successful.other', 'mediation.unsuccessful.other')
    ) AS type_measures (mediation_type, successful, unsuccessful)
        ON published.measure IN (type_measures.successful, type_measures.unsuccessful)
    GROUP BY ALL
    HAVING
        count(*) FILTER (WHERE published.measure = type_measures.successful) = 1
        AND count(*) FILTER (WHERE published.measure = type_measures.unsuccessful) = 1
),

by_type AS (
    SELECT * FROM computed
    UNION ALL
    SELECT * FROM published_by_type
),

both_types AS (
    SELECT
        year,
        'samen' AS mediation_type,
        source,
        sum(conducted) AS conducted,
        sum(successful) AS successful,
        sum(unsuccessful) AS unsuccessful,
        sum(partial_agreement) AS partial_agreement,
        sum(running) AS running
    FROM by_type
    GROUP BY year, source
),

all_rows AS (
    SELECT * FROM by_type
    UNION ALL
    SELECT * FROM both_types
),

meta AS (
    SELECT max(data_until) AS data_until FROM stg_export_meta
)

SELECT
    all_rows.year,
    all_rows.mediation_type,
    all_rows.source,
    cast(all_rows.conducted AS INTEGER) AS conducted,
    cast(all_rows.successful AS INTEGER) AS successful,
    cast(all_rows.unsuccessful AS INTEGER) AS unsuccessful,
    cast(all_rows.successful + all_rows.unsuccessful AS INTEGER) AS ended,
    cast(all_rows.partial_agreement AS INTEGER) AS partial_agreement,
    cast(all_rows.running AS INTEGER) AS running,
    -- a year the export does not cover to its last day is still open
    all_rows.source = 'gegevens' AND meta.data_until < make_date(all_rows.year, 12, 31)
        AS is_partial_year
FROM all_rows
CROSS JOIN meta
ORDER BY all_rows.year, all_rows.mediation_type
