"""The caseload page's own widgets: the period and filters, bound to the URL and read into
`Filters`, and the columns of its tables.

Each widget's key is its URL parameter; Streamlit writes the shown label there
(`?van=december+2024&lijn=Lijn+2&code=Preventie`). Links from before, which wrote codes
(`?van=2024-12&lijn=2&code=prevention&wie=ouders`), still open as they were shared; a value a
link asks that no widget can show is dropped, and the page says so.

The period is a choice (`?periode=laatste+12+maanden`): a rolling one is resolved against the
loaded export on every run and leaves `van` and `tot` out of the URL (they equal their default,
the resolved months), so the link follows the next export; "vaste periode" keeps them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
import streamlit as st

from dashboard import chrome, widgets
from dashboard.format import number
from dashboard.reports import caseload as cl

START, END, CHOICE = cl.PERIOD_START_PARAM, cl.PERIOD_END_PARAM, cl.PERIOD_CHOICE_PARAM
LINE, CATEGORY, PARTY = cl.LINE_PARAM, cl.CATEGORY_PARAM, cl.PARTY_PARAM
WHOLE_YEAR_WIDGET = "caseload_heel_jaar"
PERIOD_WIDTH = 200  # pixels: "september 2026" and its arrow
CHOICE_WIDTH = 196  # pixels: "laatste 24 maanden" and its arrow; the row fits 1366 px
CATEGORY_WIDTH = 340  # pixels: the longest category name

# The tables' columns: their Dutch headers and how each value is written.
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


def is_total_row(row: Mapping[str, Any]) -> bool:
    """The row of a category or channel table that totals the others: it stands out."""
    return row.get("category_nl") == "Totaal Lijn 2" or row.get("channel_nl") == "Totaal"


CARRIED_COLUMNS = {
    "year": widgets.Column("Jaar van opening", str),
    "opened": widgets.Column("Geopend", number),
    "closed_same_year": widgets.Column("In hetzelfde jaar gesloten", number),
    "carried_to_next_year": widgets.Column("Meegenomen", number),
    "carried_nl": widgets.Column("Toelichting", at_most=220),
}


def fix_period() -> None:
    """A month chosen by hand makes the period fixed: a link keeps it."""
    st.session_state[CHOICE] = cl.FIXED_PERIOD


def show_whole_year(months: Sequence[dt.date]) -> None:
    year = st.session_state[WHOLE_YEAR_WIDGET]
    if year is not None:
        st.session_state[START], st.session_state[END] = cl.year_period(months, year)
        fix_period()
    st.session_state[WHOLE_YEAR_WIDGET] = None  # a button, not a state: the period says it


def read_period(months: list[dt.date], data_until: dt.date) -> tuple[dt.date, dt.date]:
    """The period choice and its months, in a row; under it which months the choice holds."""
    if (
        CHOICE not in st.query_params
        and CHOICE not in st.session_state
        and (START in st.query_params or END in st.query_params)
    ):
        # a link from before the choices names its months: they stay fixed
        st.session_state[CHOICE] = cl.FIXED_PERIOD
    period: dict[str, Any] = {"bind": "query-params", "format_func": cl.month_label}
    with st.container(horizontal=True, vertical_alignment="bottom", key="caseload_periode"):
        choice = st.selectbox(
            "Periode", cl.PERIOD_CHOICES, key=CHOICE, bind="query-params", width=CHOICE_WIDTH,
            help=cl.ROLLING_HELP,
        )  # fmt: skip
        rolling = choice != cl.FIXED_PERIOD
        # Rolling: the months follow the export, and as they equal the widgets' default they
        # stay out of the URL. Fixed: no default, so the URL always holds both months.
        resolved = cl.rolling_period(choice, months, data_until) if rolling else (None, None)
        labels = {cl.month_label(m) for m in months}
        for label, key, month, fallback in (
            ("Van", START, resolved[0], cl.default_period(months)[0]),
            ("Tot en met", END, resolved[1], months[-1]),
        ):
            if rolling:
                st.session_state[key] = month
            elif st.session_state.get(key) is None and st.query_params.get(key) not in labels:
                st.session_state[key] = fallback  # a link with only `van`, or a month unknown
            elif key not in st.query_params:
                # Streamlit writes a bound value to the URL when it changes, not when its
                # default does: a month kept from the rolling choice must be written anew
                st.session_state[key] = st.session_state[key]
            st.selectbox(
                label, months, index=None if month is None else months.index(month), key=key,
                on_change=fix_period, width=PERIOD_WIDTH, **period,
            )  # fmt: skip
        st.pills(
            "Heel jaar",
            sorted({m.year for m in months}),
            key=WHOLE_YEAR_WIDGET,
            on_change=show_whole_year,
            args=(months,),
            help="Januari tot en met december van dat jaar, zover de gegevens gaan.",
        )
    start, end = resolved if rolling else sorted((st.session_state[START], st.session_state[END]))
    said = cl.period_choice_text(choice, start, end, data_until)
    if said is not None:
        st.caption(said)
    return start, end


def dropped_from_link(checks: Mapping[str, cl.LinkCheck]) -> list[tuple[str, str, str]]:
    """What the link asks that the widgets will drop: (what, asked, param), for the notice.
    Call it before the widgets: a value from an older link goes to them through the state."""
    dropped = []
    for param, (what, usable, older) in checks.items():
        asked = chrome.unusable_url_value(param, usable.__contains__, older=older)
        if asked is not None:
            dropped.append((what, asked, param))
    return dropped


def read(
    months: list[dt.date],
    categories: pl.DataFrame,
    category_nl: Mapping[str, str],
    data_until: dt.date,
) -> cl.Filters:
    """The period and filter widgets, in rows that wrap: on a 1280 px projector screen with
    the sidebar open, what does not fit moves to the next line instead of being cut off."""
    dropped = dropped_from_link(cl.link_checks(months))
    start, end = read_period(months, data_until)

    bound: dict[str, Any] = {"required": True, "bind": "query-params"}
    with st.container(horizontal=True, key="caseload_filters"):
        line = st.segmented_control(
            "Lijn", list(cl.LINES), default=0, key=LINE, format_func=cl.LINES.get, **bound
        )
        line = 0 if line is None else line
        dropped += dropped_from_link(cl.category_link_check(categories, category_nl, line))
        options = cl.categories_for_line(categories, line)
        if st.session_state.get(CATEGORY, cl.ALL) not in options:
            st.session_state[CATEGORY] = cl.ALL
        category = st.selectbox(
            "Categorie",
            options,
            key=CATEGORY,
            bind="query-params",
            format_func=category_nl.__getitem__,
            width=CATEGORY_WIDTH,
        )
        party = st.segmented_control(
            "Wie nam contact op",
            list(cl.PARTIES),
            default=cl.ALL,
            key=PARTY,
            format_func=cl.party_label,
            **bound,
        )
    party = party or cl.ALL
    for what, asked, param in dropped:
        shown = {
            CHOICE: st.session_state[CHOICE],
            START: cl.month_label(start),
            END: cl.month_label(end),
            LINE: cl.LINES[line],
            CATEGORY: category_nl[category],
            PARTY: cl.party_label(party),
        }[param]
        chrome.say_url_value_dropped(what, asked, shown)

    return cl.Filters(start=start, end=end, line=line, category=category, party=party)
