-- grain: one row per calendar month in the export x line (1, 2)
-- used by: caseload (the month x line axis of new cases and of contacts per case, so a month
--   without cases still shows as 0)
SELECT
    months.*,
    lines.line,
    'Lijn ' || lines.line AS line_nl
FROM mart_caseload_months AS months
CROSS JOIN (VALUES (1), (2)) AS lines (line)
