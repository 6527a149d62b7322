"""Meerjarige trends: computed years from the data, earlier years from imported annual
reports (marked as published), and a difference flagged where a year has both."""

from __future__ import annotations

import json

import polars as pl
from chart_support import chart_specs
from streamlit.testing.v1 import AppTest
from tiny_export import equal_days
from trends_support import D, import_older, rows_of

from dashboard import pages
from dashboard.charts import trends as trends_charts
from dashboard.db import Database
from dashboard.format import change_pct
from dashboard.importer.published import import_published
from dashboard.paths import DATA_ROOT, DEMO_DIR, REPO_ROOT
from dashboard.reports import trends

APP = REPO_ROOT / "dashboard" / "app.py"
TRENDS = next(p for p in pages.PAGES if p.url_path == "trends").script


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(spec) for spec in chart_specs(at)]


def test_page_shows_imported_years_and_the_difference(data_home, tmp_path) -> None:
    import_older(data_home, tmp_path)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(TRENDS)
    at.query_params["maat"] = "cases.line2"  # a link from before the picker was bound
    at.run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Meerjarige trends, 2021–2026"]
    assert not at.info  # the note that no older years were imported is gone
    assert at.selectbox(key="maat").value == "cases.line2"
    # the last whole-year chart (the same-period chart of the chosen measure follows it)
    chosen = [f for f in _figures(at) if "t/m" not in f["layout"]["title"]["text"]][-1]
    differing = next(t for t in chosen["data"] if t["name"] == "jaarverslag wijkt af")
    assert differing["x"] == [2024] and differing["y"] == [2700]
    table = at.dataframe[-1].value
    assert table.loc[table["Jaar"] == 2024, "Status"].tolist() == ["verschil"]
    key = next(f for f in _figures(at) if f["layout"]["title"]["text"] == "Zaken totaal")
    published = next(t for t in key["data"] if t["name"] == trends.KINDS["jaarverslag"])
    assert published["x"] == [2021, 2022, 2023] and published["y"] == [8012, 8830, 9960]


def test_page_without_imports_says_how_to_reach_back(data_home) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(TRENDS).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Meerjarige trends, 2024–2026"]
    assert "Gegevens" in at.info[0].value and "vóór 2024" in at.info[0].value


def test_page_shows_2026_beside_the_same_days_of_earlier_years(data_home) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(TRENDS).run()
    assert not at.exception
    assert "Tot en met 22 november, elk jaar" in [h.value for h in at.subheader]
    cases = pl.read_parquet(DEMO_DIR / "cases" / "cases.parquet")
    until = D(2026, 11, 22)
    figures = {f["layout"]["title"]["text"]: f for f in _figures(at)}
    for title, line in (("Lijn 1-zaken", 1), ("Lijn 2-zaken", 2)):
        figure = next(
            f for f in _figures(at)
            if f["layout"]["title"]["text"] == title
            and f["data"][0]["marker"]["color"][0] == trends_charts.SAME_PERIOD_PREVIOUS_COLOUR
        )  # fmt: skip
        bars = figure["data"][0]
        counts = {
            year: equal_days(cases.filter(line=line), "opened_date", year, until).height
            for year in (2024, 2025, 2026)
        }
        assert dict(zip(bars["x"], bars["y"], strict=True)) == counts
        change = 100 * (counts[2026] - counts[2025]) / counts[2025]
        assert figure["layout"]["xaxis"]["ticktext"][-1] == f"2026<br>{change_pct(change, 1)}"
    assert figures  # the whole-year charts are still there


REPORT_2020 = REPO_ROOT / "data" / "reference" / "published-2020-figures.csv"


def test_the_2020_report_imports_whole_and_shows_as_published_beside_2024(
    data_home, tmp_path
) -> None:
    """Every figure the 2020 report prints, with its `source`, imports without a refused row,
    and the trends page shows them hatched beside the computed 2024-2025 bars, with the change
    of registration in 2024 marked on the chart."""
    result = import_published(REPORT_2020, data_home, who="test")
    assert result.outcome == "published", result.report_nl()
    assert not result.findings
    printed = pl.read_csv(REPORT_2020)
    assert result.rows == printed.height

    rows = Database(DEMO_DIR, DATA_ROOT, data_home).run("trend_measures")
    abduction = rows_of(rows, "abduction.cases")
    assert abduction[2020]["value"] == 152 and abduction[2020]["kind"] == "jaarverslag"
    assert abduction[2020]["published_source"] == "Jaarverslag 2020, 1.4"
    assert abduction[2024]["kind"] == "gegevens"
    # two definitions, two measures: the 2020 Lijn 1 holds every third party's case too
    assert rows_of(rows, "cases.line1.def2020")[2020]["value"] == 2774
    line1_2025 = rows_of(rows, "cases.line1.def2020")[2025]
    assert line1_2025["value"] > rows_of(rows, "cases.line1")[2025]["value"] == 7645
    successful = rows_of(rows, "mediation.successful.def2020")
    assert successful[2020]["value"] == 4
    assert successful[2025]["value"] > rows_of(rows, "mediation.successful")[2025]["value"]

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(TRENDS)
    at.query_params["maat"] = "abduction.cases"
    at.run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Meerjarige trends, 2017–2026"]
    chosen = [f for f in _figures(at) if "t/m" not in f["layout"]["title"]["text"]][-1]
    published = next(t for t in chosen["data"] if t["name"] == trends.KINDS["jaarverslag"])
    computed = next(t for t in chosen["data"] if t["name"] == trends.KINDS["gegevens"])
    assert published["x"] == [2019, 2020] and published["y"] == [146, 152]
    assert computed["x"] == [2024, 2025]
    (marker,) = chosen["layout"]["shapes"]
    assert marker["x0"] == 2023.5 and marker["line"]["dash"] == "dash"
    # the change of registration is named in the legend, beside its dashed line
    assert any(
        "2024" in (t.get("name") or "") and t.get("showlegend", True) for t in chosen["data"]
    )
    assert any("Definitie" in c.value for c in at.caption)
    table = at.dataframe[-1].value
    assert table.loc[table["Jaar"] == 2020, "Bron jaarverslag"].tolist() == [
        "Jaarverslag 2020, 1.4"
    ]


def test_the_measure_search_answers_in_dutch_and_finds_the_annual_overview_name(
    data_home,
) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(TRENDS).run()
    at.text_input(key="zoek").input("kwispeldoos").run()
    assert not at.exception
    assert any("Geen maat gevonden voor „kwispeldoos”" in i.value for i in at.info)
    assert at.selectbox(key="maat").value == next(iter(trends.KEY_MEASURES))  # all, as before
    # the name the annual overview gives it picks the measure and draws it
    at.text_input(key="zoek").input("Ontvoerde kinderen").run()
    assert not at.exception
    assert at.selectbox(key="maat").value == "abduction.children"
    assert at.selectbox(key="maat").options == [
        "5. Internationale kinderontvoering · Ontvoeringszaken (IKO-zaken), betrokken kinderen"
    ]
    assert not any("Geen maat" in i.value for i in at.info)
