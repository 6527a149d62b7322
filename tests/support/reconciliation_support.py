"""Helpers shared by the tier files tests/*/test_reconciliation.py."""

from __future__ import annotations

import csv

from dashboard.paths import REFERENCE_DIR

# Where the report contradicts itself, the data holds the underlying truth and the page must
# show the difference: (year, measure) -> what the data must give instead of the printed value.
KNOWN_CONTRADICTIONS = {
    # "gemiddelde van 126 zaken per maand" while 1.879 Lijn 2 cases / 12 months = 156,6
    (2025, "cases.line2.monthly_average"): 1879 / 12,
}
# Published in the report but not part of a case export (no table holds them).
NOT_IN_EXPORT = {"mediation.information_requests", "mediation.new_mediators"}


def published_rows() -> list[dict]:
    with (REFERENCE_DIR / "published-2025-report.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


PUBLISHED = published_rows()
