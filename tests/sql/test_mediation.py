"""The mediation page (issue #6): the Wilson interval, the report queries on the demo data and
on small Parquet written here, the chart builders, the page in AppTest and in Chromium."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest
from mediation_support import wilson_by_hand

from dashboard.charts import mediation as mediation_charts
from dashboard.charts import mediation_detail, mediation_flow
from dashboard.db import Database
from dashboard.disclosure import exposed
from dashboard.format import number
from dashboard.paths import REPO_ROOT
from dashboard.publication import Publication
from dashboard.reports import mediation
from dashboard.reports.mediation_release import mediation_release

DEMO = REPO_ROOT / "data" / "demo"
REFERENCE = REPO_ROOT / "data" / "reference"


@pytest.fixture(scope="module")
def db(demo_db) -> Database:
    return demo_db


# -- the reports on the demo data ---------------------------------------------------------


def test_funnel_2025_as_published(db):
    totals = mediation.stage_totals(mediation.funnel(db.run, 2025))
    iko, niko = totals["IKO"], totals["NIKO"]
    assert (iko["requests"], niko["requests"]) == (27, 18)
    assert iko["requests"] + niko["requests"] == 45
    assert (iko["started"], niko["started"]) == (16, 13)
    assert iko["not_started_court_decided_against"] == 11
    assert (iko["stopped_after_intake"], niko["stopped_after_intake"]) == (0, 2)
    assert (iko["conducted"], niko["conducted"]) == (16, 11)
    assert (iko["full_agreement"], niko["full_agreement"]) == (1, 3)


def test_the_stages_of_both_types_are_their_sum_and_shown_protected(db):
    totals = mediation.stage_totals(mediation.funnel(db.run, 2025))
    summed = mediation.summed(totals)
    assert summed["requests"] == totals["IKO"]["requests"] + totals["NIKO"]["requests"]
    rates = mediation.success_rates(db.run)
    steps = mediation.funnel(db.run, 2025)
    release = mediation_release(steps, rates, mediation.children(db.run), 2025, Publication())
    shown = release.stages()
    # the funnel's sums are relations of the one released set, and no hidden count follows
    for t in ("IKO", "NIKO", "samen"):
        for stage, value in (summed if t == "samen" else totals[t]).items():
            assert release.release.values[("mediation", 2025, t, stage)] == value
    assert shown["samen"]["requests"] in {number(summed["requests"]), "×"}
    assert exposed([release.release]) == []
    staff = mediation_release(steps, rates, None, 2025, None).stages()
    assert staff["samen"]["requests"] == number(summed["requests"])


def test_the_years_rates_by_type(db):
    rates = mediation.success_rates(db.run)
    by_type = mediation.year_rates(rates, 2025)
    assert set(by_type) == {"IKO", "NIKO", "samen"}
    assert (by_type["samen"]["successful"], by_type["samen"]["ended"]) == (4, 27)


def test_every_request_takes_exactly_one_path(db):
    for year in (2024, 2025, 2026):
        for per_type in mediation.stage_totals(mediation.funnel(db.run, year)).values():
            not_started = [s for s in per_type if s.startswith("not_")]
            assert (
                per_type["started"] + sum(per_type[s] for s in not_started) == per_type["requests"]
            )
            assert per_type["stopped_after_intake"] + per_type["conducted"] == per_type["started"]
            outcomes = ("full_agreement", "partial_agreement", "no_agreement", "running")
            assert sum(per_type[s] for s in outcomes) == per_type["conducted"]


def test_success_rate_2025_one_rule_gives_the_published_denominators(db):
    """The general rule (conducted and ended) gives IKO's 16 started and NIKO's 11 conducted."""
    rates = mediation.success_rates(db.run).filter(year=2025)
    rows = {r["mediation_type"]: r for r in rates.iter_rows(named=True)}
    assert (rows["IKO"]["successful"], rows["IKO"]["ended"]) == (1, 16)
    assert (rows["NIKO"]["successful"], rows["NIKO"]["ended"]) == (3, 11)
    assert (rows["samen"]["successful"], rows["samen"]["ended"]) == (4, 27)
    assert rows["IKO"]["success_low_pct"] == pytest.approx(1.11, abs=0.01)
    assert rows["IKO"]["success_high_pct"] == pytest.approx(28.33, abs=0.01)
    assert {r["source"] for r in rows.values()} == {"gegevens"}
    # and these are the published numbers
    published = dict(
        db.query_view("stg_published_figures")
        .filter(year=2025)
        .select("measure", "published_value")
        .iter_rows()
    )
    assert rows["IKO"]["successful"] == published["mediation.successful.abduction"]
    assert rows["IKO"]["unsuccessful"] == published["mediation.unsuccessful.abduction"]
    assert rows["NIKO"]["successful"] == published["mediation.successful.other"]
    assert rows["NIKO"]["ended"] == published["mediation.conducted.other"]


def test_running_mediations_stay_out_of_the_rate_and_are_counted(db):
    rows = mediation.success_rates(db.run).filter(year=2026)
    for row in rows.iter_rows(named=True):
        assert row["ended"] + row["running"] == row["conducted"]
        assert row["is_partial_year"]
    assert rows["running"].sum() > 0  # the demo's 2026 has running mediations


def test_mediation_mart_agrees_with_the_annual_measures(db):
    """One definition: the page's mart and the jaaroverzicht's mart give the same counts."""
    mart = db.query_view("mart_mediation_by_year_type")
    measures = {
        (r["year"], r["measure"]): r["value"]
        for r in db.query_view("mart_annual_measures").iter_rows(named=True)
    }
    names = {"IKO": "abduction", "NIKO": "other"}
    checked = 0
    for row in mart.filter(pl.col("requests") > 0).iter_rows(named=True):
        t, y = names[row["mediation_type"]], row["year"]
        for column, measure in [
            ("requests", f"mediation.requests.{t}"),
            ("successful", f"mediation.successful.{t}"),
            ("unsuccessful", f"mediation.unsuccessful.{t}"),
            ("child_interviews", f"mediation.child_interviews.{t}"),
        ]:
            assert row[column] == measures[(y, measure)], (y, measure)
            checked += 1
    assert checked == 6 * 4


def test_children_2025_as_published(db):
    rows = mediation.children(db.run).filter(year=2025)
    by_type = {r["mediation_type"]: r for r in rows.iter_rows(named=True)}
    assert (by_type["IKO"]["child_interviews"], by_type["NIKO"]["child_interviews"]) == (9, 3)
    assert rows["children_heard"].sum() == 15
    assert rows["special_guardian_appointments"].sum() == 21
    assert rows["special_guardian_children"].sum() == 28


def test_benchmarks_carry_their_source_in_every_row(db):
    rows = mediation.benchmarks(db.run)
    assert rows.height == 11
    for row in rows.iter_rows(named=True):
        assert row["source_note"].startswith("secondary source"), row
        assert row["definition_nl"] and row["population_nl"]
    assert "volledige of gedeeltelijke overeenkomst" in rows["definition_nl"].to_list()
    assert "49 volledig + 10 gedeeltelijk" in rows["definition_nl"].to_list()


# -- given/expect rows on small Parquet ----------------------------------------------------

D = dt.date


def given_mediations(rows: list[dict]) -> pl.DataFrame:
    """Rows with the export's columns and types (taken from the demo file)."""
    schema = pl.read_parquet(next((DEMO / "mediations").glob("*.parquet"))).schema
    defaults = {
        "case_id": None,
        "not_started_reason": None,
        "start_date": None,
        "stopped_after_intake": False,
        "outcome": None,
        "end_date": None,
        "child_interviews": 0,
        "children_heard": 0,
        "special_guardian_appointed": False,
        "special_guardian_children": 0,
    }
    full = [{**defaults, **r, "mediation_id": f"M{i:08X}"} for i, r in enumerate(rows, start=1)]
    return pl.DataFrame(full, schema=schema)


