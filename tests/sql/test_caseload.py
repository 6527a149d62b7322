"""The caseload page: its reports against the published 2025 figures, the open-at-month-end
logic on a hand-made export, the page in AppTest with filters from the URL, and in Chromium."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from caseload_support import DEMO_UNTIL, MONTHS, YEAR_2025, D
from tiny_export import case as tiny_case
from tiny_export import tiny_export

from dashboard.charts import caseload as charts
from dashboard.db import Database
from dashboard.paths import DATA_ROOT, DEMO_DIR, REFERENCE_DIR
from dashboard.reports import caseload as cl


@pytest.fixture(scope="module")
def demo(demo_db) -> Database:
    return demo_db


@pytest.fixture(scope="module")
def published(demo) -> dict[str, int]:
    """measure -> value for 2025 as printed in the annual report (published-2025-report.csv)."""
    rows = demo.query_view("stg_published_figures").filter(year=2025)
    return dict(zip(rows["measure"], rows["published_value"], strict=True))


# -- 2025 on the demo data equals the annual report -----------------------------------------


def test_new_cases_per_month_sum_to_the_published_year(demo, published):
    rows = cl.new_cases_by_month(demo.run, YEAR_2025)
    assert rows.height == 24  # 12 months x 2 lines
    totals = dict(rows.group_by("line").agg(pl.col("cases").sum()).iter_rows())
    assert totals == {1: published["cases.line1"], 2: published["cases.line2"]}


def test_contacts_per_month_by_line_and_channel_sum_to_the_published_year(demo, published):
    rows = cl.contacts_by_month(demo.run, YEAR_2025)
    totals = {
        (b, i): v
        for b, i, v in rows.group_by("breakdown", "item").agg(pl.col("contacts").sum()).rows()
    }
    assert totals[("line", "1")] == published["contacts.line1"]
    assert totals[("line", "2")] == published["contacts.line2"]
    for channel in ("phone", "email", "contact_form"):
        assert totals[("channel", channel)] == published[f"contacts.{channel}"], channel
    # person types: the published channel x person figures added over the channels
    assert totals[("person_type", "parent")] == sum(
        published[f"contacts.{c}.parents"] for c in ("phone", "email", "contact_form")
    )


# The report calls the professionals on the contact form "derden" (README).
PERSON_MEASURE = {
    ("phone", "professionals"): "contacts.phone.professionals",
    ("email", "professionals"): "contacts.email.professionals",
    ("contact_form", "professionals"): "contacts.contact_form.third_parties",
}


def test_contacts_by_channel_and_person_type_equal_the_published_table(demo, published):
    rows = cl.contacts_by_channel_person(demo.run, YEAR_2025)
    checked = 0
    for row in rows.filter(pl.col("channel") != "total").iter_rows(named=True):
        for person in ("parents", "family_acquaintances", "professionals"):
            channel = row["channel"]
            measure = PERSON_MEASURE.get((channel, person), f"contacts.{channel}.{person}")
            assert row[person] == published[measure], measure
            checked += 1
    assert checked == 9
    (total,) = rows.filter(pl.col("channel") == "total").iter_rows(named=True)
    assert total["total"] == published["contacts.total"]


def test_line2_carried_into_the_next_year_equals_the_report(demo, published):
    years = {
        r["year"]: r for r in cl.line2_carried_by_year(demo.run, YEAR_2025).iter_rows(named=True)
    }
    assert years[2025]["carried_to_next_year"] == published["cases.line2.carried_to_next_year"]
    assert years[2025]["closed_same_year"] == published["cases.line2.closed_same_year"]
    assert years[2025]["opened"] == published["cases.line2"]
    assert years[2025]["year_complete"]
    assert not years[2026]["year_complete"]  # the demo export runs to November 2026


def test_line2_by_category_and_party_equals_the_overview_table(demo):
    printed = pl.read_csv(REFERENCE_DIR / "published-2025-overview-table.csv")
    printed = {r["category_code"]: r for r in printed.iter_rows(named=True)}
    rows = cl.line2_by_category_party(demo.run, YEAR_2025)
    compared = 0
    for row in rows.iter_rows(named=True):
        code = row["category_code"]
        if code in printed:  # Achterlating and Gezagsvragen are not in the printed table
            expected = printed[code]
            assert (row["parents"], row["third_parties"], row["total"]) == (
                expected["parents_2025"],
                expected["third_parties_2025"],
                expected["total_2025"],
            ), code
            compared += 1
    assert compared == 14  # 13 codes and the total


def test_heatmap_months_add_up_to_the_new_line2_cases(demo, published):
    cells = cl.line2_by_category_month(demo.run, YEAR_2025)
    assert cells["month"].n_unique() == 12
    assert cells["category_code"].n_unique() == 15
    assert cells["cases"].sum() == published["cases.line2"]


def case(case_id, opened, closed, *, line=2, code="abduction", by="mother") -> dict:
    return {
        "case_id": case_id, "family_id": "G" + case_id[1:], "opened_date": opened,
        "closed_date": closed, "line": line, "category_code": code, "contacted_by": by,
        "parent_role": None, "acting_person": None, "direction": None, "country_iso2": None,
        "hkov_registered": None, "children_count": 1, "conflict_case": False,
    }  # fmt: skip


CASES = [
    case("Z0000000A", D(2025, 1, 10), D(2025, 1, 31)),  # closed on the last day: not open
    case("Z0000000B", D(2025, 1, 31), D(2025, 2, 1)),  # opened on the last day: open
    case("Z0000000C", D(2025, 2, 15), None),  # still open
    case("Z0000000D", D(2025, 1, 5), D(2025, 3, 10)),
    case("Z0000000E", D(2025, 1, 15), None, line=1, code="holiday_consent"),  # Lijn 1
    case("Z0000000F", D(2025, 2, 1), None, code="prevention", by="professional"),
]
CONTACTS = [
    ("C0000000001", "Z0000000A", D(2025, 1, 10), "phone", "parent"),
    ("C0000000002", "Z0000000A", D(2025, 1, 20), "email", "parent"),
    ("C0000000003", "Z0000000B", D(2025, 1, 31), "phone", "parent"),
    ("C0000000004", "Z0000000C", D(2025, 2, 15), "contact_form", "professional"),
    ("C0000000005", "Z0000000C", D(2025, 3, 5), "phone", "professional"),  # the running month
]
DATA_UNTIL = D(2025, 3, 20)


def write_table(root: Path, table: str, rows: list[dict]) -> None:
    """Rows with exactly the demo export's columns and types (the contract's)."""
    schema = pl.read_parquet_schema(DEMO_DIR / table / f"{table}.parquet")
    (root / table).mkdir()
    pl.DataFrame(rows, schema=schema, orient="row").write_parquet(root / table / f"{table}.parquet")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Database:
    root = tmp_path_factory.mktemp("export")
    write_table(root, "cases", CASES)
    write_table(
        root,
        "contacts",
        [dict(zip(("contact_id", "case_id", "contact_date", "channel", "person_type"), c,
                  strict=True)) for c in CONTACTS],
    )  # fmt: skip
    write_table(root, "children", [])
    write_table(root, "mediations", [])
    write_table(
        root,
        "export_meta",
        [{"export_date": D(2025, 3, 21), "data_until": DATA_UNTIL, "is_demo": True,
          "extrapolated_from": None, "source": "test"}],
    )  # fmt: skip
    return Database(root, DATA_ROOT)


TINY = cl.Filters(start=D(2025, 1, 1), end=D(2025, 3, 1))


@pytest.mark.parametrize(
    ("category", "party", "expected"),
    [
        (cl.ALL, cl.ALL, [2, 3, 2]),  # Jan: B, D; Feb: C, D, F; Mar (on 20 March): C, F
        (cl.ALL, "ouders", [2, 2, 1]),
        ("prevention", cl.ALL, [0, 1, 1]),
    ],
)
def test_line2_open_at_month_end(tiny, category, party, expected):
    f = TINY.model_copy(update={"category": category, "party": party})
    rows = cl.line2_open_by_month(tiny.run, f)
    assert rows.select("month", "closing_day", "is_complete", "open_cases").rows() == [
        (D(2025, 1, 1), D(2025, 1, 31), True, expected[0]),
        (D(2025, 2, 1), D(2025, 2, 28), True, expected[1]),
        (D(2025, 3, 1), DATA_UNTIL, False, expected[2]),  # the running month counts on data_until
    ]
    # the export does not reach a year back: no comparison, rather than a false zero
    assert rows["open_cases_year_before"].to_list() == [None, None, None]


def test_new_cases_per_month_fill_empty_months_with_zero(tiny):
    rows = cl.new_cases_by_month(tiny.run, TINY)
    assert rows.select("line", "month", "cases").rows() == [
        (1, D(2025, 1, 1), 1), (1, D(2025, 2, 1), 0), (1, D(2025, 3, 1), 0),
        (2, D(2025, 1, 1), 3), (2, D(2025, 2, 1), 2), (2, D(2025, 3, 1), 0),
    ]  # fmt: skip
    parents = cl.new_cases_by_month(
        tiny.run, TINY.model_copy(update={"line": 2, "party": "derden"})
    )
    assert parents.select("month", "cases").rows() == [
        (D(2025, 1, 1), 0), (D(2025, 2, 1), 1), (D(2025, 3, 1), 0),
    ]  # fmt: skip


def test_contacts_per_case(tiny):
    rows = cl.contacts_per_case_by_month(tiny.run, TINY.model_copy(update={"line": 2}))
    assert rows.select("month", "contacts", "cases_with_contact", "contacts_per_case").rows() == [
        (D(2025, 1, 1), 3, 2, 1.5),
        (D(2025, 2, 1), 1, 1, 1.0),
        # March runs to 20 March: counted, but part of a month gives no comparable ratio
        (D(2025, 3, 1), 1, 1, None),
    ]


def test_carried_in_a_running_year(tiny):
    (row,) = cl.line2_carried_by_year(tiny.run, TINY).iter_rows(named=True)
    assert (row["year"], row["opened"], row["closed_same_year"], row["carried_to_next_year"]) == (
        2025, 5, 3, 2,
    )  # fmt: skip
    assert not row["year_complete"]
    (row,) = cl.line2_carried_table(tiny.run, TINY, DATA_UNTIL).iter_rows(named=True)
    assert row["carried_nl"] == "nog open op 20 maart 2025"  # a running year carries nothing yet


def test_line2_open_is_faceted_as_lijn_2(tiny):
    rows = cl.line2_open_by_month(tiny.run, TINY)
    assert set(rows.select("line", "line_nl").rows()) == {(2, "Lijn 2")}


# -- the running month against the same days a year earlier ---------------------------------


@pytest.mark.parametrize(
    ("data_until", "before"),
    [
        # February 2024 runs to the 20th: February 2023 counts its 1st to 20th
        (D(2024, 2, 20), 1),
        # February 2025 runs to the 28th, its last day: a whole month beside the whole of
        # February 2024, leap day included (29 February counts with the year that has it)
        (D(2025, 2, 28), 3),
        # February 2024 runs to the 28th, not its last day: February 2023 to the 28th, whole
        (D(2024, 2, 28), 2),
    ],
)
def test_running_month_compares_with_the_same_days_across_a_leap_day(tmp_path, data_until, before):
    cases = [
        tiny_case("Z0000000A", D(2023, 2, 10)),
        tiny_case("Z0000000B", D(2023, 2, 21)),
        tiny_case("Z0000000C", D(2024, 2, 5)),
        tiny_case("Z0000000D", D(2024, 2, 28), D(2024, 3, 1)),
        tiny_case("Z0000000E", D(2024, 2, 29)),
        tiny_case("Z0000000F", D(2025, 2, 3)),
    ]
    db = tiny_export(tmp_path, data_until, [c for c in cases if c["opened_date"] <= data_until])
    month = data_until.replace(day=1)
    f = cl.Filters(start=month, end=month, line=2)
    (row,) = cl.new_cases_by_month(db.run, f).iter_rows(named=True)
    assert row["cases_year_before"] == before
    assert row["is_complete"] == (data_until == D(2025, 2, 28))


def test_open_cases_a_year_earlier_count_on_the_same_day(tmp_path):
    # on 20 February 2024 case D is open; on 20 February 2023 only A was, B opened the 21st
    db = tiny_export(
        tmp_path,
        D(2024, 2, 20),
        [
            tiny_case("Z0000000A", D(2023, 2, 10), D(2023, 3, 1)),
            tiny_case("Z0000000B", D(2023, 2, 21), D(2023, 3, 1)),
            tiny_case("Z0000000D", D(2024, 2, 5)),
        ],
    )
    f = cl.Filters(start=D(2024, 2, 1), end=D(2024, 2, 1))
    (row,) = cl.line2_open_by_month(db.run, f).iter_rows(named=True)
    assert (row["open_cases"], row["open_cases_year_before"]) == (1, 1)


@pytest.fixture(scope="module")
def categories(demo) -> pl.DataFrame:
    return cl.categories(demo.run)


def test_default_period_is_the_last_24_months(categories):
    f = cl.filters_from_url({}, MONTHS, categories)
    assert (f.start, f.end, f.month_count()) == (D(2024, 12, 1), D(2026, 11, 1), 24)
    assert f.to_url() == {"van": "2024-12", "tot": "2026-11", "lijn": "alle", "code": "alle",
                          "wie": "alle"}  # fmt: skip


def test_filters_from_the_url_are_validated(categories):
    query = {"van": "2025-12", "tot": "2025-01", "lijn": "2", "code": "prevention", "wie": "ouders"}
    f = cl.filters_from_url(query, MONTHS, categories)
    assert (f.start, f.end, f.line, f.category, f.party) == (
        D(2025, 1, 1), D(2025, 12, 1), 2, "prevention", "ouders",
    )  # fmt: skip
    # a Lijn 2 code with Lijn 1, an unknown person, months outside the export
    odd = {"van": "2019-01", "tot": "nooit", "lijn": "1", "code": "prevention", "wie": "x"}
    f = cl.filters_from_url(odd, MONTHS, categories)
    assert (f.start, f.end, f.line, f.category, f.party) == (
        D(2024, 1, 1), D(2026, 11, 1), 1, cl.ALL, cl.ALL,
    )  # fmt: skip


LAST_24 = cl.Filters(start=D(2024, 12, 1), end=D(2026, 11, 1))


def test_running_month_is_marked_in_the_monthly_charts(demo):
    holidays = cl.school_holidays(demo.run, LAST_24)
    fig = charts.monthly_comparison(
        cl.new_cases_by_month(demo.run, LAST_24),
        facet="line",
        facet_label="line_nl",
        value="cases",
        year_before="cases_year_before",
        holidays=holidays,
        unit="zaken",
        data_until=DEMO_UNTIL,
    )
    assert fig.layout.xaxis.ticktext[-1] == "nov<br>t/m 22"
    assert fig.layout.xaxis.tickangle == 0  # upright on a narrow screen, not squashed
    now = [t for t in fig.data if t.name == "de maand zelf"][0]
    assert now.marker.pattern.shape[-1] == "/" and set(now.marker.pattern.shape[:-1]) == {""}
    assert now.marker.opacity[-1] < 1
    assert now.customdata[-1] == "november 2026 (t/m 22 november)"


def test_contacts_per_case_chart_leaves_the_running_month_out(demo):
    rows = cl.contacts_per_case_by_month(demo.run, LAST_24)
    running = rows.filter(pl.col("month") == D(2026, 11, 1))
    assert running["contacts_per_case"].to_list() == [None, None]
    assert (running["contacts"] > 0).all()  # still counted, only not divided
    assert rows.filter(pl.col("month") < D(2026, 11, 1))["contacts_per_case"].null_count() == 0


def test_heatmap_marks_the_running_month_and_is_readable(demo):
    fig = charts.category_heatmap(
        cl.line2_by_category_month(demo.run, LAST_24), data_until=DEMO_UNTIL
    )
    heatmap = fig.data[0]
    assert heatmap.textfont.size >= 14
    assert heatmap.showscale is False
    assert fig.layout.xaxis.ticktext[:2] == ("jan<br>2025", "mrt")
    assert fig.layout.xaxis.ticktext[-1] == "nov<br>t/m 22"
    dashed = [s for s in fig.layout.shapes if s.line.dash == "dash"]
    assert [(s.x0, s.x1) for s in dashed] == [(D(2026, 11, 1), D(2026, 12, 1))]
    # a whole year: no running month, nothing dashed
    whole = charts.category_heatmap(
        cl.line2_by_category_month(demo.run, YEAR_2025), data_until=DEMO_UNTIL
    )
    assert not [s for s in whole.layout.shapes if s.line.dash == "dash"]
    assert whole.layout.xaxis.ticktext[-1] == "dec"
