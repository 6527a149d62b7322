"""Caseload: zaken en contactmomenten per maand, elke maand naast dezelfde maand een jaar eerder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import caseload as charts
from dashboard.format import (
    change_pct,
    date_nl,
    month_abbreviation,
    month_name,
    month_nl,
    number,
)
from dashboard.presentation import slides
from dashboard.reports import caseload as cl
from dashboard.reports import same_period

run = data.report
meta = data.export_meta()
data_until: dt.date = meta["data_until"]
all_months: list[dt.date] = cl.months(run)["month"].to_list()
categories = cl.categories(run)
category_nl = dict(zip(categories["category_code"], categories["category_nl"], strict=True))
category_nl[cl.ALL] = "Alle categorieën"
line1_codes = set(categories.filter(pl.col("line") == 1)["category_code"])
line2_codes = set(categories.filter(pl.col("line") == 2)["category_code"])
years = sorted({m.year for m in all_months})

# -- period and filters, bound to the URL -------------------------------------------------

# Each widget's key is its URL parameter; Streamlit writes the shown label there
# (`?van=december+2024&lijn=Lijn+2&code=Preventie`). Links from before, which wrote codes
# (`?van=2024-12&lijn=2&code=prevention&wie=ouders`), still open as they were shared.
START, END = cl.PERIOD_START_PARAM, cl.PERIOD_END_PARAM
LINE, CATEGORY, PARTY = cl.LINE_PARAM, cl.CATEGORY_PARAM, cl.PARTY_PARAM
WHOLE_YEAR_WIDGET = "caseload_heel_jaar"
MONTH_WIDGET = "caseload_maand"
HEATMAP_KEY = "caseload_heatmap"
LAST_CLICK = "caseload_laatste_klik"
PERIOD_WIDTH = 200  # pixels: "september 2026" and its arrow
CATEGORY_WIDTH = 340  # pixels: the longest category name
DEFAULT_START, DEFAULT_END = cl.default_period(all_months)


def month_label(month: dt.date) -> str:
    return month_nl(month, full=True)


def category_label(code: str) -> str:
    return category_nl[code]


def party_label(party: str) -> str:
    return cl.PARTIES[party][1]


def chart_period(f: cl.Filters) -> slides.ChartPeriod:
    """The months of `f` for a chart's slide; a running last month says up to which day."""
    key = f"{cl.month_key(f.start)}-tm-{cl.month_key(f.end)}"
    if not charts.is_running(f.end, data_until):
        return slides.ChartPeriod(f"{month_nl(f.start)} t/m {month_nl(f.end)}", key)
    return slides.ChartPeriod(
        f"{month_nl(f.start)} t/m {data_until.day} {month_nl(f.end)}",
        f"{cl.month_key(f.start)}-tm-{data_until.isoformat()}",
    )


def chart_title(what: str, f: cl.Filters, *, line: bool = True) -> str:
    """`what`, and the filters that narrow it: a slide of Lijn 1 alone must not pass for all
    cases ("Nieuwe zaken per maand, Lijn 1, alleen ouders")."""
    parts = [what]
    if line and f.line:
        parts.append(cl.LINES[f.line])
    if f.category != cl.ALL:
        parts.append(category_label(f.category))
    if f.party != cl.ALL:
        parts.append(party_label(f.party).lower())
    return ", ".join(parts)


def show_period(start: dt.date, end: dt.date) -> None:
    st.session_state[START] = start
    st.session_state[END] = end


def show_whole_year() -> None:
    year = st.session_state[WHOLE_YEAR_WIDGET]
    if year is not None:
        show_period(*cl.year_period(all_months, year))
    st.session_state[WHOLE_YEAR_WIDGET] = None  # a button, not a state: the period says it


def check_category(line: int) -> list[tuple[str, str, str]]:
    """`check_link` for the category, which must belong to the line chosen."""
    codes = cl.categories_for_line(categories, line)
    asked = chrome.unusable_url_value(
        CATEGORY,
        {category_label(c) for c in codes}.__contains__,
        older=lambda raw: raw if raw in codes else None,
    )
    return [] if asked is None else [("categorie", asked, CATEGORY)]


def check_link() -> list[tuple[str, str, str]]:
    """What the link asks that the widgets will drop: (what, asked, param), for the notice."""
    old_month = cl.parse_month
    checks: dict[str, tuple[str, set[str], Any]] = {
        START: ("begin", {month_label(m) for m in all_months}, old_month),
        END: ("eind", {month_label(m) for m in all_months}, old_month),
        LINE: ("lijn", set(cl.LINES.values()), cl.parse_line),
        PARTY: (
            "wie",
            {party_label(p) for p in cl.PARTIES},
            lambda raw: raw if raw in cl.PARTIES else None,
        ),
    }
    dropped = []
    for param, (what, usable, older) in checks.items():

        def read(raw: str, older: Any = older, param: str = param) -> Any:
            value = older(raw)
            return value if param not in (START, END) or value in all_months else None

        asked = chrome.unusable_url_value(param, usable.__contains__, older=read)
        if asked is not None:
            dropped.append((what, asked, param))
    return dropped