@pytest.fixture
def small_db(tmp_path) -> Database:
    data = tmp_path / "data"
    data.mkdir()
    for table in ("cases", "children", "contacts", "export_meta"):
        (data / table).symlink_to(DEMO / table, target_is_directory=True)
    (data / "mediations").mkdir()
    iko = {"mediation_type": "IKO"}
    niko = {"mediation_type": "NIKO"}
    given_mediations(
        [
            # IKO 2025: one success after 10 + 30 days, one no agreement, one still running,
            # one stopped by the court, one not yet decided
            {**iko, "received_date": D(2025, 1, 1), "started": True,
             "start_date": D(2025, 1, 11), "outcome": "full_agreement",
             "end_date": D(2025, 2, 10), "child_interviews": 1, "children_heard": 2},
            {**iko, "received_date": D(2025, 3, 1), "started": True,
             "start_date": D(2025, 3, 21), "outcome": "no_agreement",
             "end_date": D(2025, 5, 10), "special_guardian_appointed": True,
             "special_guardian_children": 3},
            {**iko, "received_date": D(2025, 11, 1), "started": True,
             "start_date": D(2025, 12, 1), "outcome": "running"},
            {**iko, "received_date": D(2025, 4, 1), "started": False,
             "not_started_reason": "court_decided_against"},
            {**iko, "received_date": D(2025, 12, 20), "started": False},
            # NIKO 2025: stopped after intake, partial agreement
            {**niko, "received_date": D(2025, 2, 1), "started": True,
             "start_date": D(2025, 2, 5), "stopped_after_intake": True,
             "end_date": D(2025, 2, 20)},
            {**niko, "received_date": D(2025, 6, 1), "started": True,
             "start_date": D(2025, 6, 11), "outcome": "partial_agreement",
             "end_date": D(2025, 9, 19)},
            # another year must not leak into 2025
            {**niko, "received_date": D(2024, 12, 31), "started": True,
             "start_date": D(2025, 1, 10), "outcome": "full_agreement",
             "end_date": D(2025, 3, 1)},
        ]
    ).write_parquet(data / "mediations" / "mediations.parquet")  # fmt: skip
    return Database(data, REFERENCE.parent)


