"""Helpers shared by the tier files tests/*/test_annual.py."""

from __future__ import annotations

import csv

from dashboard.paths import REFERENCE_DIR


def published(year: int) -> dict[str, float]:
    with (REFERENCE_DIR / "published-2025-report.csv").open(encoding="utf-8") as f:
        return {
            r["measure"]: float(r["value"]) for r in csv.DictReader(f) if int(r["year"]) == year
        }