st.markdown(
    "De **periode** bepaalt wat deze pagina toont; standaard de laatste 24 maanden tot en met "
    f"{date_nl(data_until)}. Elke maand staat naast **dezelfde maand een jaar eerder**."
)


@st.fragment
def filtered_page() -> None:
    """Everything the period and the filters change: a filter change reruns this, not the
    page around it."""
    dropped = check_link()
    # Rows that wrap: on a 1280 px projector screen with the sidebar open, what does not fit
    # moves to the next line instead of being cut off.
    with st.container(horizontal=True, vertical_alignment="bottom", key="caseload_periode"):
        st.selectbox(
            "Van",
            all_months,
            index=all_months.index(DEFAULT_START),
            key=START,
            bind="query-params",
            format_func=month_label,
            width=PERIOD_WIDTH,
        )
        st.selectbox(
            "Tot en met",
            all_months,
            index=all_months.index(DEFAULT_END),
            key=END,
            bind="query-params",
            format_func=month_label,
            width=PERIOD_WIDTH,
        )
        st.pills(
            "Heel jaar",
            years,
            key=WHOLE_YEAR_WIDGET,
            on_change=show_whole_year,
            help="Januari tot en met december van dat jaar, zover de gegevens gaan.",
        )
        st.button(
            "Laatste 24 maanden",
            on_click=show_period,
            args=(DEFAULT_START, DEFAULT_END),
        )

    with st.container(horizontal=True, key="caseload_filters"):
        line = st.segmented_control(
            "Lijn",
            list(cl.LINES),
            default=0,
            required=True,
            key=LINE,
            bind="query-params",
            format_func=cl.LINES.get,
        )
        line = 0 if line is None else line
        dropped += check_category(line)
        category_options = cl.categories_for_line(categories, line)
        if st.session_state.get(CATEGORY, cl.ALL) not in category_options:
            st.session_state[CATEGORY] = cl.ALL
        category = st.selectbox(
            "Categorie",
            category_options,
            key=CATEGORY,
            bind="query-params",
            format_func=category_label,
            width=CATEGORY_WIDTH,
        )
        party = st.segmented_control(
            "Wie nam contact op",
            list(cl.PARTIES),
            default=cl.ALL,
            required=True,
            key=PARTY,
            bind="query-params",
            format_func=party_label,
        )
    for what, asked, param in dropped:
        shown = {
            START: month_label(st.session_state[START]),
            END: month_label(st.session_state[END]),
            LINE: cl.LINES[line],
            CATEGORY: category_label(category),
            PARTY: party_label(party or cl.ALL),
        }[param]
        chrome.say_url_value_dropped(what, asked, shown)

    start, end = sorted((st.session_state[START], st.session_state[END]))
    show(cl.Filters(start=start, end=end, line=line, category=category, party=party or cl.ALL))


