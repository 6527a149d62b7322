"""The annual overview (/jaaroverzicht): every number it shows that the annual report also
prints equals the report, the section 7 table cell by cell, and the report's own mistakes show
as differences."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import annual, downloads
from dashboard.db import open_database
from dashboard.format import change_pct, number, signed
from dashboard.paths import REFERENCE_DIR, REPO_ROOT

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
    headlines = db.run("annual_headlines", year=2025)
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
    rows = {r["category_code"]: r for r in db.run("line_overview", year=2025).iter_rows(named=True)}
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
        db.run("line_overview", year=2025), annual.OVERVIEW_HEADERS, 2025, "2025"
    )
    by_label = dict(zip(table["Soort zaak"], table["Verschil (%)"], strict=True))
    codes = db.run("line_overview", year=2025).select("category_code", "category_nl")
    label_of = dict(codes.iter_rows())
    for printed in printed_table():
        label = label_of[printed["category_code"]]
        assert by_label[label] == int(printed["change_pct_printed"]), label


def test_page_shows_the_section_7_table_as_computed(db, page_2025):
    overview = db.run("line_overview", year=2025)
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
        db.run("line_overview", year=2025), annual.OVERVIEW_HEADERS, 2025, "2025"
    )
    text = downloads.csv_bytes(table).decode("utf-8-sig")
    back = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert back[0][0] == "Soort zaak" and len(back) == table.height + 1
    assert ["Totaal Lijn 2", "1222", "599", "1821", "1254", "625", "1879", "3", "3"] in back
    with zipfile.ZipFile(io.BytesIO(downloads.excel_bytes(table, "Overzicht 2025"))) as xlsx:
        assert "xl/worksheets/sheet1.xml" in xlsx.namelist()
        shared = xlsx.read("xl/sharedStrings.xml").decode()
        assert "Toestemming voor vakantie" in shared


def test_running_year_shows_no_misleading_changes(db):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["jaar"] = "2026"
    at.run()
    assert not at.exception
    assert any("2026 loopt nog" in i.value for i in at.info)
    assert all(not m.delta for m in at.metric if not m.label.startswith("Aantallen"))
    # no part of 2026 beside the whole of 2025: not in the table, not in a chart
    table = next(d.value for d in at.dataframe if "Soort zaak" in d.value.columns)
    assert list(table.columns) == [
        "Soort zaak", "Ouders 2026 t/m 22-11", "Derden 2026 t/m 22-11", "Totaal 2026 t/m 22-11",
    ]  # fmt: skip
    assert table["Totaal 2026 t/m 22-11"].tolist() == (
        db.run("line_overview", year=2026)["total"].to_list()
    )
    names = {
        t.get("name") for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]
    }
    assert "2026 t/m 22-11" in names and "2025" not in names
    assert not any("in grijs" in c.value for c in at.caption)
    csv_button, excel_button = [b for b in at.get("download_button")][:2]
    assert csv_button.proto.label == "Download als CSV"


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
    rows = db.run("annual_breakdowns", year=2025)
    for r in rows.iter_rows(named=True):
        if r["measure"] in pub:
            assert r["value"] == pub[r["measure"]], r["measure"]
    fig = annual.breakdown_figure(rows.filter(breakdown="abduction_direction"), 2025, "zaken")
    this_year = fig.data[-1]
    assert sorted(this_year.x) == sorted([104, 33, 34, 8, 11])
    assert "104" in this_year.text