def test_funnel_given_expect(small_db):
    steps = mediation.funnel(small_db.run, 2025)
    counts = {
        (r["mediation_type"], r["to_stage"]): r["request_count"]
        for r in steps.iter_rows(named=True)
    }
    expected_nonzero = {
        ("IKO", "started"): 3,
        ("IKO", "not_started_court_decided_against"): 1,
        ("IKO", "not_yet_decided"): 1,
        ("IKO", "conducted"): 3,
        ("IKO", "full_agreement"): 1,
        ("IKO", "no_agreement"): 1,
        ("IKO", "running"): 1,
        ("NIKO", "started"): 2,
        ("NIKO", "stopped_after_intake"): 1,
        ("NIKO", "conducted"): 1,
        ("NIKO", "partial_agreement"): 1,
    }
    assert {k: v for k, v in counts.items() if v} == expected_nonzero
    assert steps.height == 2 * 12  # every step for both types, zero or not


def test_success_rates_given_expect(small_db):
    rows = mediation.success_rates(small_db.run).filter(year=2025).sort("mediation_type")
    got = rows.select(
        "mediation_type", "conducted", "successful", "unsuccessful", "ended", "running"
    ).rows()
    assert got == [
        ("IKO", 3, 1, 1, 2, 1),  # the running one is in neither the numerator nor the base
        ("NIKO", 1, 0, 1, 1, 0),
        ("samen", 4, 1, 2, 3, 1),
    ]
    iko = rows.row(0, named=True)
    assert iko["success_pct"] == pytest.approx(50.0)
    assert (iko["success_low_pct"], iko["success_high_pct"]) == pytest.approx(
        tuple(100 * b for b in wilson_by_hand(1, 2, mediation.Z_95))
    )
    assert rows.filter(year=2025)["is_partial_year"].to_list() == [False] * 3