def show(f: cl.Filters) -> None:
    """The page for the filters `f`."""
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
        f" {running_month}: de lopende maand, met gegevens tot en met {date_nl(data_until)}; "
        f"lichter getekend, en grijs ernaast dezelfde dagen een jaar eerder (1 t/m "
        f"{data_until.day} {month_name(data_until.month)} {data_until.year - 1}), niet de hele "
        "maand."
        if ends_running
        else ""
    )
    holidays_text = "Gekleurde banden: schoolvakanties per regio (Noord, Midden, Zuid)."
    # A category belongs to one line, so the other line has no cases in the selection: it gets
    # no tile and no chart of zeros.
    lines = [
        line
        for line, codes in ((1, line1_codes), (2, line2_codes))
        if f.line in (0, line) and (f.category == cl.ALL or f.category in codes)
    ]
    line2_off = 2 not in lines

    holidays = cl.school_holidays(run, f)
    new_cases = cl.new_cases_by_month(run, f).filter(pl.col("line").is_in(lines))
    contacts = cl.contacts_by_month(run, f).filter(
        (pl.col("breakdown") != "line") | pl.col("item").is_in([str(line) for line in lines])
    )

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
        (
            f"Nieuwe zaken {label}",
            new_cases.filter(pl.col("line") == key),
            "cases",
            "cases_year_before",
        )
        for key, label in ((1, "Lijn 1"), (2, "Lijn 2"))
        if key in lines
    ]
    if lines == [1, 2]:
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
            f": {month_nl(f.start.replace(year=f.start.year - 1))} t/m "
            f"{date_nl(year_before_end)}. De lopende maand telt tot en met {date_nl(data_until)} "
            "en staat tegenover dezelfde dagen een jaar eerder, niet tegenover de hele maand. "
            + same_period.definition_nl(data_until)
            if ends_running and year_before_end is not None
            else "."
        )
    )

    # -- new cases ----------------------------------------------------------------------------

    st.header("Nieuwe zaken per maand")
    if not has_any(new_cases, "cases"):
        widgets.nothing_selected("zaken")
    else:
        widgets.show_chart(
            widgets.figure(
                charts.monthly_comparison,
                new_cases,
                facet="line",
                facet_label="line_nl",
                value="cases",
                year_before="cases_year_before",
                holidays=holidays,
                unit="zaken",
                data_until=data_until,
            ),
            title=chart_title("Nieuwe zaken per maand", f),
            period=chart_period(f),
        )
    st.caption(
        f"Telt geopende zaken (nieuwe zaken) per maand van opening; {cases_who}; {category_text}. "
        f"Grijs: dezelfde maand een jaar eerder.{running_text} {holidays_text}"
    )

    # -- contacts -----------------------------------------------------------------------------

    st.header("Contactmomenten per maand")
    # Only the open tab is drawn: switching tabs reruns the page with that tab open.
    by_line, by_channel, by_person = st.tabs(
        ["Per lijn", "Per kanaal", "Per persoon"], key="caseload_contacten", on_change="rerun"
    )
    if not has_any(contacts, "contacts"):
        widgets.nothing_selected("contactmomenten")
    elif by_line.open:
        widgets.show_chart(
            widgets.figure(
                charts.monthly_comparison,
                contacts.filter(pl.col("breakdown") == "line"),
                facet="item",
                facet_label="item_nl",
                value="contacts",
                year_before="contacts_year_before",
                holidays=holidays,
                unit="contactmomenten",
                data_until=data_until,
            ),
            title=chart_title("Contactmomenten per maand, per lijn", f),
            period=chart_period(f),
        )
    elif by_channel.open:
        widgets.show_chart(
            widgets.figure(
                charts.stacked_by_item,
                contacts.filter(pl.col("breakdown") == "channel"),
                holidays=holidays,
                unit="contacten",
                data_until=data_until,
            ),
            title=chart_title("Contactmomenten per maand, per kanaal", f),
            period=chart_period(f),
        )
    elif by_person.open:
        widgets.show_chart(
            widgets.figure(
                charts.stacked_by_item,
                contacts.filter(pl.col("breakdown") == "person_type"),
                holidays=holidays,
                unit="contacten",
                data_until=data_until,
            ),
            title=chart_title("Contactmomenten per maand, per persoon", f),
            period=chart_period(f),
        )
    st.caption(
        f"Telt contactmomenten in de maand waarin ze plaatsvonden, {contacts_who}; "
        f"{category_text} (de categorie van de zaak). Grijs: dezelfde maand een jaar eerder."
        f"{running_text} {holidays_text}"
    )

    st.subheader("Contactmomenten per zaak")
    per_case = cl.contacts_per_case_by_month(run, f).filter(pl.col("line").is_in(lines))
    if not has_any(per_case, "contacts"):
        widgets.nothing_selected("contactmomenten")
    else:
        widgets.show_chart(
            widgets.figure(
                charts.monthly_comparison,
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
            ),
            title=chart_title("Contactmomenten per zaak", f),
            period=chart_period(f),
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
        st.info(
            "Geen Lijn 2-zaken in deze selectie: het filter kiest Lijn 1. Kies beide lijnen of "
            "Lijn 2 om Lijn 2 te zien.",
            icon=":material/filter_alt_off:",
        )
    else:
        widgets.show_chart(
            widgets.figure(
                charts.monthly_comparison,
                cl.line2_open_by_month(run, f).with_columns(line_nl=pl.lit("Lijn 2"), line=2),
                facet="line",
                facet_label="line_nl",
                value="open_cases",
                year_before="open_cases_year_before",
                holidays=holidays,
                unit="open zaken",
                kind="line",
                data_until=data_until,
            ),
            title=chart_title("Lijn 2: lopende zaken", f, line=False),
            period=chart_period(f),
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
        widgets.show_table(
            carried,
            {
                "year": widgets.Column("Jaar van opening", str, width=150),
                "opened": widgets.Column("Geopend", number),
                "closed_same_year": widgets.Column("In hetzelfde jaar gesloten", number),
                "carried_to_next_year": widgets.Column("Meegenomen", number),
                "carried_nl": widgets.Column("Toelichting", width="medium"),
            },
            download="caseload-lijn2-meegenomen",
        )
        st.caption(
            "Telt Lijn 2-zaken naar jaar van opening die in dat jaar niet zijn gesloten (later "
            f"gesloten of nog open), zoals het jaarverslag; {cases_who}; {category_text}. Voor het "
            "lopende jaar is dat wat nu nog open staat."
        )

    # -- Lijn 2 by category x month -----------------------------------------------------------

    st.header("Lijn 2 per categorie per maand")
    month_detail(f, cases_who, category_text, running_month if ends_running else None)

    # -- totals over the period ---------------------------------------------------------------

    st.header(f"Totalen {f.describe()}")
    period_key = f"{cl.month_key(f.start)}-tm-{cl.month_key(f.end)}"
    left, right = st.columns(2)
    with left:
        st.subheader("Nieuwe Lijn 2-zaken per categorie")
        widgets.show_table(
            cl.line2_by_category_party(run, f),
            CATEGORY_COLUMNS,
            highlight=lambda row: row["category_nl"] == "Totaal Lijn 2",
            download=f"lijn2-per-categorie-{period_key}",
        )
        st.caption("Telt geopende Lijn 2-zaken in de periode, naar wie contact opnam.")
    with right:
        st.subheader("Contactmomenten per kanaal en persoon")
        widgets.show_table(
            cl.contacts_by_channel_person(run, f),
            CHANNEL_COLUMNS,
            highlight=lambda row: row["channel_nl"] == "Totaal",
            download=f"contacten-per-kanaal-{period_key}",
        )
        st.caption(
            f"Telt contactmomenten in de periode per kanaal en persoon; {category_text}"
            + ("" if f.line == 0 else f", alleen Lijn {f.line}")
            + ". Het jaarverslag noemt de professionals bij het contactformulier “derden”."
        )


def has_any(df: pl.DataFrame, value: str) -> bool:
    return df.height > 0 and (df[value].fill_null(0).sum() or 0) > 0


CATEGORY_COLUMNS = {
    "category_nl": widgets.Column("Categorie"),
    "parents": widgets.Column("Ouders", number),
    "third_parties": widgets.Column("Derden", number),
    "total": widgets.Column("Totaal", number),
}
CHANNEL_COLUMNS = {
    "channel_nl": widgets.Column("Kanaal"),
    "parents": widgets.Column("Ouder", number),
    "family_acquaintances": widgets.Column("Familie of kennis", number),
    "professionals": widgets.Column("Professional", number),
    "total": widgets.Column("Totaal", number),
}


@st.fragment
def month_detail(
    f: cl.Filters, cases_who: str, category_text: str, running_month: str | None
) -> None:
    """The heatmap and the month it opens: a click on a cell reruns this part only."""
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

    by_category_month = cl.line2_by_category_month(run, f)
    if not has_any(by_category_month, "cases"):
        widgets.nothing_selected("Lijn 2-zaken")
        return
    widgets.show_chart(
        widgets.figure(
            charts.category_heatmap,
            by_category_month,
            selected=st.session_state[MONTH_WIDGET],
            data_until=data_until,
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
    st.caption(
        f"Telt nieuwe Lijn 2-zaken per categorie en maand van opening; {cases_who}; alle Lijn "
        "2-categorieën (het categoriefilter geldt hier niet). Klik op een maand voor de "
        "uitsplitsing hieronder, of kies de maand in de lijst."
        + (
            f" Omlijnd met streepjes: {running_month}, de lopende maand (gegevens tot en met "
            f"{date_nl(data_until)}), nog geen hele maand."
            if running_month
            else ""
        )
    )

    month = st.selectbox(
        "Uitsplitsing van de maand",
        period_months,
        key=MONTH_WIDGET,
        format_func=month_label,
    )
    left, right = st.columns(2)
    with left:
        st.subheader(f"Nieuwe Lijn 2-zaken, {month_label(month)}")
        widgets.show_table(
            cl.line2_by_category_party(run, f, month),
            CATEGORY_COLUMNS,
            highlight=lambda row: row["category_nl"] == "Totaal Lijn 2",
            download=f"lijn2-per-categorie-{cl.month_key(month)}",
        )
        st.caption(
            "Telt geopende Lijn 2-zaken in de maand, naar wie contact opnam (ouders, derden)."
        )
    with right:
        st.subheader(f"Contactmomenten, {month_label(month)}")
        widgets.show_table(
            cl.contacts_by_channel_person(run, f, month),
            CHANNEL_COLUMNS,
            highlight=lambda row: row["channel_nl"] == "Totaal",
            download=f"contacten-per-kanaal-{cl.month_key(month)}",
        )
        st.caption(
            f"Telt contactmomenten in de maand per kanaal en persoon; {category_text}"
            + ("" if f.line == 0 else f", alleen Lijn {f.line}")
            + "."
        )


filtered_page()
