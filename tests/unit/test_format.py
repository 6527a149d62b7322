"""Dutch number and date formatting, and the chart template that carries the same separators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.charts import template
from dashboard.format import (
    change_pct,
    date_nl,
    month_abbreviation,
    month_name,
    month_nl,
    number,
    percent,
    signed,
    weekday_nl,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (9524, 0, "9.524"),
        (0, 0, "0"),
        (0.0, 1, "0,0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1_234_567, 0, "1.234.567"),
        (-1_234_567, 0, "-1.234.567"),
        (-12, 0, "-12"),
        (156.58, 1, "156,6"),
        (1234.5, 1, "1.234,5"),
        (1879 / 12, 0, "157"),
        (1879 / 12, 2, "156,58"),
        # half cases round away from zero, on the decimal value as written
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (1.005, 2, "1,01"),
        (12.25, 1, "12,3"),
        (999.5, 0, "1.000"),
        (999_999.95, 1, "1.000.000,0"),
        # rounding to zero loses the sign
        (-0.04, 1, "0,0"),
        (-0.4, 0, "0"),
        (7, 2, "7,00"),
        (Decimal("3.14159"), 3, "3,142"),
        (np.int64(10829), 0, "10.829"),
        (np.float64(156.58), 1, "156,6"),
    ],
)
def test_number(value, decimals, expected):
    assert number(value, decimals=decimals) == expected


@pytest.mark.parametrize("value", [None, float("nan"), float("inf"), np.float64("nan")])
def test_missing_numbers_show_a_dash(value):
    assert number(value) == "–"
    assert percent(value) == "–"
    assert change_pct(value) == "–"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12.5, 1, "12,5 %"),
        (12.5, 0, "13 %"),
        (100, 1, "100,0 %"),
        (0, 0, "0 %"),
        (-7.25, 2, "-7,25 %"),
        (1234.5, 1, "1.234,5 %"),
    ],
)
def test_percent(value, decimals, expected):
    assert percent(value, decimals=decimals) == expected


def test_percent_defaults_to_one_decimal():
    assert percent(12.5) == "12,5 %"
    assert percent(3) == "3,0 %"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (-3.5, 1, "-3,5 %"),
        (-3.5, 0, "-4 %"),
        (3, 0, "+3 %"),
        (28.4, 0, "+28 %"),
        (0, 0, "0 %"),
        (0.04, 1, "0,0 %"),
        (-0.04, 1, "0,0 %"),
        (1500, 0, "+1.500 %"),
    ],
)
def test_change_pct_has_a_sign(value, decimals, expected):
    assert change_pct(value, decimals=decimals) == expected


def test_change_pct_defaults_to_one_decimal():
    assert change_pct(-3.5) == "-3,5 %"
    assert change_pct(2) == "+2,0 %"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(31, "+31"), (-31, "-31"), (0, "0"), (1253.4, "+1.253")],
)
def test_signed(value, expected):
    assert signed(value) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 22), "22 november 2026"),
        (dt.date(2026, 1, 1), "1 januari 2026"),
        (dt.date(2025, 3, 9), "9 maart 2025"),
        (dt.date(2024, 12, 31), "31 december 2024"),
    ],
)
def test_date_nl(day, expected):
    assert date_nl(day) == expected


def test_month_names():
    assert month_nl(dt.date(2026, 11, 22)) == "nov 2026"
    assert month_nl(dt.date(2026, 3, 1)) == "mrt 2026"
    assert month_nl(dt.date(2026, 5, 31), full=True) == "mei 2026"
    assert month_nl(dt.date(2025, 10, 1), full=True) == "oktober 2025"
    assert [month_name(m) for m in (1, 2, 7, 8)] == ["januari", "februari", "juli", "augustus"]
    assert [month_abbreviation(m) for m in range(1, 13)] == [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ]  # fmt: skip


def test_weekday_names():
    monday = dt.date(2026, 11, 23)
    week = [monday + dt.timedelta(days=i) for i in range(7)]
    assert [weekday_nl(d) for d in week] == [
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    ]  # fmt: skip
    assert weekday_nl(dt.date(2026, 11, 22), short=True) == "zo"


def test_chart_template_uses_dutch_separators():
    template.use_iko_template()
    fig = go.Figure(go.Bar(x=["Lijn 1"], y=[9524]))
    layout = fig.layout.template.layout
    assert layout.separators == ",."
    assert layout.font.size >= 16
    assert pio.templates.default.endswith(template.TEMPLATE_NAME)
