"""The multi-year trend with published history imported (the "gepubliceerd" state): the trend
slide and the key-figure charts draw every year the dashboard has, the slide's headline names
the change of registration it spans, and a legend explains the hatched bars."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import polars as pl
import pytest

from dashboard.charts import trends as trends_charts
from dashboard.charts.canvas import Canvas
from dashboard.presentation import lecture, slides
from dashboard.publication import Publication
from dashboard.reports import trends
from dashboard.reports.periods import YearPeriod


@pytest.fixture(scope="module")
def published_run(tmp_path_factory):
    """The report runner of a data home with the demo and published figures for 2015–2023."""
    from states import make_state

    from dashboard.db import open_database
    from dashboard.settings import settings

    home: Path = make_state("gepubliceerd", tmp_path_factory.mktemp("states"))
    before = os.environ.get("IKO_DATA_HOME")
    os.environ["IKO_DATA_HOME"] = str(home)
    settings.cache_clear()
    yield open_database().run
    if before is None:
        os.environ.pop("IKO_DATA_HOME", None)
    else:
        os.environ["IKO_DATA_HOME"] = before
    settings.cache_clear()


def trend_slide(run, year: int) -> slides.Slide:
    period = YearPeriod(year, dt.date(2026, 11, 22))
    made = lecture.trend_slide(run, period, Publication(threshold=5))
    assert made is not None
    return made


def bar_years(fig, axis: str = "x") -> list[int]:
    return sorted(x for t in fig.data if t.type == "bar" and (t.xaxis or "x") == axis for x in t.x)


def test_the_trend_slide_has_a_bar_per_year_and_names_the_registration_change(published_run):
    slide = trend_slide(published_run, 2025)
    shown = trends.annual_measures(published_run).filter(
        (pl.col("measure") == "abduction.cases") & (pl.col("year") <= 2025)
    )
    years = sorted(shown["year"])
    assert years == list(range(2015, 2026))
    fig = slide.figure(Canvas.slide(None))
    assert bar_years(fig, "x") == years and bar_years(fig, "x2") == years
    # 2015 and 2025 were counted under different registrations: the headline compares within
    # the present one and says the years before were registered otherwise
    assert "2015" not in slide.title and "vóór 2024 anders geregistreerd" in slide.title
    assert "Vanaf 2024 registreert het centrum anders" in slide.notes
    hatched = [t for t in fig.data if t.type == "bar" and t.marker.pattern.shape == "/"]
    assert hatched and fig.layout.showlegend
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert "jaarverslag" in legend and "registratie vanaf 2024" in legend
    assert [s.x0 for s in fig.layout.shapes] == [2023.5, 2023.5]
    # the slide's period is the years its chart shows
    assert slide.period is not None and slide.period.label == "2015–2025"


def test_a_deck_of_the_first_new_year_says_the_years_before_counted_otherwise(published_run):
    slide = trend_slide(published_run, 2024)
    assert slide.title.startswith("Ontvoeringszaken: ")
    assert "2024, de jaren vóór 2024 anders geregistreerd" in slide.title


def test_a_running_year_in_the_headline_says_up_to_when(published_run):
    slide = trend_slide(published_run, 2026)
    # against the same days of 2025, not against a whole year
    assert slide.title.startswith("Ontvoeringszaken t/m 22 nov: ")
    assert " in 2025, " in slide.title and " in 2026, vóór 2024 anders geregistreerd" in slide.title
    assert " in 2024" not in slide.title


def test_every_key_figure_chart_has_a_mark_per_year(published_run):
    rows = trends.annual_measures(published_run)
    years = sorted(rows.filter(pl.col("measure") == "cases.total")["year"])
    assert years == list(range(2015, 2027))
    for measure, title in trends.KEY_MEASURES.items():
        own = rows.filter(measure=measure)
        for compact in (True, False):
            fig = trends_charts.trend_figure(own, title, "22-11", compact=compact)
            assert bar_years(fig) == sorted(own["year"]), (measure, compact)
            if not compact:
                assert fig.layout.showlegend
                changed = bool(trends.definition_changes(own))
                entry = any(t.name.startswith("registratie vanaf 2024") for t in fig.data)
                assert entry == changed, measure
