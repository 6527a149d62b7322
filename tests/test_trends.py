"""Meerjarige trends: computed years from the data, earlier years from imported annual
reports (marked as published), and a difference flagged where a year has both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from tiny_export import case, equal_days, tiny_export

from dashboard import pages
from dashboard.charts import trends as trends_charts
from dashboard.db import Database
from dashboard.format import change_pct
from dashboard.importer.published import import_published
from dashboard.paths import DATA_ROOT, DEMO_DIR, REPO_ROOT
from dashboard.reports import trends

APP = REPO_ROOT / "dashboard" / "app.py"
TRENDS = next(p for p in pages.PAGES if p.url_path == "trends").script

# Test figures, not from any real annual report: three years before the export, and a 2024
# value that disagrees with the data (the demo's 2024 Lijn 2 count is the published 1.821).
OLDER = """year,measure,value,section,note
2021,cases.total,8012,2,testcijfer
2022,cases.total,8830,2,testcijfer
2023,cases.total,9960,2,testcijfer
2023,abduction.cases,171,5,testcijfer
2024,cases.line2,2700,2,testcijfer dat afwijkt
"""


def import_older(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "oudere-jaarverslagen.csv"
    path.write_text(OLDER, encoding="utf-8")
    result = import_published(path, home, who="test")
    assert result.outcome == "published", result.report_nl()


def rows_of(df: pl.DataFrame, measure: str) -> dict[int, dict]:
    return {r["year"]: r for r in df.filter(measure=measure).iter_rows(named=True)}


@pytest.fixture(scope="module")
def demo_rows() -> pl.DataFrame:
    return Database(DEMO_DIR, DATA_ROOT, None).run("trend_measures")


def test_data_years_show_the_computed_value_and_the_running_year_is_marked(demo_rows) -> None:
    db = Database(DEMO_DIR, DATA_ROOT, None)
    computed = db.query_view("mart_annual_measures")
    shown = demo_rows.filter(source="gegevens").join(computed, on=["year", "measure"])
    assert shown.height == computed.height  # every computed value is in the trend, once
    assert (shown["value"] == shown["value_right"]).all()
    total = rows_of(demo_rows, "cases.total")
    assert {y: r["kind"] for y, r in total.items()} == {
        2024: "gegevens",
        2025: "gegevens",
        2026: "lopend",
    }
    assert total[2025]["value"] == 9524 and total[2025]["status"] == "gelijk"
    assert total[2026]["status"] == "niet gepubliceerd"


def test_a_measure_the_export_lacks_shows_the_published_value(demo_rows) -> None:
    requests = rows_of(demo_rows, "mediation.information_requests")
    assert requests[2025]["value"] == 71
    assert requests[2025]["kind"] == "jaarverslag"
    assert requests[2025]["status"] == "niet in de gegevens"


def test_the_printed_contradiction_stays_visible(demo_rows) -> None:
    average = rows_of(demo_rows, "cases.line2.monthly_average")[2025]
    assert average["status"] == "verschil"
    assert average["published_value"] == 126
    assert average["value"] == pytest.approx(1879 / 12)


def test_imported_older_years_extend_the_trend_as_published(data_home, tmp_path) -> None:
    import_older(data_home, tmp_path)
    rows = Database(DEMO_DIR, DATA_ROOT, data_home).run("trend_measures")
    total = rows_of(rows, "cases.total")
    assert sorted(total) == [2021, 2022, 2023, 2024, 2025, 2026]
    for year, value in {2021: 8012, 2022: 8830, 2023: 9960}.items():
        assert total[year]["value"] == value
        assert total[year]["kind"] == "jaarverslag"
        assert total[year]["status"] == "niet in de gegevens"
        assert not total[year]["year_in_data"]
    # a year with both: the computed value is shown, the published one beside it, flagged
    line2 = rows_of(rows, "cases.line2")[2024]
    assert line2["value"] == line2["computed_value"] == 1821
    assert line2["published_value"] == 2700
    assert line2["difference"] == 1821 - 2700
    assert line2["status"] == "verschil"
    assert line2["kind"] == "gegevens"


def test_imported_years_are_the_published_only_years(data_home, tmp_path) -> None:
    import_older(data_home, tmp_path)
    rows = trends.annual_measures(Database(DEMO_DIR, DATA_ROOT, data_home).run)
    coverage = trends.coverage(rows)
    assert coverage.published_only == [2021, 2022, 2023]
    assert coverage.data_years == [2024, 2025, 2026]
    assert not coverage.lacks_older_years


def test_without_imports_the_trend_starts_at_the_export(demo_rows) -> None:
    coverage = trends.coverage(demo_rows)
    assert coverage.years == coverage.data_years == [2024, 2025, 2026]
    assert coverage.lacks_older_years
    assert trends.no_older_years_nl(coverage).startswith(
        "Er zijn geen gepubliceerde jaarcijfers van vóór 2024 geïmporteerd"
    )
    intro = trends.intro_nl(coverage, dt.date(2026, 11, 22))
    assert "uit de export, 2024–2026." in intro and "tot en met 22 november 2026, nog" in intro


def test_figure_draws_each_kind_apart_and_the_published_difference() -> None:
    rows = pl.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "value": [2660.0, 1821.0, 990.0],
            "kind": ["jaarverslag", "gegevens", "lopend"],
            "status": ["niet in de gegevens", "verschil", "niet gepubliceerd"],
            "published_value": [2660.0, 2700.0, None],
            "difference": [None, -879.0, None],
        }
    )
    fig = trends_charts.trend_figure(rows, "Lijn 2-zaken", "22-11")
    names = [t.name for t in fig.data]
    assert names == [*trends.KINDS.values(), "jaarverslag wijkt af"]
    assert list(fig.data[0].text) == ["1.821"] and list(fig.data[0].x) == [2024]
    assert fig.data[1].marker.pattern.shape == "/"
    assert list(fig.data[3].y) == [2700.0]
    assert list(fig.layout.xaxis.ticktext) == ["2023<br>jaarverslag", "2024", "2025<br>t/m 22-11"]
    assert fig.layout.showlegend

    small = trends_charts.trend_figure(rows, "Lijn 2-zaken", "22-11", compact=True)
    assert list(small.layout.xaxis.ticktext) == ["2023", "2024", "2025<br>t/m<br>22-11"]
    assert not small.layout.showlegend


def test_a_monthly_average_keeps_its_decimal() -> None:
    assert trends.decimals(pl.Series([156.58, 150.0])) == 1
    assert trends.decimals(pl.Series([9524.0, None])) == 0


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


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


def test_running_year_monthly_average_counts_the_last_month_in_part(demo_rows) -> None:
    """1 January to 22 November 2026 is 326 of 365 days: 10,72 months, not 11."""
    line2 = rows_of(demo_rows, "cases.line2")[2026]["value"]
    average = rows_of(demo_rows, "cases.line2.monthly_average")[2026]["value"]
    assert average == pytest.approx(line2 / (12 * 326 / 365))
    assert rows_of(demo_rows, "cases.line2.monthly_average")[2024]["value"] == 1821 / 12


# -- the running year beside the same period of earlier years ---------------------------------

D = dt.date


def test_same_period_of_every_year_across_a_leap_day(tmp_path) -> None:
    # data to 1 March 2025: 2024's period passes its leap day and holds it, 2023's has none
    cases = [
        case("Z0000000A", D(2023, 2, 28)),
        case("Z0000000B", D(2023, 3, 2)),  # after 1 March: only in the whole year
        case("Z0000000C", D(2024, 2, 29)),
        case("Z0000000D", D(2024, 3, 1)),
        case("Z0000000E", D(2025, 3, 1), line=1, code="holiday_consent"),
        case("Z0000000F", D(2025, 1, 7)),
    ]
    rows = tiny_export(tmp_path, D(2025, 3, 1), cases).run("trend_same_period")
    total = {r["year"]: r for r in rows.filter(measure="cases.total").iter_rows(named=True)}
    assert {y: r["value"] for y, r in total.items()} == {2023: 1, 2024: 2, 2025: 2}
    assert {y: r["period_end"] for y, r in total.items()} == {
        2023: D(2023, 3, 1), 2024: D(2024, 3, 1), 2025: D(2025, 3, 1),
    }  # fmt: skip
    assert total[2025]["change_pct"] == 0 and total[2024]["change_pct"] == 100
    assert [r["is_running_year"] for r in total.values()] == [False, False, True]
    fig = trends_charts.same_period_figure(rows.filter(measure="cases.total"), "Zaken")
    assert list(fig.data[0].text) == ["1", "2", "2<br>0,0 %"]
    assert list(fig.layout.xaxis.ticktext)[-1] == "2025<br>t/m 01-03"
    small = trends_charts.same_period_figure(
        rows.filter(measure="cases.total"), "Zaken", compact=True
    )
    assert list(small.layout.xaxis.ticktext) == ["2023", "2024", "2025<br>0,0 %"]
    assert trends.same_period_span_nl(rows, D(2025, 3, 1)) == (
        "2023–2025, elk jaar t/m 1 maart",
        "2023-2025-tm-03-01",
    )
    assert trends.same_period_caption_nl(D(2025, 3, 1)).endswith(
        "Blauw: 2025, met het verschil tegenover dezelfde dagen van 2024."
    )


def test_same_period_is_empty_when_the_data_reaches_new_year(tmp_path) -> None:
    rows = tiny_export(tmp_path, D(2025, 12, 31), [case("Z0000000A", D(2025, 5, 1))]).run(
        "trend_same_period"
    )
    assert rows.is_empty()


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
    assert "2024" in chosen["layout"]["annotations"][0]["text"]
    assert any("Definitie" in c.value for c in at.caption)
    table = at.dataframe[-1].value
    assert table.loc[table["Jaar"] == 2020, "Bron jaarverslag"].tolist() == [
        "Jaarverslag 2020, 1.4"
    ]


def test_a_change_of_definition_is_marked_once_and_only_where_both_sides_show() -> None:
    rows = pl.DataFrame(
        {
            "year": [2019, 2020, 2024, 2025],
            "value": [146.0, 152.0, 148.0, 190.0],
            "kind": ["jaarverslag", "jaarverslag", "gegevens", "gegevens"],
            "status": ["niet in de gegevens"] * 2 + ["gelijk"] * 2,
            "published_value": [146.0, 152.0, 148.0, 190.0],
            "difference": [None, None, 0.0, 0.0],
            "definition_changed_year": [2024] * 4,
            "definition_change_nl": ["registratie vanaf 2024"] * 4,
        }
    )
    fig = trends_charts.trend_figure(rows, "Ontvoeringszaken", "22-11")
    assert [s.x0 for s in fig.layout.shapes] == [2023.5]
    assert len(fig.layout.annotations) == 1
    after_only = trends_charts.trend_figure(rows.filter(pl.col("year") >= 2024), "x", "22-11")
    assert not after_only.layout.shapes
    unchanged = trends_charts.trend_figure(
        rows.with_columns(definition_changed_year=pl.lit(None, pl.Int32)), "x", "22-11"
    )
    assert not unchanged.layout.shapes
