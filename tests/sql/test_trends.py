"""Meerjarige trends: computed years from the data, earlier years from imported annual
reports (marked as published), and a difference flagged where a year has both."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from tiny_export import case, tiny_export
from trends_support import D, import_older, rows_of

from dashboard.charts import trends as trends_charts
from dashboard.db import Database
from dashboard.paths import DATA_ROOT, DEMO_DIR
from dashboard.reports import trends


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


def test_running_year_monthly_average_counts_the_last_month_in_part(demo_rows) -> None:
    """1 January to 22 November 2026 is 326 of 365 days: 10,72 months, not 11."""
    line2 = rows_of(demo_rows, "cases.line2")[2026]["value"]
    average = rows_of(demo_rows, "cases.line2.monthly_average")[2026]["value"]
    assert average == pytest.approx(line2 / (12 * 326 / 365))
    assert rows_of(demo_rows, "cases.line2.monthly_average")[2024]["value"] == 1821 / 12


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
    # on a base of 2 a change is said in counts, not as a percentage
    assert list(fig.data[0].text) == ["1", "2", "2<br>±0"]
    assert "2025 t/m 1 maart: 2 (evenveel als in 2024)" in fig.data[0].hovertext
    assert list(fig.layout.xaxis.ticktext)[-1] == "2025<br>t/m 01-03"
    small = trends_charts.same_period_figure(
        rows.filter(measure="cases.total"), "Zaken", compact=True
    )
    assert list(small.layout.xaxis.ticktext) == ["2023", "2024", "2025<br>±0"]
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
