"""The decomposition of a change ("Waarom?") on the demo: the parts of every dimension add up
to the change the annual overview shows, and the explain command prints it as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from dashboard.reports import explain
from dashboard.reports.explain_calendar import Period

PERIODS = explain.Periods(
    Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    "2025",
    "2024",
)


@pytest.fixture(scope="module")
def rows(demo_db):
    return explain.change_by_dimension(demo_db.run, PERIODS)


def test_2025_cases_by_category_add_up_to_the_change_the_page_shows(rows, demo_db):
    shown = explain.contributions(rows, "cases.total", "category")
    assert shown["contribution"].sum() == -1305
    # and with the calendar's bar taken out of Lijn 1
    calendar = explain.calendar(demo_db.run, PERIODS)
    with_calendar = explain.contributions(rows, "cases.total", "category", calendar=calendar)
    assert with_calendar["contribution"].sum() == pytest.approx(-1305)
    assert "kalender" in with_calendar["label"].to_list()


def test_every_dimension_of_every_count_measure_adds_up_to_the_annual_measure(rows, demo_db):
    measures = {
        year: dict(demo_db.run("annual_measures", year=year).iter_rows()) for year in (2024, 2025)
    }
    for measure, dimensions in explain.COUNT_DIMENSIONS.items():
        for dimension in dimensions:
            of = rows.filter(measure=measure, dimension=dimension)
            assert of["count_now"].sum() == measures[2025][measure], (measure, dimension)
            assert of["count_before"].sum() == measures[2024][measure], (measure, dimension)


def test_caseload_filters_narrow_cases_contacts_and_the_calendar_as_the_page_counts(demo_db):
    # Lijn 2, prevention, parents in 2025: the caseload page's own reports count the same
    where = explain.Where(line=2, category="prevention", party="parent", said="Lijn 2")
    periods = explain.Periods(PERIODS.now, PERIODS.before, "2025", "2024", where)
    rows = explain.change_by_dimension(demo_db.run, periods)
    page = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 1)}
    page |= {"line": 2, "category": "prevention", "party": "parent"}
    cases = demo_db.run("caseload_new_cases_by_month", **page)["cases"].sum()
    contacts = demo_db.run("caseload_contacts_by_month", **page).filter(breakdown="line")
    for measure, expected in (
        ("cases.total", cases),
        ("contacts.total", contacts["contacts"].sum()),
    ):
        for dimension in explain.dimensions(measure):
            counted = rows.filter(measure=measure, dimension=dimension)["count_now"].sum()
            assert counted == expected, (measure, dimension)
    # a mediation request has no line, code or party: counted whole
    whole = explain.change_by_dimension(demo_db.run, PERIODS)
    assert rows.filter(measure="mediation.requests")["count_now"].sum() == (
        whole.filter(measure="mediation.requests")["count_now"].sum()
    )
    # Lijn 1 without the parents' cases: the calendar is fitted to fewer cases, so moves fewer
    parents = explain.Periods(
        PERIODS.now, PERIODS.before, "2025", "2024", explain.Where(party="parent")
    )
    assert abs(explain.calendar(demo_db.run, parents)) < abs(explain.calendar(demo_db.run, PERIODS))


def test_the_explain_command_prints_each_contribution_as_csv(demo_db):
    text = explain.explain_csv(demo_db.run, 2025, "cases.total", "line")
    printed = list(csv.DictReader(io.StringIO(text)))
    assert sum(float(r["bijdrage"]) for r in printed) == pytest.approx(-1305, abs=0.05)
    assert {r["deel"] for r in printed} >= {"Lijn 2", "kalender"}
    calendar = list(
        csv.DictReader(io.StringIO(explain.explain_csv(demo_db.run, 2025, by="calendar")))
    )
    assert sum(float(r["bijdrage"]) for r in calendar) == pytest.approx(-1363, abs=0.05)
    with pytest.raises(ValueError, match="splitst naar"):
        explain.explain_csv(demo_db.run, 2025, "mediation.requests", "country")
