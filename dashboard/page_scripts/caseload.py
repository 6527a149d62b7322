"""Caseload: zaken en contactmomenten per maand, elke maand naast dezelfde maand een jaar eerder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from dashboard import caseload as cl
from dashboard import caseload_charts as charts
from dashboard import same_period, ui
from dashboard.format import (
    change_pct,
    date_nl,
    month_abbreviation,
    month_name,
    month_nl,
    number,
)

run = ui.report
meta = ui.export_meta()
data_until: dt.date = meta["data_until"]
all_months: list[dt.date] = cl.months(run)["month"].to_list()
categories = cl.categories(run)
category_nl = dict(zip(categories["category_code"], categories["category_nl"], strict=True))
category_nl[cl.ALL] = "Alle categorieën"
line1_codes = set(categories.filter(pl.col("line") == 1)["category_code"])
year = ui.selected_year()

# -- period and filters, kept in the URL --------------------------------------------------

WIDGETS = {
    cl.PERIOD_START_PARAM: "caseload_van",
    cl.PERIOD_END_PARAM: "caseload_tot",
    cl.LINE_PARAM: "caseload_lijn",
    cl.CATEGORY_PARAM: "caseload_code",
    cl.PARTY_PARAM: "caseload_wie",
}
MONTH_WIDGET = "caseload_maand"
HEATMAP_KEY = "caseload_heatmap"
LAST_CLICK = "caseload_laatste_klik"
PERIOD_WIDTH = 200  # pixels: "september 2026" and its arrow
CATEGORY_WIDTH = 340  # pixels: the longest category name


def url_value(param: str, value: Any) -> str:
    if isinstance(value, dt.date):
        return cl.month_key(value)
    if param == cl.LINE_PARAM:
        return cl.ALL if value == 0 else str(value)
    return str(value)


def write_to_url(param: str) -> None:
    st.query_params[param] = url_value(param, st.session_state[WIDGETS[param]])


def show_period(start: dt.date, end: dt.date) -> None:
    st.session_state[WIDGETS[cl.PERIOD_START_PARAM]] = start
    st.session_state[WIDGETS[cl.PERIOD_END_PARAM]] = end
    write_to_url(cl.PERIOD_START_PARAM)
    write_to_url(cl.PERIOD_END_PARAM)


# The URL wins (a shared link opens as it was shared), then this session's choice (a page
# switch drops the query string), then the default: the last 24 months.
query = st.query_params.to_dict()
from_url = cl.filters_from_url(query, all_months, categories)
from_url_values = {
    cl.PERIOD_START_PARAM: from_url.start,
    cl.PERIOD_END_PARAM: from_url.end,
    cl.LINE_PARAM: from_url.line,
    cl.CATEGORY_PARAM: from_url.category,
    cl.PARTY_PARAM: from_url.party,
}
for param, widget in WIDGETS.items():
    if param in query or widget not in st.session_state:
        st.session_state[widget] = from_url_values[param]

st.markdown(
    "De **periode** bepaalt wat deze pagina toont; standaard de laatste 24 maanden tot en met "
    f"{date_nl(data_until)}. Het jaar in de zijbalk verandert de periode alleen via de knop "
    f"hieronder. Elke maand staat naast **dezelfde maand een jaar eerder**."
)
# Rows that wrap: on a 1280 px projector screen with the sidebar open, what does not fit moves
# to the next line instead of being cut off.
with st.container(horizontal=True, vertical_alignment="bottom", key="caseload_periode"):
    st.selectbox(
        "Van",
        all_months,
        key=WIDGETS[cl.PERIOD_START_PARAM],
        format_func=lambda m: month_nl(m, full=True),
        on_change=write_to_url,
        args=(cl.PERIOD_START_PARAM,),
        width=PERIOD_WIDTH,
    )
    st.selectbox(
        "Tot en met",
        all_months,
        key=WIDGETS[cl.PERIOD_END_PARAM],
        format_func=lambda m: month_nl(m, full=True),
        on_change=write_to_url,
        args=(cl.PERIOD_END_PARAM,),
        width=PERIOD_WIDTH,
    )
    st.button(
        f"Heel {year}",
        help=f"Januari tot en met december {year}: het jaar dat in de zijbalk gekozen is.",
        on_click=show_period,
        args=cl.year_period(all_months, year),
    )
    st.button(
        "Laatste 24 maanden",
        on_click=show_period,
        args=cl.default_period(all_months),
    )

with st.container(horizontal=True, key="caseload_filters"):
    line = st.segmented_control(
        "Lijn",
        list(cl.LINES),
        key=WIDGETS[cl.LINE_PARAM],
        format_func=cl.LINES.get,
        on_change=write_to_url,
        args=(cl.LINE_PARAM,),
    )
    if line is None:  # a segmented control can be cleared; "both" is what that means
        line = 0
    category_options = cl.categories_for_line(categories, line)
    if st.session_state[WIDGETS[cl.CATEGORY_PARAM]] not in category_options:
        st.session_state[WIDGETS[cl.CATEGORY_PARAM]] = cl.ALL
    st.selectbox(
        "Categorie",
        category_options,
        key=WIDGETS[cl.CATEGORY_PARAM],
        format_func=category_nl.get,
        on_change=write_to_url,
        args=(cl.CATEGORY_PARAM,),
        width=CATEGORY_WIDTH,
    )
    party = st.segmented_control(
        "Wie nam contact op",
        list(cl.PARTIES),
        key=WIDGETS[cl.PARTY_PARAM],
        format_func=lambda p: cl.PARTIES[p][1],
        on_change=write_to_url,
        args=(cl.PARTY_PARAM,),
    )

start, end = sorted(
    (
        st.session_state[WIDGETS[cl.PERIOD_START_PARAM]],
        st.session_state[WIDGETS[cl.PERIOD_END_PARAM]],
    )
)
f = cl.Filters(
    start=start,
    end=end,
    line=line,
    category=st.session_state[WIDGETS[cl.CATEGORY_PARAM]],
    party=party or cl.ALL,
)
st.query_params.update(f.to_url())

# -- what the captions say ----------------------------------------------------------------

cases_who = {
    cl.ALL: "ouders en derden",
    "ouders": "alleen zaken waarin een ouder contact opnam",
    "derden": "alleen zaken waarin een derde (familie, kennis, professional) contact opnam",
}[f.party]
contacts_who = {
    cl.ALL: "met ouders en derden",
    "ouders": "alleen met ouders",
    "derden": "alleen met derden (familie, kennissen, professionals)",
}[f.party]
category_text = (
    "alle categorieën" if f.category == cl.ALL else f"categorie {category_nl[f.category]}"
)
ends_running = charts.is_running(f.end, data_until)
running_month = f"„{month_abbreviation(f.end.month)} t/m {data_until.day}”"
running_text = (
    f" {running_month}: de lopende maand, met gegevens tot en met {date_nl(data_until)}; lichter "
    f"getekend, en grijs ernaast dezelfde dagen een jaar eerder (1 t/m {data_until.day} "
    f"{month_name(data_until.month)} {data_until.year - 1}), niet de hele maand."
    if ends_running
    else ""
)
holidays_text = "Gekleurde banden: schoolvakanties per regio (Noord, Midden, Zuid)."
line2_off = f.line == 1 or f.category in line1_codes

holidays = cl.school_holidays(run, f)
new_cases = cl.new_cases_by_month(run, f)
contacts = cl.contacts_by_month(run, f)

# -- headline numbers for the period ------------------------------------------------------

month_count = f.month_count()
st.subheader(
    f"{month_nl(f.start)} t/m "
    + (f"{data_until.day} {month_nl(f.end)}" if ends_running else month_nl(f.end))
    + f" ({month_count} {'maand' if month_count == 1 else 'maanden'})"
)


def total_with_change(df: pl.DataFrame, value: str, before: str) -> tuple[str, str | None]:
    now = df[value].sum()
    earlier = None if df[before].null_count() else df[before].sum()
    change = None if not earlier else change_pct(100 * (now - earlier) / earlier)
    return number(now), None if change is None else f"{change} t.o.v. een jaar eerder"


tiles: list[tuple[str, pl.DataFrame, str, str]] = [
    (f"Nieuwe zaken {label}", new_cases.filter(pl.col("line") == key), "cases", "cases_year_before")
    for key, label in ((1, "Lijn 1"), (2, "Lijn 2"))
    if f.line in (0, key)
]
if f.line == 0:
    tiles.append(("Nieuwe zaken, beide lijnen", new_cases, "cases", "cases_year_before"))
tiles.append(
    (
        "Contactmomenten",
        contacts.filter(pl.col("breakdown") == "channel"),
        "contacts",
        "contacts_year_before",
    )
)
for column, (label, df, value, before) in zip(st.columns(len(tiles)), tiles, strict=True):
    shown, delta = total_with_change(df, value, before)
    column.metric(label, shown, delta, delta_color="off")
year_before_end = new_cases["year_before_until"].max()
st.caption(
    f"Zaken naar maand van opening, contactmomenten naar de maand waarin ze plaatsvonden; "
    f"{category_text}. Verschil met dezelfde dagen een jaar eerder, waar de export zo ver "
    "terug gaat"
    + (
        f": {month_nl(f.start.replace(year=f.start.year - 1))} t/m {date_nl(year_before_end)}. "
        f"De lopende maand telt tot en met {date_nl(data_until)} en staat tegenover dezelfde "
        f"dagen een jaar eerder, niet tegenover de hele maand. "
        + same_period.definition_nl(data_until)
        if ends_running and year_before_end is not None
        else "."
    )
)

# -- new cases ----------------------------------------------------------------------------

st.header("Nieuwe zaken per maand")
ui.show_chart(
    charts.monthly_comparison(
        new_cases,
        facet="line",
        facet_label="line_nl",
        value="cases",
        year_before="cases_year_before",
        holidays=holidays,
        unit="zaken",
        data_until=data_until,
    )
)
st.caption(
    f"Telt geopende zaken (nieuwe zaken) per maand van opening; {cases_who}; {category_text}. "
    f"Grijs: dezelfde maand een jaar eerder.{running_text} {holidays_text}"
)

# -- contacts -----------------------------------------------------------------------------

st.header("Contactmomenten per maand")
by_line, by_channel, by_person = st.tabs(["Per lijn", "Per kanaal", "Per persoon"])
with by_line:
    ui.show_chart(
        charts.monthly_comparison(
            contacts.filter(pl.col("breakdown") == "line"),
            facet="item",
            facet_label="item_nl",
            value="contacts",
            year_before="contacts_year_before",
            holidays=holidays,
            unit="contactmomenten",
            data_until=data_until,
        )
    )
with by_channel:
    ui.show_chart(
        charts.stacked_by_item(
            contacts.filter(pl.col("breakdown") == "channel"),
            holidays=holidays,
            unit="contacten",
            data_until=data_until,
        )
    )
with by_person:
    ui.show_chart(
        charts.stacked_by_item(
            contacts.filter(pl.col("breakdown") == "person_type"),
            holidays=holidays,
            unit="contacten",
            data_until=data_until,
        )
    )
st.caption(
    f"Telt contactmomenten in de maand waarin ze plaatsvonden, {contacts_who}; "
    f"{category_text} (de categorie van de zaak). Grijs: dezelfde maand een jaar eerder."
    f"{running_text} {holidays_text}"
)

st.subheader("Contactmomenten per zaak")
per_case = cl.contacts_per_case_by_month(run, f)
ui.show_chart(
    charts.monthly_comparison(
        per_case,
        facet="line",
        facet_label="line_nl",
        value="contacts_per_case",
        year_before="contacts_per_case_year_before",
        holidays=holidays,
        unit="contacten per zaak",
        kind="line",
        decimals=2,
        data_until=data_until,
    )
)
st.caption(
    "Hoe intensief het werk is: contactmomenten in de maand gedeeld door het aantal zaken met "
    f"minstens één contactmoment in die maand, per lijn; contacten {contacts_who}; "
    f"{category_text}. Gestippeld: dezelfde maand een jaar eerder."
    + (
        f" De lopende maand ({running_month}, gegevens tot en met {date_nl(data_until)}) heeft "
        "geen punt: in een deel van een maand heeft een zaak minder dagen voor een volgend "
        "contact, dus het aantal per zaak zakt zonder dat het werk lichter wordt."
        if ends_running
        else ""
    )
)

# -- Lijn 2: open cases -------------------------------------------------------------------

st.header("Lijn 2: lopende zaken")
if line2_off:
    st.info("Het filter kiest Lijn 1; kies beide lijnen of Lijn 2 om Lijn 2 te zien.")
else:
    ui.show_chart(
        charts.monthly_comparison(
            cl.line2_open_by_month(run, f).with_columns(line_nl=pl.lit("Lijn 2"), line=2),
            facet="line",
            facet_label="line_nl",
            value="open_cases",
            year_before="open_cases_year_before",
            holidays=holidays,
            unit="open zaken",
            kind="line",
            data_until=data_until,
        )
    )
    st.caption(
        "Telt Lijn 2-zaken die open stonden aan het eind van de maand: geopend op of vóór de "
        "laatste dag en toen nog niet gesloten (de lopende maand op "
        f"{date_nl(data_until)}); {cases_who}; {category_text}. "
        "Gestippeld: dezelfde maand een jaar eerder."
    )

    carried = cl.line2_carried_by_year(run, f).with_columns(
        carried_nl=pl.when(pl.col("year_complete"))
        .then(pl.format("meegenomen naar {}", pl.col("year") + 1))
        .otherwise(pl.lit(f"nog open op {date_nl(data_until)}"))
    )
    st.subheader("Meegenomen naar het volgende jaar")
    ui.show_table(
        carried,
        {
            "year": ui.Column("Jaar van opening", str, width=150),
            "opened": ui.Column("Geopend", number),
            "closed_same_year": ui.Column("In hetzelfde jaar gesloten", number),
            "carried_to_next_year": ui.Column("Meegenomen", number),
            "carried_nl": ui.Column("Toelichting", width="medium"),
        },
    )
    st.caption(
        "Telt Lijn 2-zaken naar jaar van opening die in dat jaar niet zijn gesloten (later "
        f"gesloten of nog open), zoals het jaarverslag; {cases_who}; {category_text}. Voor het "
        "lopende jaar is dat wat nu nog open staat."
    )

# -- Lijn 2 by category x month -----------------------------------------------------------

st.header("Lijn 2 per categorie per maand")
period_months = [m for m in all_months if f.start <= m <= f.end]
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

ui.show_chart(
    charts.category_heatmap(
        cl.line2_by_category_month(run, f),
        selected=st.session_state[MONTH_WIDGET],
        data_until=data_until,
    ),
    key=HEATMAP_KEY,
    on_select="rerun",
    selection_mode="points",
)
st.caption(
    f"Telt nieuwe Lijn 2-zaken per categorie en maand van opening; {cases_who}; alle Lijn "
    "2-categorieën (het categoriefilter geldt hier niet). Klik op een maand voor de uitsplitsing "
    "hieronder, of kies de maand in de lijst."
    + (
        f" Omlijnd met streepjes: {running_month}, de lopende maand (gegevens tot en met "
        f"{date_nl(data_until)}), nog geen hele maand."
        if ends_running
        else ""
    )
)

month = st.selectbox(
    "Uitsplitsing van de maand",
    period_months,
    key=MONTH_WIDGET,
    format_func=lambda m: month_nl(m, full=True),
)
left, right = st.columns(2)
with left:
    st.subheader(f"Nieuwe Lijn 2-zaken, {month_nl(month, full=True)}")
    by_category = cl.line2_by_category_party(run, f, month)
    ui.show_table(
        by_category,
        {
            "category_nl": ui.Column("Categorie"),
            "parents": ui.Column("Ouders", number),
            "third_parties": ui.Column("Derden", number),
            "total": ui.Column("Totaal", number),
        },
        highlight=lambda row: row["category_nl"] == "Totaal Lijn 2",
    )
    st.caption("Telt geopende Lijn 2-zaken in de maand, naar wie contact opnam (ouders, derden).")
with right:
    st.subheader(f"Contactmomenten, {month_nl(month, full=True)}")
    channel_columns = {
        "channel_nl": ui.Column("Kanaal"),
        "parents": ui.Column("Ouder", number),
        "family_acquaintances": ui.Column("Familie of kennis", number),
        "professionals": ui.Column("Professional", number),
        "total": ui.Column("Totaal", number),
    }
    ui.show_table(
        cl.contacts_by_channel_person(run, f, month),
        channel_columns,
        highlight=lambda row: row["channel_nl"] == "Totaal",
    )
    st.caption(
        f"Telt contactmomenten in de maand per kanaal en persoon; {category_text}"
        + ("" if f.line == 0 else f", alleen Lijn {f.line}")
        + "."
    )

# -- totals over the period ---------------------------------------------------------------

st.header(f"Totalen {f.describe()}")
left, right = st.columns(2)
with left:
    st.subheader("Nieuwe Lijn 2-zaken per categorie")
    ui.show_table(
        cl.line2_by_category_party(run, f),
        {
            "category_nl": ui.Column("Categorie"),
            "parents": ui.Column("Ouders", number),
            "third_parties": ui.Column("Derden", number),
            "total": ui.Column("Totaal", number),
        },
        highlight=lambda row: row["category_nl"] == "Totaal Lijn 2",
    )
    st.caption("Telt geopende Lijn 2-zaken in de periode, naar wie contact opnam.")
with right:
    st.subheader("Contactmomenten per kanaal en persoon")
    ui.show_table(
        cl.contacts_by_channel_person(run, f),
        channel_columns,
        highlight=lambda row: row["channel_nl"] == "Totaal",
    )
    st.caption(
        f"Telt contactmomenten in de periode per kanaal en persoon; {category_text}"
        + ("" if f.line == 0 else f", alleen Lijn {f.line}")
        + ". Het jaarverslag noemt de professionals bij het contactformulier “derden”."
    )
