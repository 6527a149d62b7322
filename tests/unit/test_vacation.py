"""Vakantiepieken Lijn 1: the holiday calendar, the peaks, the outlook arithmetic, the page.

Report queries run on real DuckDB: over the demo export, or over a tiny hand-made export in
tmp_path whose outlook is computed by hand below.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard import chrome
from dashboard.reports import vacation, vacation_outlook


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


def test_the_backtest_says_its_span_in_weeks_and_years_not_pairs_as_weeks():
    accuracy = vacation.Accuracy(
        pairs=1128, origins=105, weeks=98, first_origin=dt.date(2024, 10, 21),
        last_week_end=dt.date(2026, 11, 22), cases_error_pct=13.3, naive_cases_error_pct=20.6,
        contacts_error_pct=14.8, naive_contacts_error_pct=23.5, cases_ratio_low=0.83,
        cases_ratio_high=1.31, contacts_ratio_low=0.78, contacts_ratio_high=1.33,
    )  # fmt: skip
    paragraph = vacation_outlook.accuracy_paragraph(accuracy)
    assert "1.128 weken" not in paragraph
    assert (
        "98 weken, ongeveer 2 jaar, tot en met 22 november 2026; elke week is tot 12 keer "
        "vooruit voorspeld, 1.128 verwachtingen"
    ) in paragraph
    assert vacation_outlook.years_text(40) == ""  # under a year: the weeks say it
    assert vacation_outlook.years_text(78) == ", ongeveer anderhalf jaar,"
