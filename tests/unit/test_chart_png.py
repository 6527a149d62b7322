"""Every chart on the pages downloads as a slide: 16:9, with its title, the period it shows,
the source, the data date and the demo mark, under a name that says what it is."""

from __future__ import annotations

import datetime as dt

from dashboard.presentation import slides


def test_chart_period_of_a_year_and_of_years():
    until = dt.date(2026, 11, 22)
    assert slides.ChartPeriod.year(2025, until) == slides.ChartPeriod("2025", "2025")
    assert slides.ChartPeriod.year(2026, until) == slides.ChartPeriod(
        "2026 t/m 22 november", "2026-tm-2026-11-22"
    )
    assert slides.ChartPeriod.years(2020, 2025, until) == slides.ChartPeriod(
        "2020–2025", "2020-2025"
    )
    assert slides.ChartPeriod.years(2024, 2026, until).label == ("2024–2026 (2026 t/m 22 november)")
    assert slides.slug("Ontvoering: richting en HKOV, Curaçao (ëén)") == (
        "ontvoering-richting-en-hkov-curacao-een"
    )
