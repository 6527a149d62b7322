"""Vakantiepieken Lijn 1: the holiday calendar, the peaks, the outlook arithmetic, the page.

Report queries run on real DuckDB: over the demo export, or over a tiny hand-made export in
tmp_path whose outlook is computed by hand below.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from chart_support import chart_specs
from streamlit.testing.v1 import AppTest
from vacation_support import OUTLOOK_DAY

from dashboard.charts import fit
from dashboard.paths import REPO_ROOT
from dashboard.reports import vacation

APP = REPO_ROOT / "dashboard" / "app.py"
PAGE = "page_scripts/vakantiepieken.py"


def test_page_shows_the_gap_the_peak_and_the_backtest():
    at = open_vakantiepieken(vandaag="2026-12-01")
    assert not at.exception, [e.value for e in at.exception]
    gap = next(w.value for w in at.warning if "nog niet in de export" in w.value)
    assert "week 48 (23–27 november)" in gap and "22 november 2026" in gap
    markdown = " ".join(m.value for m in at.markdown)
    assert "**Volgende piek: week 50 (7–11 december), ongeveer 238 zaken.**" in markdown
    assert re.search(r"\*\*gemiddeld \d+ % ernaast \(naïef: \d+ %\)\*\*", markdown)
    expected = at.dataframe[3].value
    assert "Vorig jaar" in expected.columns
    assert expected["Vorig jaar"].iloc[1] == 214  # week 49 of 2025
    captions = " ".join(c.value for c in at.caption)
    assert "Vorig jaar: dezelfde week vorig jaar" in captions
    assert "Gemarkeerd: wk 48 (23 nov), al voorbij" in captions
    assert len(expected) == 13


def test_the_backtest_chart_has_every_week_forecast_range_actual_and_naive():
    at = open_vakantiepieken(vandaag=OUTLOOK_DAY.isoformat())
    chart = next(
        spec
        for spec in (json.loads(s) for s in chart_specs(at))
        if "werkelijkheid" in spec["layout"]["title"]["text"]
    )
    traces = {t.get("name", "ondergrens"): t for t in chart["data"]}
    assert set(traces) == {"ondergrens", "Bereik", "Verwachting", "Werkelijk",
                           "Naïef (week vorig jaar)"}  # fmt: skip
    weeks = [dt.date.fromisoformat(x[:10]) for x in traces["Werkelijk"]["x"]]
    # the demo's backtest: forecasts from February 2025 up to the last complete week
    assert (weeks[0], weeks[-1], len(weeks)) == (dt.date(2025, 2, 3), dt.date(2026, 11, 16), 94)
    assert all(b - a == dt.timedelta(days=7) for a, b in zip(weeks, weeks[1:], strict=False))
    for trace in traces.values():  # a mark for every week, none empty
        assert len(trace["x"]) == len(fit.values(trace["y"])) == len(weeks)
        assert None not in fit.values(trace["y"])
    caption = " ".join(c.value for c in at.caption)
    assert re.search(r"In \d+ van de 94 weken lag het werkelijke aantal binnen het bereik", caption)


def test_the_page_header_says_the_data_are_old_and_a_fresh_day_says_nothing():
    stale = open_vakantiepieken(vandaag="2026-12-01")
    assert any(w.value.startswith("De gegevens zijn 9 dagen oud") for w in stale.warning)
    fresh = open_vakantiepieken(vandaag=OUTLOOK_DAY.isoformat())
    assert not any("dagen oud" in w.value for w in fresh.warning)


# -- the page -------------------------------------------------------------------------------


def open_vakantiepieken(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(query)
    at.switch_page(PAGE).run()  # at the page, as its link opens it
    return at


@pytest.mark.parametrize("year", ["2024", "2025", "2026"])
def test_page_shows_every_year(year):
    at = open_vakantiepieken(jaar=year, vandaag=OUTLOOK_DAY.isoformat())
    assert not at.exception, [e.value for e in at.exception]
    headers = [h.value for h in at.header]
    assert f"Per werkdag in {year}" in headers
    assert f"Pieken in {year}" in headers
    assert "Wat komt eraan: de komende 12 weken" in headers
    peaks, regions, weeks, expected = at.dataframe
    assert len(peaks.value) == 5
    assert list(regions.value.columns) == ["Vakantie", "Noord", "Midden", "Zuid"]
    assert len(weeks.value) == len(expected.value) == 12
    assert weeks.value["Week"].iloc[0] == expected.value["Week"].iloc[0] == "wk 48 (23 nov)"
    assert weeks.value["Noord"].iloc[0] == "4 wk vóór kerstvakantie"
    assert "Contacten" in expected.value.columns
    running = [i.value for i in at.info if "loopt nog" in i.value]
    assert running == (
        ["2026 loopt nog: gegevens tot en met 22 november 2026. Wat daarna komt, staat nog niet "
         "in de grafieken en tabellen van dit jaar; een vakantie die nog moet beginnen, kan een "
         "hogere piek krijgen. De verwachting voor de komende weken staat onderaan."]
        if year == "2026"
        else []
    )  # fmt: skip
    assert any("Verwachting gemaakt op **23 november 2026**" in m.value for m in at.markdown)
    assert at.number_input(key="per_student").value == vacation.DEFAULT_CASES_PER_STUDENT_DAY
    assert "per_student" not in at.query_params  # Streamlit leaves the default out of the URL
    assert at.query_params["vandaag"] == "2026-11-23"


def test_cases_per_student_come_from_the_url_and_change_the_student_days():
    at = open_vakantiepieken(vandaag=OUTLOOK_DAY.isoformat(), per_student="20")
    assert at.number_input(key="per_student").value == 20
    at20 = at.dataframe[3].value["Studentdagen"]
    at.number_input(key="per_student").set_value(40).run()
    at40 = at.dataframe[3].value["Studentdagen"]
    # the table holds the student days rounded as shown (one decimal)
    assert at20.iloc[0] == pytest.approx(2 * at40.iloc[0], abs=0.15)
    assert at40.iloc[0] == round(at40.iloc[0], 1)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ({"per_student": "0"}, "De link vroeg om zaken per werkstudent per dag"),
        ({"vandaag": "2026-13-45"}, "De link vroeg om de dag van de verwachting „2026-13-45”"),
    ],
)
def test_a_link_value_the_page_cannot_use_is_dropped_and_said(query, said):
    at = open_vakantiepieken(**query)
    assert not at.exception
    assert any(i.value.startswith(said) for i in at.info), [i.value for i in at.info]
    assert "per_student" not in at.query_params
