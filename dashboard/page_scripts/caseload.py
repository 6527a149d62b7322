"""Caseload: zaken en contactmomenten per maand, elke maand naast dezelfde maand een jaar eerder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import caseload as charts
from dashboard.controls import caseload as controls
from dashboard.controls import explain as explain_section
from dashboard.format import date_nl
from dashboard.presentation import slides
from dashboard.reports import caseload as cl
from dashboard.reports import explain
from dashboard.reports.caseload_captions import Captions
from dashboard.reports.caseload_release import heatmap_texts

run = data.report
data_until: dt.date = data.export_meta()["data_until"]
all_months: list[dt.date] = cl.months(run)["month"].to_list()
categories = cl.categories(run)
category_nl = cl.category_names(categories)
MONTH_WIDGET = "caseload_maand"
HEATMAP_KEY = "caseload_heatmap"
LAST_CLICK = "caseload_laatste_klik"
month_label = cl.month_label


def chart_period(f: cl.Filters) -> slides.ChartPeriod:
    """The months of `f` for a chart's slide; a running last month says up to which day."""
    return slides.ChartPeriod(*cl.period_nl(f, data_until, charts.is_running(f.end, data_until)))


@st.fragment
def filtered_page() -> None:
    """Everything the period and the filters change: a filter change reruns this, not the
    page around it."""
    show(controls.read(all_months, categories, category_nl, data_until))


def show(f: cl.Filters) -> None:
    """The page for the filters `f`."""
    ends_running = charts.is_running(f.end, data_until)
    say = Captions(f, category_nl[f.category], data_until, ends_running)
    lines = cl.lines_shown(f, categories)
    new_cases = cl.new_cases_by_month(run, f, lines)
    contacts = cl.contacts_by_month(run, f, lines)

    st.subheader(say.heading)
    totals = cl.period_totals(new_cases, contacts, lines)
    for column, total in zip(st.columns(len(totals)), totals, strict=True):
        column.metric(total.label, total.value, total.change, delta_color="off")

    # The first chart right under the key figures, in a laptop's first screen below the
    # filters; how the figures and the page count, under it.
    st.header("Nieuwe zaken per maand")
    if not cl.has_any(new_cases, "cases"):
        widgets.nothing_selected("zaken")
    else:
        show_monthly(new_cases, "cases", "Nieuwe zaken per maand", f, unit="zaken")
    st.caption(say.totals(new_cases["year_before_until"].max()))
    st.caption(say.new_cases)
    st.markdown(
        "De **periode** bepaalt wat deze pagina toont; standaard de laatste 24 maanden tot en "
        f"met {date_nl(data_until)}. Elke maand staat naast **dezelfde maand een jaar eerder**."
    )

    st.header("Contactmomenten per maand")
    show_contacts(f, contacts)
    st.caption(say.contacts)

    st.subheader("Contactmomenten per zaak")
    per_case = cl.contacts_per_case_by_month(run, f, lines)
    if not cl.has_any(per_case, "contacts"):
        widgets.nothing_selected("contactmomenten")
    else:
        what, unit = "Contactmomenten per zaak", "contacten per zaak"
        show_monthly(per_case, "contacts_per_case", what, f, unit=unit, kind="line", decimals=2)
    st.caption(say.contacts_per_case)
    explain_section.show(explain.for_filters(f, chart_title("", f), data_until), chart_period(f))

    st.header("Lijn 2: lopende zaken")
    if 2 not in lines:
        st.info(say.no_line2, icon=":material/filter_alt_off:")
    else:
        show_line2(f, say)

    st.header("Lijn 2 per categorie per maand")
    month_detail(f, say)

    st.header(f"Totalen {f.describe()}")
    show_tables(f, say)


# the contact tabs' breakdowns, in the tabs' order, as a chart title names them
BREAKDOWNS = {"line": "lijn", "channel": "kanaal", "person_type": "persoon"}


def show_contacts(f: cl.Filters, contacts: pl.DataFrame) -> None:
    """Contacts by month, by line, channel or person: only the open tab is drawn, and
    switching tabs reruns the page with that tab open."""
    tabs = st.tabs(
        ["Per lijn", "Per kanaal", "Per persoon"], key="caseload_contacten", on_change="rerun"
    )
    if not cl.has_any(contacts, "contacts"):
        widgets.nothing_selected("contactmomenten")
        return
    for (breakdown, name), tab in zip(BREAKDOWNS.items(), tabs, strict=True):
        if not tab.open:
            continue
        what, frame = f"Contactmomenten per maand, per {name}", contacts.filter(breakdown=breakdown)
        if breakdown == "line":
            show_monthly(frame, "contacts", what, f, facet="item", unit="contactmomenten")
            continue
        widgets.show_chart(
            widgets.figure(
                charts.stacked_by_item,
                frame,
                holidays=cl.school_holidays(run, f),
                unit="contacten",
                data_until=data_until,
            ),
            title=chart_title(what, f),
            period=chart_period(f),
        )


