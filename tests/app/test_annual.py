"""The annual overview (/jaaroverzicht): every number it shows that the annual report also
prints equals the report, the section 7 table cell by cell, and the report's own mistakes show
as differences."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from annual_support import published
from chart_support import chart_specs
from streamlit.testing.v1 import AppTest
from tiny_export import equal_days

from dashboard.format import change_pct, number, signed
from dashboard.paths import DEMO_DIR, REPO_ROOT
from dashboard.reports import annual

APP = REPO_ROOT / "dashboard" / "app.py"


@pytest.fixture(scope="module")
def db(demo_db):
    return demo_db


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


def test_waarom_splits_contacts_per_case_into_the_mix_and_each_lines_rate(db, page_2025):
    # last of the tests on page_2025: it leaves the page on another measure
    page_2025.selectbox(key="waarom").set_value("Contactmomenten per zaak").run()
    assert not page_2025.exception, [e.value for e in page_2025.exception]
    specs = [json.loads(c.proto.spec) for c in page_2025.get("plotly_chart")]
    (waterfall,) = [s["data"][0] for s in specs if s["data"][0]["type"] == "waterfall"]
    labels, values = waterfall["y"], waterfall["x"]
    # 2024's rate, the mix part, each line's rate part, 2025's rate: they add up
    assert labels == ["2024", "verschuiving tussen delen", "Lijn 2",
                      "Lijn 1, toestemming voor vakantie", "2025"]  # fmt: skip
    rate = {year: dict(db.run("annual_measures", year=year).iter_rows()) for year in (2024, 2025)}
    for year, value in ((2024, values[0]), (2025, values[-1])):
        assert value == pytest.approx(rate[year]["contacts.total"] / rate[year]["cases.total"])
    assert values[0] + sum(values[1:-1]) == pytest.approx(values[-1])
    said = [m.value for m in page_2025.markdown if "contactmomenten per zaak" in m.value]
    assert said[0].startswith(
        f"{number(values[-1] - values[0], 2)} contactmomenten per zaak meer: verschuiving "
        f"tussen delen: {number(values[1], 2)} meer, Lijn 2 kreeg er"
    )


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
    # short headers on a laptop, each part of a year marked and named under the table
    assert list(table.columns) == [
        "Soort zaak", "Ouders 2026*", "Derden 2026*", "Totaal 2026*", "Totaal 2025*", "Verschil",
    ]  # fmt: skip
    assert any(c.value.startswith("* 2026 t/m 22-11, 2025 t/m 22-11.") for c in at.caption)
    line2_before = equal_days(cases.filter(line=2), "opened_date", 2025, until).height
    total_row = table[table["Soort zaak"] == "Totaal Lijn 2"].iloc[0]
    assert str(total_row["Totaal 2025*"]).replace(".", "") == str(line2_before)
    names = {t.get("name") for spec in chart_specs(at) for t in json.loads(spec)["data"]}
    assert {"2026 t/m 22-11", "2025 t/m 22-11"} <= names and "2025" not in names
    # the table buttons (each chart has a "Dia (PNG)" button too)
    tables = [b for b in at.get("download_button") if b.proto.label.startswith("Download")]
    csv_button, excel_button = tables[:2]
    assert csv_button.proto.label == "Download als CSV"


def test_first_year_has_no_previous_year():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["jaar"] = "2024"
    at.run()
    assert not at.exception
    assert all(not m.delta for m in at.metric if not m.label.startswith("Aantallen"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Zaken totaal"] == "10.829"
