-- grain: one row per case opened in $year_from..$year_to whose registered HKOV flag differs
--   from the reference list's verdict on the day the case was opened
-- used by: landen (check of the HKOV flag)
SELECT
    case_id,
    opened_date,
    category_nl,
    contact_party_nl,
    direction_nl,
    country_iso2,
    country_nl,
    hkov_registered,
    hkov_reference
FROM stg_cases
WHERE
    opened_year BETWEEN $year_from AND $year_to
    AND hkov_registered IS NOT NULL
    AND country_iso2 IS NOT NULL
    AND hkov_registered IS DISTINCT FROM coalesce(hkov_reference, FALSE)
ORDER BY opened_date, case_id