def chart_title(what: str, f: cl.Filters, *, line: bool = True) -> str:
    return cl.chart_title(what, f, category_nl, line=line)


def show_monthly(
    frame: pl.DataFrame, value: str, what: str, f: cl.Filters, *, facet: str = "line",
    line: bool = True, **options: Any,
) -> None:  # fmt: skip
    """Each month of the period beside the same month a year earlier, one row per `facet`,
    with the school holidays; the slide's title is `what` and the filters (the line's only
    with `line`)."""
    widgets.show_chart(
        widgets.figure(
            charts.monthly_comparison,
            frame,
            facet=facet,
            facet_label=f"{facet}_nl",
            value=value,
            year_before=f"{value}_year_before",
            holidays=cl.school_holidays(run, f),
            **options,
            data_until=data_until,
        ),
        title=chart_title(what, f, line=line),
        period=chart_period(f),
    )


def show_line2(f: cl.Filters, say: Captions) -> None:
    """Lijn 2's open cases by month, and the cases each year carried into the next."""
    open_cases = cl.line2_open_by_month(run, f)
    what = "Lijn 2: lopende zaken"
    show_monthly(open_cases, "open_cases", what, f, line=False, unit="open zaken", kind="line")
    st.caption(say.line2_open)
    st.subheader("Meegenomen naar het volgende jaar")
    carried = cl.line2_carried_table(run, f, data_until)
    widgets.show_table(carried, controls.CARRIED_COLUMNS, download="caseload-lijn2-meegenomen")
    st.caption(say.line2_carried)


@st.fragment
def month_detail(f: cl.Filters, say: Captions) -> None:
    """The heatmap and the month it opens: a click on a cell reruns this part only."""
    period_months = cl.months_in(all_months, f)
    complete = [m for m in period_months if m.replace(day=28) < data_until] or period_months
    if st.session_state.get(MONTH_WIDGET) not in period_months:
        st.session_state[MONTH_WIDGET] = complete[-1]

    # A click on a cell selects the invisible marker on it (see caseload_charts.category_heatmap);
    # only a new click moves the month, so the select box below keeps working after a click.
    clicked = (st.session_state.get(HEATMAP_KEY) or {}).get("selection", {}).get("points", [])
    if clicked:
        click = dt.date.fromisoformat(clicked[0]["customdata"][0])
        if click != st.session_state.get(LAST_CLICK) and click in period_months:
            st.session_state[MONTH_WIDGET] = click
        st.session_state[LAST_CLICK] = click

    by_category_month = cl.line2_by_category_month(run, f)
    if not cl.has_any(by_category_month, "cases"):
        widgets.nothing_selected("Lijn 2-zaken")
        return
    widgets.show_chart(
        widgets.figure(
            charts.category_heatmap,
            by_category_month,
            selected=st.session_state[MONTH_WIDGET],
            data_until=data_until,
            texts=heatmap_texts(by_category_month, chrome.published()),
        ),
        key=HEATMAP_KEY,
        on_select="rerun",
        selection_mode="points",
        # every Lijn 2 category: the category filter does not apply here
        title=chart_title(
            "Nieuwe Lijn 2-zaken per categorie per maand",
            f.model_copy(update={"line": 0, "category": cl.ALL}),
        ),
        period=chart_period(f),
    )
    st.caption(say.heatmap)

    month = st.selectbox(
        "Uitsplitsing van de maand", period_months, key=MONTH_WIDGET, format_func=month_label
    )
    show_tables(f, say, month)


def show_tables(f: cl.Filters, say: Captions, month: dt.date | None = None) -> None:
    """New Lijn 2 cases by category and contacts by channel, in the period or in `month`."""
    key = cl.file_key(f, month)
    tables = (  # side by side: (title, rows, columns, caption, file name)
        (
            say.line2_by_category_title,
            cl.line2_by_category_party,
            controls.CATEGORY_COLUMNS,
            say.line2_by_category,
            "lijn2-per-categorie",
        ),
        (
            say.contacts_by_channel_title,
            cl.contacts_by_channel_person,
            controls.CHANNEL_COLUMNS,
            say.contacts_by_channel,
            "contacten-per-kanaal",
        ),
    )
    shown = [(rows(run, f, month), columns) for _, rows, columns, *_ in tables]
    key_row = f"caseload_tabellen_{'maand' if month else 'periode'}"
    blocks = widgets.tables_side_by_side(key_row, shown)
    for block, (df, columns), (title, *_, caption, name) in zip(blocks, shown, tables, strict=True):
        with block:
            st.subheader(title(month))
            widgets.show_table(
                df, columns, highlight=controls.is_total_row, download=f"{name}-{key}"
            )
            st.caption(caption(month))


filtered_page()
