"""The annual overview (/jaaroverzicht): every number it shows that the annual report also
prints equals the report, the section 7 table cell by cell, and the report's own mistakes show
as differences."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import polars as pl
import pytest
from annual_support import published
from tiny_export import case, tiny_export

from dashboard import downloads
from dashboard.charts import annual as annual_charts
from dashboard.paths import REFERENCE_DIR
from dashboard.reports import annual, same_period
from dashboard.reports.periods import YearPeriod


def printed_table() -> list[dict]:
    with (REFERENCE_DIR / "published-2025-overview-table.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def db(demo_db):
    return demo_db


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


def test_the_key_figures_are_the_tiles_in_the_lectures_order(db):
    headlines = annual.headlines(db.run, YearPeriod(2025, dt.date(2026, 11, 22)))
    figures = annual.key_figures(headlines, 2025)
    assert [f.measure for f in figures] == list(annual.KEY_FIGURES)
    tiles = {t.measure: t for t in annual.tiles(headlines, 2025)}
    assert all(f == tiles[f.measure] for f in figures)
    total = tiles["cases.total"]
    assert total.change == f"{total.delta} t.o.v. 2024"


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


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_annual_report_draft_releases_its_counts_as_one_audited_set(demo_db, year):
    """The draft's sentences in publication mode: a measure and its parts one level down
    ("172 vaders ... 171 als potentieel achterblijvende ouder en <5 als potentieel
    meenemende") are decided together, and no hidden small count can be worked out."""
    from dashboard.annual_report import sentences
    from dashboard.disclosure import exposed
    from dashboard.publication import Publication
    from dashboard.reports import trends

    counts = sentences.counts(trends.annual_measures(demo_db.run), year, Publication())
    assert counts.release is not None and counts.release.relations
    assert exposed([counts.release]) == []
    father = "prevention.contact.father"
    parts = [f"{father}.potentially_left_behind", f"{father}.potentially_taking"]
    shown = [counts.n(m) for m in (father, *parts)]
    if "<5" in shown:  # the other two cannot both be numbers
        assert sum(text.replace(".", "").isdigit() for text in shown) < 2, shown
