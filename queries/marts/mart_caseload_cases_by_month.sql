-- grain: one row per month of opening x line x category x contact party (only non-zero rows)
-- used by: caseload (new cases per month, Lijn 2 heatmap, a month's breakdown)
-- cases_to_date: opened on or before the calendar day of the last data day in that year
-- (mart_year_to_date), so the running month compares with the same days a year earlier.
SELECT
    stg_cases.opened_month AS month,
    stg_cases.line,
    stg_cases.category_code,
    stg_cases.contact_party,
    count(*) AS cases,
    count_if(stg_cases.opened_date <= cut_off.period_end) AS cases_to_date
FROM stg_cases
LEFT JOIN mart_year_to_date AS cut_off ON stg_cases.opened_year = cut_off.year
GROUP BY ALL
