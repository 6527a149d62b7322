-- grain: one row per registration era
-- used by: the annual report draft (iko-dashboard jaarverslag: the definitions that changed)
SELECT
    era_nl,
    first_year,
    lines_nl
FROM stg_registration_eras
ORDER BY first_year