def test_durations_given_expect(small_db):
    rows = {
        (r["mediation_type"], r["interval_code"]): r
        for r in mediation.durations(small_db.run, 2025).iter_rows(named=True)
    }
    start = rows[("IKO", "request_to_start")]
    assert (start["n"], start["still_open"]) == (3, 1)  # 10, 20, 30 days; one undecided
    assert (start["median_days"], start["min_days"], start["max_days"]) == (20, 10, 30)
    end = rows[("IKO", "start_to_end")]
    assert (end["n"], end["still_open"]) == (2, 1)  # 30 and 50 days; one running
    assert end["median_days"] == 40
    niko_end = rows[("NIKO", "start_to_end")]
    assert (niko_end["n"], niko_end["median_days"]) == (1, 100)  # stopped-after-intake left out


def test_children_given_expect(small_db):
    rows = mediation.children(small_db.run).filter(year=2025).sort("mediation_type")
    assert rows.drop("year").rows() == [("IKO", 1, 2, 1, 3), ("NIKO", 0, 0, 0, 0)]


def test_a_year_with_only_published_figures_fills_the_trend(tmp_path):
    """A year the export does not cover takes the annual report's counts, labelled as such."""
    reference = tmp_path / "reference"
    reference.mkdir()
    for path in REFERENCE.iterdir():
        if path.name != "published-2025-report.csv":
            (reference / path.name).symlink_to(path)
    published = (REFERENCE / "published-2025-report.csv").read_text(encoding="utf-8")
    published += (
        "2023,mediation.successful.abduction,3,mediation,\n"
        "2023,mediation.unsuccessful.abduction,7,mediation,\n"
        "2023,mediation.successful.other,4,mediation,\n"
        "2023,mediation.unsuccessful.other,4,mediation,\n"
    )
    (reference / "published-2025-report.csv").write_text(published, encoding="utf-8")
    rates = mediation.success_rates(Database(DEMO, tmp_path).run)

    old = rates.filter(year=2023).sort("mediation_type")
    assert old.select("mediation_type", "source", "successful", "ended").rows() == [
        ("IKO", "jaarverslag", 3, 10),
        ("NIKO", "jaarverslag", 4, 8),
        ("samen", "jaarverslag", 7, 18),
    ]
    # a year in the data keeps its computed figures and is not doubled
    assert rates.filter(year=2025).height == 3
    assert set(rates.filter(year=2025)["source"]) == {"gegevens"}
    fig = mediation_charts.success_trend_figure(rates, "t/m 22 nov")
    assert "2023<br>(jaarverslag)" in fig.layout.xaxis.ticktext
    iko = next(t for t in fig.data if t.name == "IKO")
    assert iko.marker.symbol[0] == "circle-open"


# -- chart builders -----------------------------------------------------------------------


def test_funnel_figure_names_every_stage_with_its_count(db):
    steps = mediation.funnel(db.run, 2025)
    fig = mediation_flow.funnel_figure(steps, "NIKO")
    labels = [label.replace("<br>", " ") for label in fig.data[0].node.label]  # as read
    for expected in [
        "Verzoeken: 18",
        "Gestart: 13",
        "Gestopt na de intake: 2",
        "Voortgezet na de intake: 11",
        "Volledige overeenkomst: 3",
    ]:
        assert expected in labels
    flows = [v for v in fig.data[0].link.value if v != mediation_flow.SPACER_VALUE]
    assert sum(flows) == 18 + 13 + 11  # each column carries all its requests


def test_the_funnel_writes_every_label_right_of_its_node(db):
    """Plotly writes the last column's labels leftwards, over the flows: that column is an
    invisible one, which every end stage flows into, and nothing else."""
    sankey = mediation_flow.funnel_figure(mediation.funnel(db.run, 2025), "IKO").data[0]
    spacer = len(sankey.node.label) - 1
    assert (
        sankey.node.label[spacer] == "" and sankey.node.color[spacer] == mediation_flow.TRANSPARENT
    )
    assert sankey.node.align == "left"
    into = {s for s, t in zip(sankey.link.source, sankey.link.target, strict=True) if t == spacer}
    assert into == set(range(spacer)) - set(sankey.link.source[: -len(into)])
    assert all(
        v == mediation_flow.SPACER_VALUE
        for v, t in zip(sankey.link.value, sankey.link.target, strict=True)
        if t == spacer
    )


