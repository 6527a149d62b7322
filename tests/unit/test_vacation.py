"""Vakantiepieken Lijn 1: the holiday calendar, the peaks, the outlook arithmetic, the page.

Report queries run on real DuckDB: over the demo export, or over a tiny hand-made export in
tmp_path whose outlook is computed by hand below.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard import chrome
from dashboard.reports import vacation


def test_student_days_refuse_a_non_positive_rate():
    frame = pl.DataFrame(
        {"expected_cases": [1.0], "low_cases": [1.0], "high_cases": [1.0], "working_days": [5]}
    )
    with pytest.raises(ValueError):
        vacation.with_student_days(frame, 0)


def test_holiday_position_texts():
    start, end = dt.date(2026, 12, 19), dt.date(2027, 1, 3)
    assert vacation.holiday_position("Kerstvakantie", start, end, dt.date(2026, 11, 23)) == (
        "4 wk vóór kerstvakantie"
    )
    assert vacation.holiday_position("Kerstvakantie", start, end, dt.date(2026, 12, 21)) == (
        "kerstvakantie, week 1"
    )
    assert vacation.holiday_position("Kerstvakantie", start, end, dt.date(2026, 12, 28)) == (
        "kerstvakantie, week 2"
    )
    autumn = (dt.date(2026, 10, 10), dt.date(2026, 10, 18))
    assert vacation.holiday_position("Herfstvakantie", *autumn, dt.date(2026, 10, 19)) == (
        "na herfstvakantie"
    )


def test_working_week_text_crosses_a_month():
    assert vacation.working_week_text(dt.date(2026, 11, 30)) == "30 november – 4 december"
    assert vacation.working_week_text(dt.date(2026, 12, 7)) == "7–11 december"


def test_stale_notice_after_a_week():
    meta = {"data_until": dt.date(2026, 11, 22)}
    assert chrome.stale_notice(meta, dt.date(2026, 11, 29)) is None  # seven days: still fresh
    assert chrome.stale_notice(meta, dt.date(2026, 12, 1)).startswith(
        "De gegevens zijn 9 dagen oud: ze lopen tot en met 22 november 2026, vandaag is het "
        "1 december 2026."
    )
