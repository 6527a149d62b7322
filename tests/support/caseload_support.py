"""Helpers shared by the tier files tests/*/test_caseload.py."""

from __future__ import annotations

import datetime as dt

from dashboard.reports import caseload as cl

YEAR_2025 = cl.Filters(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1))


D = dt.date


MONTHS = (
    [D(2024, m, 1) for m in range(1, 13)]
    + [D(2025, m, 1) for m in range(1, 13)]
    + [D(2026, m, 1) for m in range(1, 12)]
)


DEMO_UNTIL = D(2026, 11, 22)
