"""The annual overview (/jaaroverzicht): every number it shows that the annual report also
prints equals the report, the section 7 table cell by cell, and the report's own mistakes show
as differences."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from tiny_export import case, equal_days, tiny_export

from dashboard import downloads
from dashboard.charts import annual as annual_charts
from dashboard.db import open_database
from dashboard.format import change_pct, number, signed
from dashboard.paths import DEMO_DIR, REFERENCE_DIR, REPO_ROOT
from dashboard.reports import annual, same_period
from dashboard.reports.periods import YearPeriod

APP = REPO_ROOT / "dashboard" / "app.py"


def published(year: int) -> dict[str, float]:
    with (REFERENCE_DIR / "published-2025-report.csv").open(encoding="utf-8") as f:
        return {
            r["measure"]: float(r["value"]) for r in csv.DictReader(f) if int(r["year"]) == year
        }


def printed_table() -> list[dict]:
    with (REFERENCE_DIR / "published-2025-overview-table.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def db():
    return open_database()


@pytest.fixture(scope="module")
def page_2025() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["jaar"] = "2025"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_tiles_show_the_published_figures_and_changes(db, page_2025):
    pub25, pub24 = published(2025), published(2024)
    headlines = db.run("annual_headlines", year=2025, period="year")
    metrics = {m.label: m for m in page_2025.metric}
    assert headlines["tile_label"].is_unique().all(), "two tiles with one label"
    checked = 0
    for row in headlines.iter_rows(named=True):
        shown = metrics[row["tile_label"]]
        if row["measure"] in pub25:
            assert shown.value == number(pub25[row["measure"]]), row["measure"]
            checked += 1
        if row["measure"] in pub25 and row["measure"] in pub24:
            now, before = pub25[row["measure"]], pub24[row["measure"]]
            if before < annual.SMALL_BASE:  # a small count changes by a count, not a percentage
                assert shown.delta == signed(now - before), row["measure"]
            else:
                assert shown.delta == change_pct(100 * (now - before) / before, decimals=0)
    assert checked >= 12
    assert metrics["Geslaagde mediations"].delta == "-3"  # 7 -> 4, not -43 %


@pytest.mark.parametrize("year", [2024, 2025])
def test_section_7_table_equals_the_report_cell_by_cell(db, year):
    rows = {
        r["category_code"]: r
        for r in db.run("line_overview", year=2025, period="year").iter_rows(named=True)
    }
    suffix = "" if year == 2025 else "_previous"
    for printed in printed_table():
        got = rows[printed["category_code"]]
        for part in ("parents", "third_parties", "total"):
            want = printed[f"{part}_{year}"]
            if want == "":  # the report gives Lijn 1 only as a total
                continue
            assert got[part + suffix] == int(want), (printed["category_code"], part, year)


def test_section_7_change_column_equals_the_report(db):
    table = annual.overview_download(
        db.run("line_overview", year=2025, period="year"), annual.OVERVIEW_HEADERS, 2025, "2025"
    )
    by_label = dict(zip(table["Soort zaak"], table["Verschil (%)"], strict=True))
    codes = db.run("line_overview", year=2025, period="year").select("category_code", "category_nl")
    label_of = dict(codes.iter_rows())
    for printed in printed_table():
        label = label_of[printed["category_code"]]
        assert by_label[label] == int(printed["change_pct_printed"]), label


def test_page_shows_the_section_7_table_as_computed(db, page_2025):
    overview = db.run("line_overview", year=2025, period="year")
    frames = [d.value for d in page_2025.dataframe]
    table = next(f for f in frames if "Soort zaak" in f.columns)
    assert table["Soort zaak"].tolist() == overview["category_nl"].to_list()
    assert table["Totaal 2025"].tolist() == overview["total"].to_list()
    assert table["Totaal 2024"].tolist() == overview["total_previous"].to_list()


def test_report_mistakes_are_shown_as_differences(page_2025):
    warnings = [w.value for w in page_2025.warning]
    assert any("gemiddeld per maand" in w and "126" in w and "156,6" in w for w in warnings)
    assert any("Preventiezaken" in w and "-3 %" in w and "-3,5 %" in w for w in warnings)
    # the table's -4 % for the same change agrees with the data: no warning for it
    assert not any("tabel hoofdstuk 7" in w for w in warnings)


def test_printed_changes_against_computed(db):
    changes = db.run("published_changes_vs_computed", year=2025)
    wrong = changes.filter(pl.col("status") != "gelijk")
    assert wrong.select("measure", "printed_in").rows() == [
        ("prevention.cases", "tekst hoofdstuk 3")
    ]


def test_downloads_hold_the_table(db):
    table = annual.overview_download(
        db.run("line_overview", year=2025, period="year"), annual.OVERVIEW_HEADERS, 2025, "2025"
    )
    text = downloads.csv_bytes(table).decode("utf-8-sig")
    back = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert back[0][0] == "Soort zaak" and len(back) == table.height + 1
    assert ["Totaal Lijn 2", "1222", "599", "1821", "1254", "625", "1879", "3", "3"] in back
    with zipfile.ZipFile(io.BytesIO(downloads.excel_bytes(table, "Overzicht 2025"))) as xlsx:
        assert "xl/worksheets/sheet1.xml" in xlsx.namelist()
        shared = xlsx.read("xl/sharedStrings.xml").decode()
        assert "Toestemming voor vakantie" in shared


def test_running_year_compares_the_same_days_of_the_year_before(db):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["jaar"] = "2026"
    at.run()
    assert not at.exception
    assert "2026 t/m 22 november tegenover 2025 t/m 22 november" in [h.value for h in at.header]
    info = next(i.value for i in at.info if "2026 loopt nog" in i.value)
    assert "29 februari telt mee in het jaar dat hem heeft" in info

    # every tile's change equals an independent count of the demo rows over equal days
    cases = pl.read_parquet(DEMO_DIR / "cases" / "cases.parquet")
    until = dt.date(2026, 11, 22)
    metrics = {m.label: m for m in at.metric}
    for label, line in (("Lijn 1-zaken", 1), ("Lijn 2-zaken", 2)):
        now = equal_days(cases.filter(line=line), "opened_date", 2026, until).height
        before = equal_days(cases.filter(line=line), "opened_date", 2025, until).height
        assert metrics[label].value == number(now)
        assert metrics[label].delta == change_pct(100 * (now - before) / before, decimals=0)
    rows = {r["measure"]: r for r in db.run("annual_headlines", year=2026, period="to_date")
            .iter_rows(named=True)}  # fmt: skip
    assert round(rows["cases.line1"]["change_pct"], 1) == -3.4  # 6.546 against 6.776
    assert round(rows["cases.line2"]["change_pct"], 1) == 4.2  # 1.777 against 1.706

    # the section 7 table: 2026 beside the same days of 2025, not beside the whole of 2025
    table = next(d.value for d in at.dataframe if "Soort zaak" in d.value.columns)
    assert list(table.columns) == [
        "Soort zaak", "Ouders 2026 t/m 22-11", "Derden 2026 t/m 22-11", "Totaal 2026 t/m 22-11",
        "Totaal 2025 t/m 22-11", "Verschil",
    ]  # fmt: skip
    line2_before = equal_days(cases.filter(line=2), "opened_date", 2025, until).height
    total_row = table[table["Soort zaak"] == "Totaal Lijn 2"].iloc[0]
    assert str(total_row["Totaal 2025 t/m 22-11"]).replace(".", "") == str(line2_before)
    names = {
        t.get("name") for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]
    }
    assert {"2026 t/m 22-11", "2025 t/m 22-11"} <= names and "2025" not in names
    # the table buttons (each chart has a "Dia (PNG)" button too)
    tables = [b for b in at.get("download_button") if b.proto.label.startswith("Download")]
    csv_button, excel_button = tables[:2]
    assert csv_button.proto.label == "Download als CSV"


D = dt.date


@pytest.mark.parametrize(
    ("data_until", "expected"),
    [
        # data to 29 February 2024: 2023 counts to 28 February (it has no 29th)
        (D(2024, 2, 29), {2024: 2, 2023: 1}),
        # data to 28 February 2025: 29 February 2024 is after the cut-off day
        (D(2025, 2, 28), {2025: 1, 2024: 1}),
        # data to 1 March 2025: 2024's period passes its leap day and holds it
        (D(2025, 3, 1), {2025: 2, 2024: 3}),
    ],
)
def test_same_period_across_a_leap_day(tmp_path, data_until, expected):
    cases = [
        case("Z0000000A", D(2023, 2, 28), D(2023, 2, 28)),
        case("Z0000000B", D(2023, 3, 1)),
        case("Z0000000C", D(2024, 1, 2)),
        case("Z0000000D", D(2024, 2, 29), D(2024, 3, 20)),
        case("Z0000000E", D(2024, 3, 1)),
        case("Z0000000F", D(2025, 2, 27)),
        case("Z0000000G", D(2025, 3, 1)),
    ]
    db = tiny_export(tmp_path, data_until, [c for c in cases if c["opened_date"] <= data_until])
    year = data_until.year
    tiles = {
        r["measure"]: r
        for r in db.run("annual_headlines", year=year, period="to_date").iter_rows(named=True)
    }
    assert (tiles["cases.line2"]["value"], tiles["cases.line2"]["previous_value"]) == (
        expected[year], expected[year - 1],
    )  # fmt: skip
    overview = db.run("line_overview", year=year, period="to_date").filter(
        category_code="total_line2"
    )
    assert overview.select("total", "total_previous").row(0) == (expected[year], expected[year - 1])
    periods = same_period.year_to_date_periods(db.run)
    assert periods[year - 1].end == (
        D(2023, 2, 28) if year == 2024 else D(2024, data_until.month, data_until.day)
    )


def test_same_period_counts_a_case_closed_after_the_cut_off_as_open(tmp_path):
    # on 22 November 2025 case A was still open: in "2025 t/m 22 november" it is not closed
    db = tiny_export(
        tmp_path,
        D(2026, 11, 22),
        [
            case("Z0000000A", D(2025, 3, 1), D(2025, 12, 1)),
            case("Z0000000B", D(2025, 3, 1), D(2025, 6, 1)),
            case("Z0000000C", D(2026, 3, 1), D(2026, 6, 1)),
        ],
    )
    measures = db.query_view("mart_period_measures").filter(
        year=2025, measure="cases.line2.closed_same_year"
    )
    assert dict(measures.select("period", "value").iter_rows()) == {"year": 2.0, "to_date": 1.0}


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


def test_the_key_figures_are_the_tiles_in_the_lectures_order(db):
    headlines = annual.headlines(db.run, YearPeriod(2025, dt.date(2026, 11, 22)))
    figures = annual.key_figures(headlines, 2025)
    assert [f.measure for f in figures] == list(annual.KEY_FIGURES)
    tiles = {t.measure: t for t in annual.tiles(headlines, 2025)}
    assert all(f == tiles[f.measure] for f in figures)
    total = tiles["cases.total"]
    assert total.change == f"{total.delta} t.o.v. 2024"


def test_first_year_has_no_previous_year():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["jaar"] = "2024"
    at.run()
    assert not at.exception
    assert all(not m.delta for m in at.metric if not m.label.startswith("Aantallen"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Zaken totaal"] == "10.829"


def test_breakdown_bars_are_the_published_numbers(db):
    pub = published(2025)
    rows = db.run("annual_breakdowns", year=2025, period="year")
    for r in rows.iter_rows(named=True):
        if r["measure"] in pub:
            assert r["value"] == pub[r["measure"]], r["measure"]
    fig = annual_charts.breakdown_figure(
        rows.filter(breakdown="abduction_direction"), 2025, "zaken"
    )
    this_year = fig.data[-1]
    assert sorted(this_year.x) == sorted([104, 33, 34, 8, 11])
    assert "104" in this_year.text