def test_success_rate_figure_states_numerator_and_denominator(db):
    rates = mediation.success_rates(db.run)
    fig = mediation_charts.success_rate_figure(rates, 2025)
    texts = [a.text for a in fig.layout.annotations]
    assert "1 van 16 beëindigde IKO-mediations: 6 % (1–28 %)" in texts
    assert "3 van 11 beëindigde NIKO-mediations: 27 % (10–57 %)" in texts
    # every rate shown names its base
    assert all(re.search(r"\d+ van \d+", t) for t in texts)


def test_trend_figure_marks_the_open_year_and_running_ones(db):
    rates = mediation.success_rates(db.run)
    fig = mediation_charts.success_trend_figure(rates, "t/m 22 nov")
    assert list(fig.layout.xaxis.ticktext) == ["2024", "2025", "2026<br>(t/m 22 nov)"]
    niko = next(t for t in fig.data if t.name == "NIKO")
    assert any("lopend" in t for t in niko.text)
    assert all(re.match(r"\d+ van \d+", t) for trace in fig.data for t in trace.text)


def test_children_and_durations_figures_have_data(db):
    fig = mediation_detail.children_figure(mediation.children(db.run))
    assert len(fig.data) == 4 and all(len(t.y) == 3 for t in fig.data)
    assert "9 (12 kind.)" in fig.data[0].text
    fig = mediation_detail.durations_figure(mediation.durations(db.run, 2025))
    assert any("mediaan 27 dagen (n = 16)" in a.text for a in fig.layout.annotations)


def test_combined_rate_adds_counts_not_percentages(db):
    by_year = {r["year"]: r for r in mediation.rates_by_year(mediation.success_rates(db.run))
               .iter_rows(named=True)}  # fmt: skip
    # 2 of 10 IKO and 5 of 11 NIKO are 7 of 21 together, not the mean of 20 % and 45 %
    assert by_year[2024]["samen"].startswith("7 van 21 · 33 %")
    assert by_year[2025]["samen"].startswith("4 van 27 · 15 %")
    assert by_year[2026]["samen"].startswith("2 van 13 · 15 %")
    low, high = mediation.wilson_interval(7, 21)
    assert by_year[2024]["samen"].endswith(f"({round(100 * low)}–{round(100 * high)} %)")


def test_change_sentence_says_chance_when_the_counts_are_small(db):
    sentence = mediation.change_sentence(mediation.success_rates(db.run))
    assert sentence.startswith(
        "Van 2024 naar 2025 daalde het slagingspercentage van IKO en NIKO samen van 33 % "
        "(7 van 21) naar 15 % (4 van 27)."
    )
    assert "kan bij deze kleine aantallen goed toeval zijn" in sentence
    assert "niet af te leiden" in sentence and "Fisher" not in sentence
    method = mediation.change_test_text(mediation.success_rates(db.run))
    assert "toets van Fisher op de aantallen van 2024 en 2025 geeft p = 0,17" in method


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_a_hidden_stage_gives_its_count_away_in_no_flow_width(db, year):
    """The figure the browser gets holds each flow's width: into a stage shown as "<5" or "×"
    every flow is one fixed width, whatever the count."""
    from dashboard.charts.mediation_flow import HIDDEN_FLOW, funnel_figure

    steps = mediation.funnel(db.run, year)
    release = mediation_release(steps, mediation.success_rates(db.run), None, year, Publication())
    for t, shown in release.stages().items():
        sankey = funnel_figure(steps, t, shown=shown).data[0]
        labels = list(sankey.node.label)
        widths = {}
        for target, value in zip(sankey.link.target, sankey.link.value, strict=True):
            widths.setdefault(labels[target], []).append(value)
        hidden = [label for label in labels if label.endswith(("<5", "×"))]
        assert all(v == HIDDEN_FLOW for label in hidden for v in widths.get(label, [])), (t, year)
