"""The caseload page: its reports against the published 2025 figures, the open-at-month-end
logic on a hand-made export, the page in AppTest with filters from the URL, and in Chromium."""

from __future__ import annotations

import json

import polars as pl
import pytest
from caseload_support import YEAR_2025, D
from chart_support import chart_specs
from states import demo_export
from streamlit.testing.v1 import AppTest
from tiny_export import equal_days

from dashboard.db import Database
from dashboard.format import change_pct, month_nl, number
from dashboard.importer import import_files
from dashboard.paths import DEMO_DIR, REPO_ROOT
from dashboard.reports import caseload as cl

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120


@pytest.fixture(scope="module")
def demo(demo_db) -> Database:
    return demo_db


@pytest.fixture(scope="module")
def published(demo) -> dict[str, int]:
    """measure -> value for 2025 as printed in the annual report (published-2025-report.csv)."""
    rows = demo.query_view("stg_published_figures").filter(year=2025)
    return dict(zip(rows["measure"], rows["published_value"], strict=True))


@pytest.mark.parametrize(
    ("start", "heading"),
    [
        ("2026-01", "jan 2026 t/m 22 nov 2026 (11 maanden)"),
        ("2026-11", "nov 2026 t/m 22 nov 2026 (1 maand)"),
    ],
)
def test_period_changes_equal_an_independent_count_over_equal_days(start, heading):
    at = open_caseload(van=start, tot="2026-11")
    assert heading in [s.value for s in at.subheader]
    cases = pl.read_parquet(DEMO_DIR / "cases" / "cases.parquet")
    first_month = int(start[-2:])
    in_months = cases.filter(pl.col("opened_date").dt.month() >= first_month)
    until = D(2026, 11, 22)
    metrics = {m.label: m for m in at.metric}
    for label, rows in (
        ("Nieuwe zaken Lijn 1", in_months.filter(line=1)),
        ("Nieuwe zaken Lijn 2", in_months.filter(line=2)),
        ("Nieuwe zaken, beide lijnen", in_months),
    ):
        now = equal_days(rows, "opened_date", 2026, until).height
        before = equal_days(rows, "opened_date", 2025, until).height
        assert metrics[label].value == number(now)
        assert metrics[label].delta == (
            f"{change_pct(100 * (now - before) / before)} t.o.v. een jaar eerder"
        )
    deltas = {k: m.delta.split(" ")[0] for k, m in metrics.items()}
    if start == "2026-01":  # the numbers of the review: 6.546 against 6.776, 1.777 against 1.706
        assert (deltas["Nieuwe zaken Lijn 1"], deltas["Nieuwe zaken Lijn 2"]) == ("-3,4", "+4,2")
    else:  # November alone: 351 against 352 new cases over 1-22 November
        assert deltas["Nieuwe zaken, beide lijnen"] == "-0,3"


# -- the page in AppTest ------------------------------------------------------------------


def open_caseload(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.switch_page("page_scripts/caseload.py").run()  # at the page, as its link opens it
    assert not at.exception, [e.value for e in at.exception]
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(spec) for spec in chart_specs(at)]


def test_page_shows_the_published_2025_totals(published):
    at = open_caseload(jaar="2025", van="2025-01", tot="2025-12")
    value = published
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Nieuwe zaken Lijn 1": number(value["cases.line1"]),
        "Nieuwe zaken Lijn 2": number(value["cases.line2"]),
        "Nieuwe zaken, beide lijnen": number(value["cases.total"]),
        "Contactmomenten": number(value["contacts.total"]),
    }
    assert "jan 2025 t/m dec 2025 (12 maanden)" in [s.value for s in at.subheader]
    carried = at.dataframe[0].value
    assert (
        carried.loc[carried["Jaar van opening"] == 2025, "Meegenomen"].item()
        == (value["cases.line2.carried_to_next_year"])
    )


@pytest.mark.parametrize(
    "query",
    [
        # as Streamlit writes the bound widgets into the URL
        {"van": "januari 2025", "tot": "december 2025", "lijn": "Lijn 2", "code": "Preventie",
         "wie": "Alleen ouders"},
        # as links were written before: they still open as they were shared
        {"van": "2025-01", "tot": "2025-12", "lijn": "2", "code": "prevention", "wie": "ouders"},
    ],
    ids=["labels", "codes"],
)  # fmt: skip
def test_page_runs_with_filters_from_the_url_and_shows_the_heatmap(query):
    at = open_caseload(**query)
    assert (at.selectbox(key="van").value, at.selectbox(key="tot").value) == (
        D(2025, 1, 1),
        D(2025, 12, 1),
    )
    assert at.session_state["lijn"] == 2
    assert at.selectbox(key="code").value == "prevention"
    assert at.session_state["wie"] == "ouders"
    assert not [i.value for i in at.info if i.value.startswith("De link vroeg")]
    # Lijn 2 only: one tile for cases, and it counts prevention cases opened by a parent
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Nieuwe zaken Lijn 2"] == number(330) and "Nieuwe zaken Lijn 1" not in metrics
    heatmaps = [s for s in plotly_specs(at) if s["data"][0]["type"] == "heatmap"]
    assert len(heatmaps) == 1
    assert len(heatmaps[0]["data"][0]["x"]) == 12
    assert "alleen zaken waarin een ouder contact opnam" in " ".join(c.value for c in at.caption)
    # "Waarom?" counts what the filters let count: its waterfall ends at the tile's 330
    (waterfall,) = [s["data"][0] for s in plotly_specs(at) if s["data"][0]["type"] == "waterfall"]
    assert waterfall["x"][-1] == 330
    assert "Alleen Lijn 2, Preventie, alleen ouders, zoals de filters van de pagina." in [
        c.value for c in at.caption
    ]


