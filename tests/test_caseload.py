"""The caseload page: its reports against the published 2025 figures, the open-at-month-end
logic on a hand-made export, the page in AppTest with filters from the URL, and in Chromium."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from browser_support import PAGE_SECONDS, assert_no_error, choose, open_and_wait
from streamlit.testing.v1 import AppTest
from tiny_export import case as tiny_case
from tiny_export import equal_days, tiny_export

from dashboard.charts import caseload as charts
from dashboard.db import Database, open_database
from dashboard.format import change_pct, month_nl, number
from dashboard.paths import DATA_ROOT, DEMO_DIR, REFERENCE_DIR, REPO_ROOT
from dashboard.reports import caseload as cl

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
YEAR_2025 = cl.Filters(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1))


@pytest.fixture(scope="module")
def demo() -> Database:
    return open_database()


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


# -- the open-at-month-end logic on a hand-made export --------------------------------------

D = dt.date


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


@pytest.mark.parametrize(
    ("start", "heading"),
    [
        ("2026-01", "jan 2026 t/m 22 nov 2026 (11 maanden)"),
        ("2026-11", "nov 2026 t/m 22 nov 2026 (1 maand)"),
    ],
)
def test_period_changes_equal_an_independent_count_over_equal_days(start, heading):
    at = open_caseload(van=start, tot="2026-11")
    assert heading in [s.value for s in at.subheader]
    cases = pl.read_parquet(DEMO_DIR / "cases" / "cases.parquet")
    first_month = int(start[-2:])
    in_months = cases.filter(pl.col("opened_date").dt.month() >= first_month)
    until = D(2026, 11, 22)
    metrics = {m.label: m for m in at.metric}
    for label, rows in (
        ("Nieuwe zaken Lijn 1", in_months.filter(line=1)),
        ("Nieuwe zaken Lijn 2", in_months.filter(line=2)),
        ("Nieuwe zaken, beide lijnen", in_months),
    ):
        now = equal_days(rows, "opened_date", 2026, until).height
        before = equal_days(rows, "opened_date", 2025, until).height
        assert metrics[label].value == number(now)
        assert metrics[label].delta == (
            f"{change_pct(100 * (now - before) / before)} t.o.v. een jaar eerder"
        )
    deltas = {k: m.delta.split(" ")[0] for k, m in metrics.items()}
    if start == "2026-01":  # the numbers of the review: 6.546 against 6.776, 1.777 against 1.706
        assert (deltas["Nieuwe zaken Lijn 1"], deltas["Nieuwe zaken Lijn 2"]) == ("-3,4", "+4,2")
    else:  # November alone: 351 against 352 new cases over 1-22 November
        assert deltas["Nieuwe zaken, beide lijnen"] == "-0,3"


# -- the URL ------------------------------------------------------------------------------

MONTHS = (
    [D(2024, m, 1) for m in range(1, 13)]
    + [D(2025, m, 1) for m in range(1, 13)]
    + [D(2026, m, 1) for m in range(1, 12)]
)


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


# -- the running month on the month axis --------------------------------------------------

DEMO_UNTIL = D(2026, 11, 22)
LAST_24 = cl.Filters(start=D(2024, 12, 1), end=D(2026, 11, 1))


def test_month_ticks_name_the_running_month_and_keep_years_apart():
    months = MONTHS[11:]  # dec 2024 .. nov 2026
    _, texts = charts.month_ticks(months, DEMO_UNTIL)
    # two years of months: every second month named (January among them), at full text size
    assert texts[:3] == ["jan<br>2025", "mrt", "mei"]
    assert len(texts) == 12
    # a running month between two named ones takes the place of the one before it
    assert charts.month_ticks(months[:-1], D(2026, 10, 15))[1][-2:] == ["jul", "okt<br>t/m 15"]
    assert texts[-1] == "nov<br>t/m 22"
    # data up to the month's last day: a whole month, nothing to mark
    assert charts.month_ticks(months, D(2026, 11, 30))[1][-1] == "nov"
    # a year further from the first month does not collide with it
    assert charts.month_ticks(MONTHS[9:14])[1][:4] == ["okt<br>2024", "nov", "dec", "jan<br>2025"]
    # the note goes below the year of the January before it
    assert charts.month_ticks(MONTHS[23:26], D(2026, 2, 10))[1] == [
        "dec", "jan<br>2026", "feb<br> <br>t/m 10",
    ]  # fmt: skip


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


# -- the page in AppTest ------------------------------------------------------------------


def open_caseload(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()
    at.switch_page("page_scripts/caseload.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def test_page_shows_the_published_2025_totals(published):
    at = open_caseload(jaar="2025", van="2025-01", tot="2025-12")
    value = published
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Nieuwe zaken Lijn 1": number(value["cases.line1"]),
        "Nieuwe zaken Lijn 2": number(value["cases.line2"]),
        "Nieuwe zaken, beide lijnen": number(value["cases.total"]),
        "Contactmomenten": number(value["contacts.total"]),
    }
    assert "jan 2025 t/m dec 2025 (12 maanden)" in [s.value for s in at.subheader]
    carried = at.dataframe[0].value
    assert (
        carried.loc[carried["Jaar van opening"] == 2025, "Meegenomen"].item()
        == (value["cases.line2.carried_to_next_year"])
    )


@pytest.mark.parametrize(
    "query",
    [
        # as Streamlit writes the bound widgets into the URL
        {"van": "januari 2025", "tot": "december 2025", "lijn": "Lijn 2", "code": "Preventie",
         "wie": "Alleen ouders"},
        # as links were written before: they still open as they were shared
        {"van": "2025-01", "tot": "2025-12", "lijn": "2", "code": "prevention", "wie": "ouders"},
    ],
    ids=["labels", "codes"],
)  # fmt: skip
def test_page_runs_with_filters_from_the_url_and_shows_the_heatmap(query):
    at = open_caseload(**query)
    assert (at.selectbox(key="van").value, at.selectbox(key="tot").value) == (
        D(2025, 1, 1),
        D(2025, 12, 1),
    )
    assert at.session_state["lijn"] == 2
    assert at.selectbox(key="code").value == "prevention"
    assert at.session_state["wie"] == "ouders"
    assert not [i.value for i in at.info if i.value.startswith("De link vroeg")]
    # Lijn 2 only: one tile for cases, and it counts prevention cases opened by a parent
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Nieuwe zaken Lijn 2"] == number(330) and "Nieuwe zaken Lijn 1" not in metrics
    heatmaps = [s for s in plotly_specs(at) if s["data"][0]["type"] == "heatmap"]
    assert len(heatmaps) == 1
    assert len(heatmaps[0]["data"][0]["x"]) == 12
    assert "alleen zaken waarin een ouder contact opnam" in " ".join(c.value for c in at.caption)


def test_month_select_box_shows_that_months_breakdown(demo):
    at = open_caseload(jaar="2025", van="2025-01", tot="2025-12")
    at.selectbox(key="caseload_maand").select(D(2025, 7, 1)).run()
    assert "Nieuwe Lijn 2-zaken, juli 2025" in [s.value for s in at.subheader]
    july = cl.line2_by_category_party(demo.run, YEAR_2025, D(2025, 7, 1))
    shown = at.dataframe[1].value
    assert shown["Totaal"].iloc[-1] == july["total"][-1]
    assert (
        shown["Totaal"].iloc[-1]
        == cl.line2_by_category_month(demo.run, YEAR_2025)
        .filter(month=D(2025, 7, 1))["cases"]
        .sum()
    )


def test_default_period_says_the_last_month_is_running():
    at = open_caseload()
    captions = " ".join(c.value for c in at.caption)
    assert "„nov t/m 22”: de lopende maand" in captions
    assert "heeft geen punt" in captions  # contacts per case
    assert "Omlijnd met streepjes: „nov t/m 22”" in captions  # the heatmap
    at = open_caseload(jaar="2025", van="2025-01", tot="2025-12")
    assert "t/m 22”" not in " ".join(c.value for c in at.caption)


def whole_year(at: AppTest, year: int) -> AppTest:
    pills = next(b for b in at.get("button_group") if b.key == "caseload_heel_jaar")
    return pills.select(year).run()


def test_whole_year_picks_set_the_period():
    at = open_caseload()
    assert not at.sidebar.selectbox  # the sidebar year would change nothing here
    assert at.selectbox(key="van").value == D(2024, 12, 1)  # the default: the last 24 months
    whole_year(at, 2024)
    assert (at.selectbox(key="van").value, at.selectbox(key="tot").value) == (
        D(2024, 1, 1),
        D(2024, 12, 1),
    )
    assert "jan 2024 t/m dec 2024 (12 maanden)" in [s.value for s in at.subheader]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_year_in_the_data(year):
    at = whole_year(open_caseload(), year)
    assert not at.exception
    # new cases, contacts (the open tab only), per case, open Lijn 2 cases, the heatmap
    assert len(plotly_specs(at)) == 5


def test_a_category_of_one_line_shows_no_empty_chart_of_the_other():
    at = open_caseload(van="2025-01", tot="2025-12", code="prevention")
    metrics = {m.label for m in at.metric}
    assert "Nieuwe zaken Lijn 1" not in metrics and "Nieuwe zaken Lijn 2" in metrics
    new_cases = plotly_specs(at)[0]
    assert "Lijn 1" not in json.dumps(new_cases)  # no facet of zeros "0 0 0 1 1 1"
    at = open_caseload(code="holiday_consent")
    assert "Geen Lijn 2-zaken in deze selectie" in " ".join(i.value for i in at.info)


def test_a_category_of_the_other_line_is_dropped_and_said():
    at = open_caseload(lijn="2", code="holiday_consent")
    assert at.selectbox(key="code").value == cl.ALL
    assert any(i.value.startswith("De link vroeg om categorie") for i in at.info)


def test_a_link_value_the_page_cannot_use_is_dropped_and_said():
    at = open_caseload(van="2019-01", wie="buren")
    assert at.selectbox(key="van").value == D(2024, 12, 1)
    said = [i.value for i in at.info if i.value.startswith("De link vroeg")]
    assert said == [
        "De link vroeg om begin „2019-01”; die waarde kent deze pagina niet, dus staat hier "
        "december 2024.",
        "De link vroeg om wie „buren”; die waarde kent deze pagina niet, dus staat hier Iedereen.",
    ]


# -- in Chromium --------------------------------------------------------------------------


@pytest.mark.browser
def test_caseload_charts_render_and_a_click_on_the_heatmap_picks_the_month(server, browser):
    page = open_and_wait(browser, server.url + "caseload?van=januari+2025&tot=december+2025")
    try:
        assert_no_error(page)
        assert page.locator(".js-plotly-plot .main-svg").count() > 0
        # every chart drew its traces (bars, lines or heatmap cells)
        plots = page.locator(".js-plotly-plot")
        assert plots.count() >= 5
        heatmap = page.locator(".js-plotly-plot:has(.hm)")
        heatmap.scroll_into_view_if_needed()
        area = heatmap.locator(".nsewdrag").first.bounding_box()
        # the cell of March (third column) in the first row
        page.mouse.click(area["x"] + area["width"] * 2.5 / 12, area["y"] + area["height"] / 30)
        page.get_by_text(f"Nieuwe Lijn 2-zaken, {month_nl(D(2025, 3, 1), full=True)}").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        assert_no_error(page)
        assert "van=januari+2025&tot=december+2025" in page.url, page.url

        # another period: the section redraws for it and the URL follows
        choose(page, "Tot en met", "juni 2025")
        page.get_by_text("jan 2025 t/m jun 2025 (6 maanden)").wait_for(timeout=PAGE_SECONDS * 1000)
        page.wait_for_function("() => location.search.includes('tot=juni+2025')")
        page.wait_for_function(
            """() => [...document.querySelectorAll('.js-plotly-plot')]
                .filter(p => p.querySelector('.hm'))
                .some(p => p.querySelectorAll('.xtick').length === 6)"""
        )
        assert_no_error(page)
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1600, 1280])
def test_filters_fit_the_screen(server, browser, width):
    page = open_and_wait(browser, server.url + "caseload")
    try:
        page.set_viewport_size({"width": width, "height": 720})
        page.wait_for_timeout(1000)
        main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
        right = main["x"] + main["width"]
        buttons = page.locator(
            ".st-key-caseload_periode button:visible, .st-key-caseload_filters button:visible"
        )
        labels = []
        for i in range(buttons.count()):
            button = buttons.nth(i)
            box = button.bounding_box()
            text = button.inner_text()
            labels.append(text)
            assert box["x"] + box["width"] <= right + 1, f"{text} loopt van het scherm"
            # the whole label shows, not "Heel 2025 (jaar in de zi…"
            assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), text
        assert {"2025", "Laatste 24 maanden", "Lijn 2", "Alleen derden"} <= set(labels), labels
    finally:
        page.close()
