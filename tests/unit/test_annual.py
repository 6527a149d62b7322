"""The annual overview (/jaaroverzicht): every number it shows that the annual report also
prints equals the report, the section 7 table cell by cell, and the report's own mistakes show
as differences."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.reports.periods import YearPeriod


@pytest.mark.parametrize(
    ("year", "data_until", "complete", "running", "label", "comparison"),
    [
        (2025, dt.date(2025, 12, 31), True, False, "2025", "year"),
        (2025, dt.date(2026, 11, 22), True, False, "2025", "year"),
        (2026, dt.date(2026, 11, 22), False, True, "1 januari – 22 november 2026", "to_date"),
        (2026, dt.date(2026, 12, 30), False, True, "1 januari – 30 december 2026", "to_date"),
    ],
)
def test_a_year_is_complete_once_the_data_reach_31_december(
    year, data_until, complete, running, label, comparison
):
    period = YearPeriod(year, data_until)
    assert (period.is_complete, period.is_running) == (complete, running)
    assert period.label == label and period.comparison == comparison
    assert period.last_day == min(data_until, dt.date(year, 12, 31))
    assert period.until == (data_until if running else None)