def test_month_select_box_shows_that_months_breakdown(demo):
    at = open_caseload(jaar="2025", van="2025-01", tot="2025-12")
    at.selectbox(key="caseload_maand").select(D(2025, 7, 1)).run()
    assert "Nieuwe Lijn 2-zaken, juli 2025" in [s.value for s in at.subheader]
    july = cl.line2_by_category_party(demo.run, YEAR_2025, D(2025, 7, 1))
    shown = at.dataframe[1].value
    assert shown["Totaal"].iloc[-1] == july["total"][-1]
    assert (
        shown["Totaal"].iloc[-1]
        == cl.line2_by_category_month(demo.run, YEAR_2025)
        .filter(month=D(2025, 7, 1))["cases"]
        .sum()
    )


def test_default_period_says_the_last_month_is_running():
    at = open_caseload()
    captions = " ".join(c.value for c in at.caption)
    assert "„nov t/m 22”: de lopende maand" in captions
    assert "heeft geen punt" in captions  # contacts per case
    assert "Omlijnd met streepjes: „nov t/m 22”" in captions  # the heatmap
    at = open_caseload(jaar="2025", van="2025-01", tot="2025-12")
    assert "t/m 22”" not in " ".join(c.value for c in at.caption)


def whole_year(at: AppTest, year: int) -> AppTest:
    pills = next(b for b in at.get("button_group") if b.key == "caseload_heel_jaar")
    return pills.select(year).run()


def test_whole_year_picks_set_the_period():
    at = open_caseload()
    assert not at.sidebar.selectbox  # the sidebar year would change nothing here
    assert at.selectbox(key="van").value == D(2024, 12, 1)  # the default: the last 24 months
    whole_year(at, 2024)
    assert (at.selectbox(key="van").value, at.selectbox(key="tot").value) == (
        D(2024, 1, 1),
        D(2024, 12, 1),
    )
    assert "jan 2024 t/m dec 2024 (12 maanden)" in [s.value for s in at.subheader]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_year_in_the_data(year):
    at = whole_year(open_caseload(), year)
    assert not at.exception
    # new cases, contacts (the open tab only), per case, open Lijn 2 cases, the heatmap, and
    # the "Waarom?" waterfall where the data reach back to the same period a year earlier
    assert len(plotly_specs(at)) == (5 if year == 2024 else 6)


def test_a_link_to_the_last_12_months_follows_each_export(data_home):
    choice = "laatste 12 maanden"
    # the 12 full months before the running month, whatever export is loaded
    for until, (start, end) in ((D(2026, 1, 15), ("jan 2025", "dec 2025")),
                                (D(2026, 3, 10), ("mrt 2025", "feb 2026"))):  # fmt: skip
        published = import_files([demo_export(until)], data_home, who="test")
        assert published.outcome == "published", published.report_nl()
        at = open_caseload(periode=choice)  # the same link, opened after each export
        months = f"{start} t/m {end}"
        assert f"{months} (12 maanden)" in [s.value for s in at.subheader]
        assert [month_nl(at.selectbox(key=k).value) for k in ("van", "tot")] == months.split(
            " t/m "
        )
        assert dict(at.query_params) == {"periode": choice}  # no months in the link
        assert any(c.value.startswith(choice.capitalize()) for c in at.caption)


def test_a_category_of_one_line_shows_no_empty_chart_of_the_other():
    at = open_caseload(van="2025-01", tot="2025-12", code="prevention")
    metrics = {m.label for m in at.metric}
    assert "Nieuwe zaken Lijn 1" not in metrics and "Nieuwe zaken Lijn 2" in metrics
    new_cases = plotly_specs(at)[0]
    assert "Lijn 1" not in json.dumps(new_cases)  # no facet of zeros "0 0 0 1 1 1"
    at = open_caseload(code="holiday_consent")
    assert "Geen Lijn 2-zaken in deze selectie" in " ".join(i.value for i in at.info)


def test_a_category_of_the_other_line_is_dropped_and_said():
    at = open_caseload(lijn="2", code="holiday_consent")
    assert at.selectbox(key="code").value == cl.ALL
    assert any(i.value.startswith("De link vroeg om categorie") for i in at.info)


def test_a_link_value_the_page_cannot_use_is_dropped_and_said():
    at = open_caseload(van="2019-01", wie="buren")
    assert at.selectbox(key="van").value == D(2024, 12, 1)
    said = [i.value for i in at.info if i.value.startswith("De link vroeg")]
    assert said == [
        "De link vroeg om begin „2019-01”; die waarde kent deze pagina niet, dus staat hier "
        "december 2024.",
        "De link vroeg om wie „buren”; die waarde kent deze pagina niet, dus staat hier Iedereen.",
    ]
