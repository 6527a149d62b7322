"""The country page (issue #5): threat against abduction per country.

The reports run on real DuckDB: over the demo export against the annual report 2025 (values
read from data/reference, never retyped), and over a small export made here with given rows
and expected results. The page runs in AppTest; the map in a real Chromium with every request
to another host blocked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from dashboard.charts import countries as countries_charts
from dashboard.charts import labels
from dashboard.db import Database
from dashboard.paths import DATA_ROOT, REFERENCE_DIR
from dashboard.publication import Publication
from dashboard.reports import countries, country_followup, country_map, country_table
from dashboard.reports.countries import Period

Y2025 = Period.ending(2025)


@pytest.fixture(scope="module")
def demo(demo_db) -> Database:
    return demo_db


@pytest.fixture(scope="module")
def by_country_2025(demo) -> pl.DataFrame:
    return countries.threat_vs_abduction_by_country(demo.run, Y2025)


def published_countries(year: int, listed: str) -> pl.DataFrame:
    return pl.read_csv(REFERENCE_DIR / "published-2025-countries.csv").filter(
        (pl.col("year") == year) & (pl.col("list") == listed)
    )


def published_measure(measure: str, year: int = 2025) -> int:
    rows = pl.read_csv(REFERENCE_DIR / "published-2025-report.csv", infer_schema=False).filter(
        (pl.col("year") == str(year)) & (pl.col("measure") == measure)
    )
    (value,) = rows["value"].to_list()
    return int(value)


def ranks(df: pl.DataFrame, which: str) -> dict[str, int | None]:
    return dict(zip(df["country_iso2"], df[f"{which}_rank"], strict=True))


# -- 2025 against the annual report -------------------------------------------------------


def test_2025_morocco_leads_threats_and_is_outside_the_abduction_top_five(by_country_2025):
    (first,) = published_countries(2025, "prevention_threat_from_nl").filter(rank=1)["iso2"]
    assert first == "MA"
    assert ranks(by_country_2025, "threat")["MA"] == 1
    assert list(by_country_2025.filter(pl.col("threat_rank") == 1)["country_iso2"]) == ["MA"]
    outgoing_rank = ranks(by_country_2025, "outgoing").get("MA")
    assert outgoing_rank is None or outgoing_rank > 5
    assert "Marokko" not in countries.in_top(by_country_2025, "outgoing", 5)


def test_2025_poland_leads_outgoing_and_is_outside_the_threat_top_ten(by_country_2025):
    (first,) = published_countries(2025, "abduction_outgoing").filter(rank=1)["iso2"]
    assert first == "PL"
    assert list(by_country_2025.filter(pl.col("outgoing_rank") == 1)["country_iso2"]) == ["PL"]
    threat_rank = ranks(by_country_2025, "threat").get("PL")
    assert threat_rank is None or threat_rank > 10
    assert "Polen" not in countries.in_top(by_country_2025, "threat", 10)


@pytest.mark.parametrize(
    ("listed", "which"),
    [
        ("prevention_threat_from_nl", "threat"),
        ("abduction_outgoing", "outgoing"),
        ("abduction_incoming", "incoming"),
    ],
)
def test_2025_every_published_place_holds(by_country_2025, listed, which):
    placed = published_countries(2025, listed).filter(pl.col("rank").is_not_null())
    assert placed.height >= 2
    computed = ranks(by_country_2025, which)
    assert {c: computed.get(c) for c in placed["iso2"]} == dict(
        zip(placed["iso2"], placed["rank"], strict=True)
    )


def test_2025_newcomers_and_dropouts_of_the_threat_top_ten(by_country_2025):
    threat_2025 = published_countries(2025, "prevention_threat_from_nl")
    threat_2024 = published_countries(2024, "prevention_threat_from_nl")
    newcomers = set(threat_2025.filter(pl.col("note") == "new in top 10")["country_nl"])
    dropouts = set(threat_2024.filter(pl.col("note").str.contains("dropped out"))["country_nl"])
    assert len(newcomers) == 4 and len(dropouts) == 3
    change = countries.top_changes(by_country_2025, "threat", 10)
    assert newcomers <= set(change.newcomers)
    assert dropouts <= set(change.dropouts)


def test_2025_newcomers_of_the_outgoing_top_five(by_country_2025):
    published = published_countries(2025, "abduction_outgoing")
    newcomers = set(published.filter(pl.col("note").str.starts_with("newcomer"))["country_nl"])
    assert newcomers == {"Spanje", "Syrië", "Egypte"}
    assert set(countries.top_changes(by_country_2025, "outgoing", 5).newcomers) == newcomers


def test_2025_hkov_split_is_as_published(demo):
    split = countries.hkov_split(demo.run, Y2025)
    got = {
        (r["direction"], r["hkov_group"]): (r["cases"], r["children"])
        for r in split.iter_rows(named=True)
    }
    expected = {
        (direction, group): (
            published_measure(f"abduction.{name}.{hague}.cases"),
            published_measure(f"abduction.{name}.{hague}.children"),
        )
        for direction, name in (("from_nl", "outgoing"), ("to_nl", "incoming"))
        for group, hague in (("hkov", "hague"), ("non_hkov", "non_hague"))
    }
    assert got == expected
    # as printed in the issue: 104/33 cases and 134/54 children out, 34/8 and 52/13 in
    assert got[("from_nl", "hkov")] == (104, 134) and got[("from_nl", "non_hkov")] == (33, 54)
    assert got[("to_nl", "hkov")] == (34, 52) and got[("to_nl", "non_hkov")] == (8, 13)


def test_2025_country_totals_add_up_to_the_published_directions(by_country_2025):
    assert by_country_2025["outgoing_cases"].sum() == published_measure("abduction.outgoing.cases")
    assert by_country_2025["outgoing_children"].sum() == published_measure(
        "abduction.outgoing.children"
    )
    assert by_country_2025["incoming_cases"].sum() == published_measure("abduction.incoming.cases")
    assert by_country_2025["threat_cases"].sum() == published_measure(
        "prevention.direction.from_nl"
    )


def test_demo_has_no_hkov_disagreements(demo):
    for year in (2024, 2025, 2026):
        assert countries.hkov_disagreements(demo.run, Period.ending(year)).is_empty()


def test_demo_links_about_one_in_twelve_outgoing_abductions_to_a_prevention_case(demo):
    summary = country_followup.prevention_followup(demo.run, Period(year_from=2024, year_to=2026))
    assert summary.outgoing_with_prevention_cases > 0
    assert 3 < summary.outgoing_with_prevention_pct < 12
    assert summary.later_abduction_families == summary.same_country_families
    assert summary.median_months_to_abduction is not None


# -- given rows, expected rows: a small export made here ----------------------------------


def _case(n, family, opened, category, party, direction, country, hkov, children):
    return {
        "case_id": f"Z{n:08X}",
        "family_id": f"G{family:08X}",
        "opened_date": dt.date.fromisoformat(opened),
        "closed_date": None,
        "line": 2,
        "category_code": category,
        "contacted_by": party,
        "parent_role": None,
        "acting_person": None,
        "direction": direction,
        "country_iso2": country,
        "hkov_registered": hkov,
        "children_count": children,
        "conflict_case": False,
    }


GIVEN_CASES = [
    # 2024: threats MA 2, TR 1; outgoing PL 1
    _case(1, 1, "2024-03-01", "prevention", "mother", "from_nl", "MA", True, 2),
    _case(2, 2, "2024-05-01", "prevention", "father", "from_nl", "MA", True, 1),
    _case(3, 3, "2024-06-01", "prevention", "mother", "from_nl", "TR", True, 1),
    _case(4, 4, "2024-07-01", "abduction", "father", "from_nl", "PL", True, 1),
    # 2025: threats MA 3, TR 1, ES 1 (TR and ES share place 2); outgoing PL 2, MA 1, ES 1;
    # incoming BE 1; a third party's prevention case does not count
    _case(5, 5, "2025-01-10", "prevention", "mother", "from_nl", "MA", True, 1),
    _case(6, 6, "2025-02-10", "prevention", "mother", "from_nl", "MA", True, 2),
    _case(7, 7, "2025-03-10", "prevention", "father", "from_nl", "MA", True, 1),
    _case(8, 8, "2025-03-11", "prevention", "father", "from_nl", "TR", True, 1),
    _case(9, 9, "2025-03-12", "prevention", "mother", "from_nl", "ES", True, 3),
    _case(10, 10, "2025-04-01", "prevention", "professional", "from_nl", "MA", True, 1),
    _case(11, 11, "2025-05-01", "abduction", "mother", "from_nl", "PL", True, 1),
    _case(12, 12, "2025-05-02", "abduction", "father", "from_nl", "PL", True, 2),
    # family 1 feared Morocco in March 2024; the abduction came eleven months later
    _case(13, 1, "2025-02-01", "abduction", "mother", "from_nl", "MA", True, 2),
    # Spain is a party, but this case carries "no": the one disagreement
    _case(14, 14, "2025-06-01", "abduction", "father", "from_nl", "ES", False, 1),
    _case(15, 15, "2025-07-01", "abduction", "mother", "to_nl", "BE", True, 3),
]


def write_export(folder: Path, cases: list[dict], data_until=dt.date(2025, 12, 31)) -> None:
    schemas = {
        name: pl.read_parquet_schema(next((DATA_ROOT / "demo" / name).glob("*.parquet")))
        for name in ("cases", "children", "contacts", "mediations", "export_meta")
    }
    frames = {name: pl.DataFrame(schema=schema) for name, schema in schemas.items()}
    frames["cases"] = pl.DataFrame(cases, schema=schemas["cases"])
    frames["export_meta"] = pl.DataFrame(
        [
            {
                "export_date": data_until,
                "data_until": data_until,
                "is_demo": False,
                "extrapolated_from": None,
                "source": "test",
            }
        ],
        schema=schemas["export_meta"],
    )
    for name, frame in frames.items():
        (folder / name).mkdir(parents=True)
        frame.write_parquet(folder / name / f"{name}.parquet")


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Database:
    folder = tmp_path_factory.mktemp("export")
    write_export(folder, GIVEN_CASES)
    return Database(folder, DATA_ROOT)


def test_given_cases_expect_counts_ranks_and_previous_ranks(small):
    got = countries.threat_vs_abduction_by_country(small.run, Y2025)
    columns = [
        "country_iso2", "threat_cases", "threat_children", "threat_rank", "previous_threat_rank",
        "outgoing_cases", "outgoing_children", "outgoing_rank", "previous_outgoing_rank",
        "incoming_cases", "incoming_rank", "hkov_nl",
    ]  # fmt: skip
    assert got.select(columns).rows() == [
        ("MA", 3, 4, 1, 1, 1, 2, 2, None, 0, None, "HKOV"),
        ("ES", 1, 3, 2, None, 1, 1, 2, None, 0, None, "wisselend"),
        ("TR", 1, 1, 2, 2, 0, 0, None, None, 0, None, "HKOV"),
        ("PL", 0, 0, None, None, 2, 3, 1, 1, 0, None, "HKOV"),
        ("BE", 0, 0, None, None, 0, 0, None, None, 1, 1, "HKOV"),
    ]
    assert got["previous_period_in_data"].all()
    assert countries.with_places(got)["threat_place"].to_list() == ["1", "2=", "2=", "–", "–"]


def test_given_cases_expect_the_new_countries_of_each_list(small):
    got = countries.new_countries(small.run, Y2025)
    assert got.select("list", "country_iso2", "cases", "first_ever", "earlier_nl").rows() == [
        ("threat", "ES", 1, True, "nooit (sinds 2024)"),
        ("outgoing", "MA", 1, True, "nooit (sinds 2024)"),  # Marokko before Spanje
        ("outgoing", "ES", 1, True, "nooit (sinds 2024)"),
        ("incoming", "BE", 1, True, "nooit (sinds 2024)"),
    ]
    # 2024 is the first year of the data: nothing can be called new
    assert countries.new_countries(small.run, Period.ending(2024)).is_empty()


def test_given_an_earlier_case_expect_new_but_not_first_ever(tmp_path):
    folder = tmp_path / "export"
    spain_2023 = _case(16, 16, "2023-04-01", "abduction", "mother", "from_nl", "ES", True, 1)
    write_export(folder, [*GIVEN_CASES, spain_2023])
    got = countries.new_countries(Database(folder, DATA_ROOT).run, Y2025).filter(list="outgoing")
    spain = got.filter(country_iso2="ES").row(0, named=True)
    assert (spain["first_ever"], spain["last_year_before"], spain["earlier_nl"]) == (
        False, 2023, "2023",
    )  # fmt: skip
    assert got.filter(country_iso2="MA")["earlier_nl"].to_list() == ["nooit (sinds 2023)"]


def test_given_a_running_year_expect_the_treaty_list_of_data_until(tmp_path):
    # Botswana joined on 1 February 2023; data up to 15 January 2023 cannot know that yet
    folder = tmp_path / "export"
    botswana = _case(1, 1, "2023-01-10", "abduction", "mother", "from_nl", "BW", None, 1)
    write_export(folder, [botswana], data_until=dt.date(2023, 1, 15))
    got = countries.threat_vs_abduction_by_country(
        Database(folder, DATA_ROOT).run, Period.ending(2023)
    )
    assert got.select(
        "country_iso2", "hkov_reference", "hkov_nl", "hkov_reference_date"
    ).rows() == [("BW", False, "geen HKOV", dt.date(2023, 1, 15))]


def test_given_a_complete_year_expect_the_treaty_list_of_31_december(small):
    got = countries.threat_vs_abduction_by_country(small.run, Y2025)
    assert got["hkov_reference_date"].unique().to_list() == [dt.date(2025, 12, 31)]


def test_given_cases_expect_the_first_year_to_have_no_comparison(small):
    got = countries.threat_vs_abduction_by_country(small.run, Period.ending(2024))
    assert not got["previous_period_in_data"].any()
    assert got["previous_threat_rank"].is_null().all()


def test_given_cases_expect_a_two_year_period_to_add_up(small):
    got = countries.threat_vs_abduction_by_country(small.run, Period.ending(2025, 2))
    assert dict(zip(got["country_iso2"], got["threat_cases"], strict=True)) == {
        "MA": 5, "TR": 2, "ES": 1, "PL": 0, "BE": 0,
    }  # fmt: skip
    assert got["previous_from"][0] == 2022 and got["previous_to"][0] == 2023


def test_given_cases_expect_the_hkov_split(small):
    got = countries.hkov_split(small.run, Y2025)
    assert got.select("direction", "hkov_group", "cases", "children").rows() == [
        ("from_nl", "hkov", 3, 5),
        ("from_nl", "non_hkov", 1, 1),
        ("to_nl", "hkov", 1, 3),
        ("to_nl", "non_hkov", 0, 0),
    ]


def test_given_one_disagreement_expect_it_reported(small):
    got = countries.hkov_disagreements(small.run, Y2025)
    assert got.select("case_id", "country_iso2", "hkov_registered", "hkov_reference").rows() == [
        ("Z0000000E", "ES", False, True)
    ]
    assert countries.hkov_disagreements(small.run, Period.ending(2024)).is_empty()


def test_given_a_family_expect_prevention_followed_to_abduction(small):
    s2024 = country_followup.prevention_followup(small.run, Period.ending(2024))
    assert (s2024.prevention_families, s2024.later_abduction_families) == (3, 1)
    assert s2024.same_country_families == 1
    days = (dt.date(2025, 2, 1) - dt.date(2024, 3, 1)).days
    assert s2024.median_months_to_abduction == pytest.approx(days / 30.4375)
    by_country = country_followup.prevention_followup_by_country(small.run, Period.ending(2024))
    assert by_country.select("country_iso2", "families").rows() == [("MA", 1)]
    s2025 = country_followup.prevention_followup(small.run, Y2025)
    # the third party's case is not a parents' prevention case
    assert (s2025.prevention_families, s2025.later_abduction_families) == (5, 0)
    assert (s2025.outgoing_cases, s2025.outgoing_with_prevention_cases) == (4, 1)
    assert s2025.outgoing_with_prevention_pct == pytest.approx(25.0)
    assert "Van de 5 gezinnen" in country_followup.followup_sentence(s2025, Y2025)


# -- what the page shows of the rows, for the staff and published -----------------------------

PUBLISHED = Publication(threshold=5, min_denominator=10)


def test_given_cases_expect_the_leaders_and_counts_as_published(small):
    got = countries.threat_vs_abduction_by_country(small.run, Y2025)
    assert countries.has_comparison(got)
    assert not countries.has_comparison(got.clear())
    assert countries.leaders(got) == [
        countries.Metric("Meest gevreesd (dreiging)", "Marokko", "3 zaken"),
        countries.Metric("Meest uitgaande ontvoering", "Polen", "2 zaken"),
        countries.Metric("Meest inkomende ontvoering", "België", "1 zaken"),
    ]
    assert [m.delta for m in countries.leaders(got, PUBLISHED)] == ["<5 zaken"] * 3
    assert countries.leaders(got.filter(country_iso2="BE"))[0] == countries.Metric(
        "Meest gevreesd (dreiging)", "–"
    )


def test_given_cases_expect_the_new_countries_as_shown(small):
    new = countries.new_countries_shown(small.run, Y2025, compare=True)
    assert new.rows["cases"].to_list() == [1, 1, 1, 1]
    assert not new.reaches_back  # the data begin in 2024, the year before
    assert new.note.endswith("nieuw betekent hier de eerste keer in de gegevens.")
    published = countries.new_countries_shown(small.run, Y2025, True, PUBLISHED)
    assert published.rows["cases"].to_list() == ["<5"] * 4
    assert countries.table_count_text(None)(1234) == "1.234"
    assert countries.table_count_text(PUBLISHED) is None  # the column is text already
    unknown = countries.new_countries_shown(small.run, Period.ending(2024), compare=False)
    assert unknown.rows.is_empty()
    assert unknown.note == "Of een land nieuw is, is niet te zeggen: over 2023 zijn geen gegevens."


def test_given_cases_expect_top_changes_scatter_and_map_notes(small):
    got = countries.threat_vs_abduction_by_country(small.run, Y2025)
    assert countries.top_changes_text(got, 1, Y2025.previous) == (
        "Tegenover 2024:  \n**Dreiging** — in de top 1 gekomen: geen; uit de top 1: geen.  \n"
        "**Uitgaande ontvoering** — in de top 1 gekomen: geen; uit de top 1: geen."
    )
    assert countries.scatter_rows(got).height == got.height
    # every threat and outgoing count of the small export is under five, or none
    assert countries.scatter_rows(got, PUBLISHED).select("country_iso2").rows() == [("BE",)]
    assert "Publicatiemodus: landen met <5 zaken" in countries.scatter_note(10, PUBLISHED)
    assert "Publicatiemodus" not in countries.scatter_note(10)
    note = country_map.map_note(got, "incoming_cases", {"MAR"}, Y2025)
    assert note.endswith("Te klein voor deze kaart of zonder vorm erop: België (1).")
    assert "België (<5)" in country_map.map_note(got, "incoming_cases", {"MAR"}, Y2025, PUBLISHED)
    outlines = country_map.map_outline_iso3()
    assert "Te klein" not in country_map.map_note(got, "outgoing_cases", outlines, Y2025)


def test_given_one_disagreement_expect_the_check_to_show_it_but_not_in_publication(small):
    check = countries.hkov_check(small.run, Y2025)
    assert check.rows.height == 1
    assert check.text.startswith("Controle HKOV-vlag: bij 1 zaken wijkt de vlag")
    agrees = countries.hkov_check(small.run, Period.ending(2024))
    assert agrees.rows.is_empty() and agrees.text.endswith("2024: geen verschillen.")
    withheld = countries.hkov_check(small.run, Y2025, PUBLISHED)
    assert withheld.rows is None and withheld.text.startswith("Publicatiemodus")


def test_given_a_family_expect_the_followup_figures_as_published(small):
    s2024 = country_followup.prevention_followup(small.run, Period.ending(2024))
    assert country_followup.followup_metrics(s2024) == [
        countries.Metric("Gezinnen met een preventiezaak", "3"),
        countries.Metric("Daarna een ontvoeringszaak", "1", "33,3 %"),
        countries.Metric("Mediaan tot de ontvoeringszaak", "11,1 mnd"),
    ]
    assert country_followup.followup_metrics(s2024, PUBLISHED) == [
        countries.Metric("Gezinnen met een preventiezaak", "<5"),
        countries.Metric("Daarna een ontvoeringszaak", "<5"),
        countries.Metric("Mediaan tot de ontvoeringszaak", "–"),
    ]
    # one family per country: nothing to publish per country
    period = Period.ending(2024)
    assert country_followup.prevention_followup_by_country(small.run, period).height == 1
    assert country_followup.prevention_followup_by_country(small.run, period, PUBLISHED).is_empty()
    assert "(tot en met 31 december 2025)" in country_followup.followup_note(
        period, dt.date(2025, 12, 31)
    )


def test_given_cases_expect_the_country_table_for_staff_and_publication(small):
    got = countries.threat_vs_abduction_by_country(small.run, Y2025)
    table = country_table.country_table(got, Y2025, compare=True)
    assert list(table.cases) == [
        "country_nl", "hkov_nl", "threat_cases", "outgoing_cases", "incoming_cases",
        "previous_threat_rank", "previous_outgoing_rank",
    ]  # fmt: skip
    assert table.cases["threat_cases"].text(3) == "3 (1)"
    assert table.cases["previous_threat_rank"].text(2) == "plaats 2"
    assert table.cases["previous_threat_rank"].text(None) == "–"
    assert table.children["threat_children"].text(1234) == "1.234"
    assert table.all_columns.columns[:4] == ["landcode", "Land", "HKOV", "Dreiging: zaken"]
    assert "Dreiging: plaats 2024" in table.all_columns.columns
    assert table.rows.height == 5
    published = country_table.country_table(got, Y2025, True, PUBLISHED)
    assert list(published.cases)[-2:] == ["threat_place", "outgoing_place"]
    assert all(c.text is None for c in published.cases.values())
    assert published.children["threat_children"].text is None
    assert published.rows["threat_cases"].dtype == pl.String
    assert "Dreiging: plaats 2024" not in published.all_columns.columns
    first_year = country_table.country_table(got, Y2025, compare=False)
    assert "previous_threat_rank" not in first_year.cases
    note = country_table.table_note(got, Y2025, compare=True)
    assert "; bij 2024 de plaats toen" in note and "per 31 december 2025" in note
    assert "de plaats toen" not in country_table.table_note(got, Y2025, compare=False)


def test_table_cell_shows_cases_with_place(by_country_2025):
    places = countries.with_places(by_country_2025)
    threat = countries.cases_with_place(places, "threat")
    top = places.filter(pl.col("threat_rank") == 1).row(0, named=True)
    assert threat(top["threat_cases"]) == f"{top['threat_cases']} (1)"  # Marokko
    shared = places.filter(pl.col("threat_place").str.ends_with("=")).row(0, named=True)
    assert threat(shared["threat_cases"]) == f"{shared['threat_cases']} ({shared['threat_place']})"
    assert threat(0) == "0"


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_scatter_labels_do_not_overlap(demo, year):
    df = countries.threat_vs_abduction_by_country(demo.run, Period.ending(year))
    fig = countries_charts.threat_vs_abduction_scatter(df, 10)
    x_range, y_range = fig.layout.xaxis.range, fig.layout.yaxis.range
    width, height = labels.SCATTER_PLOT_PX

    def to_px(x, y):
        return (
            (x - x_range[0]) / (x_range[1] - x_range[0]) * width,
            (y_range[1] - y) / (y_range[1] - y_range[0]) * height,
        )

    boxes = [
        (
            text,
            labels.label_box(labels.ScatterLabel(text, x, y, text), position, to_px),
        )
        for trace in fig.data
        for x, y, text, position in zip(
            trace.x, trace.y, trace.text, trace.textposition, strict=True
        )
        if text
    ]
    assert len(boxes) >= 10
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            overlap_x = min(box_a[2], box_b[2]) - max(box_a[0], box_b[0])
            overlap_y = min(box_a[3], box_b[3]) - max(box_a[1], box_b[1])
            assert overlap_x <= 0 or overlap_y <= 0, f"{a} over {b}"


def test_charts_build_for_every_year(demo):
    for year in (2024, 2025, 2026):
        df = countries.threat_vs_abduction_by_country(demo.run, Period.ending(year))
        new = countries.new_countries(demo.run, Period.ending(year))
        newcomers = {which: countries.newcomers(new, which) for which in ("threat", "outgoing")}
        slope = countries_charts.rank_slope_figure(df, 10, newcomers=newcomers)
        texts = [
            *slope.layout.yaxis.ticktext,
            *slope.layout.yaxis2.ticktext,
            *(a.text for a in slope.layout.annotations),
        ]
        assert any("Marokko" in t for t in texts)
        assert any("nieuw" in t for t in texts) == (year > 2024)
        scatter = countries_charts.threat_vs_abduction_scatter(df, 10)
        assert (
            sum(len(t.x) for t in scatter.data)
            == df.filter((pl.col("threat_cases") > 0) | (pl.col("outgoing_cases") > 0)).height
        )


def test_2025_curacao_is_named_under_the_incoming_map(by_country_2025):
    # Curaçao is third for incoming abductions in 2025 but too small for the 1:110m map
    missing = country_map.not_on_map(
        by_country_2025, "incoming_cases", country_map.map_outline_iso3()
    )
    assert "Curaçao" in missing["country_nl"].to_list()
    assert ranks(by_country_2025, "incoming")["CW"] == 3


def test_published_table_cannot_be_solved_for_a_hidden_count(by_country_2025):
    from dashboard.publication import Publication, grid_equations, grid_values, recoverable

    pub = Publication()
    columns = ["threat_cases", "outgoing_cases", "incoming_cases"]
    table = by_country_2025.filter(pl.sum_horizontal(columns) > 0)
    values = grid_values(table, "country_nl", columns)
    values = {k: v for k, v in values.items() if k[1] != "totaal"}  # no row totals printed
    rows = table["country_nl"].to_list()
    equations = grid_equations(rows, columns, row_totals=False, column_totals=True)
    shown = pub.counts(values, equations)
    hidden = {k for k, text in shown.items() if text in {"<5", "×"}}
    assert hidden and not recoverable(values, hidden, equations)
