"""What every page shares: the page list, the cached database and reports, the chrome.

`PAGES` is the one definition of the navigation (the first page opens at "/"): `navigate()`
registers it with Streamlit and the tests run every page from it. The chrome is the title,
the demo banner, the year selector (kept in the URL as `?jaar=2025`) and the footer.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import charts, downloads
from dashboard.db import Database, open_database
from dashboard.format import MISSING, date_nl
from dashboard.importer.published import IMPORTED as IMPORTED_FIGURES
from dashboard.settings import REPORT_CACHE_SECONDS, data_dir_now, settings

YEAR_PARAM = "jaar"
# The footer's container gets the CSS class "st-key-voettekst"; the browser test waits for it.
FOOTER_KEY = "voettekst"
_YEAR_WIDGET = "jaar_keuze"

# The issues that build what is still missing, named on the pages until they land.
ISSUES = {
    3: "jaaroverzicht en caseload",
    4: "vakantiepieken",
    5: "landen",
    6: "mediation",
    7: "importeren en gegevens",
}


# Page scripts live in `page_scripts/`, not `pages/`: Streamlit treats a `pages/` folder beside
# the entry point as an old-style multipage app and, on a fresh server's first run and in every
# AppTest run, executes a page such as `pages/gegevens.py` on its own, without `app.py` around
# it (no banner, no year, no footer).
PAGE_SCRIPTS = "page_scripts"


@dataclass(frozen=True)
class PageSpec:
    url_path: str
    title: str
    icon: str

    @property
    def script(self) -> str:
        """The page script, relative to `app.py`; named after the page's URL."""
        return f"{PAGE_SCRIPTS}/{self.url_path}.py"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("jaaroverzicht", "Jaaroverzicht", ":material/summarize:"),
    PageSpec("trends", "Meerjarige trends", ":material/trending_up:"),
    PageSpec("caseload", "Caseload (zaken per maand)", ":material/bar_chart:"),
    PageSpec("vakantiepieken", "Vakantiepieken Lijn 1", ":material/flight:"),
    PageSpec("landen", "Dreiging en ontvoering per land", ":material/public:"),
    PageSpec("mediation", "Mediation", ":material/handshake:"),
    PageSpec("gegevens", "Gegevens", ":material/database:"),
)


START_URL_PATH = "start"


def _open_first_page() -> None:
    st.switch_page(PAGES[0].script, query_params=st.query_params.to_dict())


def navigate() -> st.Page:
    """Register `PAGES` with Streamlit and return the page this run shows.

    Streamlit serves its default page at "/" only, and answers "/<its url_path>" with a
    "page not found" dialog. So the default is a hidden start page that forwards to the first
    page (query string included): "/" and "/jaaroverzicht" both work, and shared links keep
    their year.
    """
    pages = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path) for p in PAGES]
    start = st.Page(
        _open_first_page,
        title=PAGES[0].title,
        url_path=START_URL_PATH,
        default=True,
        visibility="hidden",
    )
    page = st.navigation([start, *pages])
    if page.url_path == "":
        _open_first_page()
    return page


# -- data ---------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=3)
def _database(data_dir: Path, data_home: Path) -> Database:
    # data_home is part of the key: the views read imported annual figures from it
    return open_database(data_dir, data_home=data_home)


def database() -> Database:
    """The database of the version to show now: a connection per published version, so a new
    import shows on the next page load, and one page run never mixes two versions."""
    return _database(data_dir_now(), settings().data_home)


@st.cache_data(ttl=REPORT_CACHE_SECONDS, show_spinner=False)
def _report(
    data_dir: Path, data_home: Path, figures_stamp: int, name: str, **params: Any
) -> pl.DataFrame:
    return _database(data_dir, data_home).run(name, **params)


def report(name: str, **params: Any) -> pl.DataFrame:
    """The rows of `queries/reports/<name>.sql`, cached per data version, name and parameters.

    Imported annual figures change without a new data version, so their file's modification
    time is part of the key too.
    """
    return _report(data_dir_now(), settings().data_home, imported_figures_stamp(), name, **params)


def imported_figures_stamp() -> int:
    path = settings().data_home / IMPORTED_FIGURES
    return path.stat().st_mtime_ns if path.is_file() else 0


def export_meta() -> dict[str, Any]:
    return report("export_meta").row(0, named=True)


def available_years() -> list[int]:
    return report("available_years")["year"].to_list()


def default_year(years: Sequence[int], data_until: dt.date) -> int:
    """The last complete year (the year before the data end), else the latest there is."""
    last_complete = data_until.year - 1
    return last_complete if last_complete in years else max(years)


# -- chrome -------------------------------------------------------------------------------


def _dutch_list(items: Sequence[object]) -> str:
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def demo_notice(meta: Mapping[str, Any], years: Sequence[int]) -> str | None:
    """The banner text for a demo export, composed from its metadata; None for real data."""
    if not meta["is_demo"]:
        return None
    text = "Demonstratiegegevens — geen echte cijfers van Centrum IKO."
    extrapolated_from: dt.date | None = meta["extrapolated_from"]
    if extrapolated_from is None:
        return text
    calibrated = [y for y in years if y < extrapolated_from.year]
    if calibrated:
        verb = "is" if len(calibrated) == 1 else "zijn"
        text += (
            f" {_dutch_list(calibrated)} {verb} geijkt op het jaarverslag {max(calibrated)};"
            f" vanaf {date_nl(extrapolated_from)} doorgetrokken."
        )
    else:
        text += f" Vanaf {date_nl(extrapolated_from)} doorgetrokken."
    return text


def data_until_text(meta: Mapping[str, Any]) -> str:
    return f"Gegevens tot en met {date_nl(meta['data_until'])}"


# An export older than this is worth a word on every page: a week of Lijn 1 is a roster.
STALE_AFTER_DAYS = 7
TODAY_PARAM = "vandaag"  # ?vandaag=2026-12-01 shows the pages as on that day


def today() -> dt.date:
    """Today, or the day a link asks for (`?vandaag=2026-12-01`) to reproduce what was shown."""
    raw = st.query_params.get(TODAY_PARAM)
    try:
        return dt.date.fromisoformat(raw) if raw else dt.date.today()
    except ValueError:
        return dt.date.today()


def stale_notice(meta: Mapping[str, Any], on: dt.date) -> str | None:
    """One sentence when the data end more than STALE_AFTER_DAYS before `on`, else None."""
    data_until: dt.date = meta["data_until"]
    age = (on - data_until).days
    if age <= STALE_AFTER_DAYS:
        return None
    return (
        f"De gegevens zijn {age} dagen oud: ze lopen tot en met {date_nl(data_until)}, vandaag "
        f"is het {date_nl(on)}. Wat daarna gebeurde, staat nog op geen enkele pagina; een "
        "nieuwe export importeren kan op de pagina Gegevens."
    )


def header(title: str) -> None:
    """Page title and, for demo data, the banner that says so; a notice when the data are old."""
    st.title(title)
    meta = export_meta()
    notice = demo_notice(meta, available_years())
    if notice:
        st.warning(notice, icon=":material/science:")
    stale = stale_notice(meta, today())
    if stale:
        st.warning(stale, icon=":material/update:")


def footer() -> None:
    meta = export_meta()
    st.divider()
    with st.container(key=FOOTER_KEY):
        st.caption(
            f"{data_until_text(meta)} · export van {date_nl(meta['export_date'])} · Centrum IKO"
        )


def _year_from_url(years: Sequence[int]) -> int | None:
    raw = st.query_params.get(YEAR_PARAM)
    if raw is not None and raw.strip().isdigit() and int(raw) in years:
        return int(raw)
    return None


def _year_to_url() -> None:
    st.query_params[YEAR_PARAM] = str(st.session_state[_YEAR_WIDGET])


def year_selector() -> int:
    """The year every page shows, chosen in the sidebar and kept in the URL.

    The URL wins (a shared link opens on its year), then this session's choice (a page
    switch drops the query string), then the last complete year. The choice is written back
    to the URL on every run, so the address bar can always be shared as it is.
    """
    years = available_years()
    from_url = _year_from_url(years)
    if from_url is not None:
        st.session_state[_YEAR_WIDGET] = from_url
    elif st.session_state.get(_YEAR_WIDGET) not in years:
        st.session_state[_YEAR_WIDGET] = default_year(years, export_meta()["data_until"])
    year = st.sidebar.selectbox("Jaar", years, key=_YEAR_WIDGET, on_change=_year_to_url)
    st.query_params[YEAR_PARAM] = str(year)
    return year


def selected_year() -> int:
    """The year chosen by `year_selector` in this run (the entry point calls it first)."""
    return st.session_state[_YEAR_WIDGET]


def not_built_yet(issue: int, subject: str = "Deze pagina") -> None:
    """Say plainly which issue brings what is missing."""
    st.info(f"{subject} komt met issue #{issue} ({ISSUES[issue]}).", icon=":material/construction:")


# -- tables and charts --------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column to show: its Dutch header and how its values are written."""

    header: str
    text: Callable[[Any], str] | None = None
    width: Literal["small", "medium", "large"] | int | None = None  # int: pixels


def optional(fmt: Callable[[Any], str]) -> Callable[[Any], str]:
    """`fmt`, with "–" for a missing value (None, NaN, NaT)."""
    return lambda value: MISSING if value is None or pd.isna(value) else fmt(value)


def show_table(
    df: pl.DataFrame,
    columns: Mapping[str, Column],
    *,
    highlight: Callable[[Mapping[str, Any]], bool] | None = None,
) -> None:
    """`df` with Dutch headers and Dutch numbers; rows where `highlight` holds stand out.

    The values stay numbers for sorting; only what is shown is formatted.
    """
    frame = df.select(list(columns)).to_pandas()
    frame.columns = [c.header for c in columns.values()]
    styler = frame.style.format(
        {c.header: c.text for c in columns.values() if c.text is not None}
    ).hide(axis="index")
    if highlight is not None:
        marked = [highlight(row) for row in df.select(list(columns)).iter_rows(named=True)]
        styler = styler.apply(
            lambda row: [HIGHLIGHT_CSS if marked[row.name] else "" for _ in row], axis=1
        )
    st.dataframe(
        styler,
        hide_index=True,
        height="content",
        placeholder=MISSING,
        column_config={c.header: st.column_config.Column(width=c.width) for c in columns.values()},
    )


HIGHLIGHT_CSS = "background-color: #FCE9C8; font-weight: bold"


# Figures kept for all sessions: a page has a dozen, a few versions of each by its filters.
FIGURE_CACHE_ENTRIES = 400


@st.cache_resource(show_spinner=False, max_entries=FIGURE_CACHE_ENTRIES, ttl=REPORT_CACHE_SECONDS)
def _figure(module: str, name: str, args: tuple, kwargs: dict[str, Any]) -> go.Figure:
    return getattr(importlib.import_module(module), name)(*args, **kwargs)


def figure(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """`builder(*args, **kwargs)`, built once for these arguments and shared by every session.

    A chart builder is a pure function of the frames and options it is given (which come from
    the reports of one data version), so the same arguments give the same figure; building
    one costs far more than the queries behind it. The figure is shared: show it, never
    change it (ask the builder for a variant instead).
    """
    return _figure(builder.__module__, builder.__qualname__, args, kwargs)


def show_chart(fig: go.Figure, *, config: Mapping[str, Any] | None = None, **events: Any) -> Any:
    """A figure with our template as made, not restyled by Streamlit's chart theme.

    `config` adds plotly.js options, e.g. `topojsonURL` for a map drawn from our own outlines.
    `events` go to `st.plotly_chart` as they are (`key`, `on_select`, `selection_mode`); with
    `on_select` the chart's selection state is returned.
    """
    return st.plotly_chart(
        fig,
        theme=None,
        config={"displaylogo": False, **charts.PLOTLY_CONFIG_NL, **(config or {})},
        **events,
    )


# -- file uploads -------------------------------------------------------------------------

# Streamlit's uploader has English texts and no parameter for them (streamlit issue #13500).
# This removes each English text and shows Dutch in its place (screen readers get the Dutch
# only), found by the uploader's data-testid attributes in Streamlit 1.67. The drag overlay has
# none: it is the only span directly in a div of the drop zone, and keeps its text, shrunk to
# nothing, to keep its colour. Only text changes, so the button and the drop zone work as
# before; should the attributes change, the English shows again.
_UPLOADER_NL_CSS = """
.st-key-{key} button [data-testid="stMarkdownContainer"] > p,
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] > div > span {{
    display: none;
}}
.st-key-{key} button [data-testid="stMarkdownContainer"]::after {{
    content: "{button}";
    font-size: 0.875rem;
}}
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
    content: "{drop}\\A {types}, tot {mb} MB per bestand";
    white-space: pre;
    font-size: 0.875rem;
    opacity: 0.7; /* the faded text colour of the span it replaces */
}}
.st-key-{key} [data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span {{
    font-size: 0;
}}
.st-key-{key} [data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span::after {{
    content: "{drop}";
    font-size: 0.875rem;
}}
"""


def file_uploader_nl(
    label: str, types: Sequence[str], *, key: str, types_nl: str, multiple: bool = False
) -> Any:
    """`st.file_uploader` with its button and instructions in Dutch; `types_nl` names the
    accepted types for people ("CSV, XLSX of Parquet")."""
    button, drop = (
        ("Bestanden kiezen", "Sleep bestanden hierheen")
        if multiple
        else ("Bestand kiezen", "Sleep een bestand hierheen")
    )
    css = _UPLOADER_NL_CSS.format(
        key=key,
        button=button,
        drop=drop,
        types=types_nl,
        mb=st.get_option("server.maxUploadSize"),
    )
    st.html(f"<style>{css}</style>")
    return st.file_uploader(label, type=list(types), accept_multiple_files=multiple, key=key)


# -- downloads ----------------------------------------------------------------------------


def download_buttons(
    table: pl.DataFrame,
    stem: str,
    sheet: str,
    *,
    notes: Sequence[str] = (),
    until: dt.date | None = None,
    what: str = "",
) -> None:
    """CSV and Excel buttons side by side. The file names say demo and, with `until`, that a
    year is counted only up to that day; the Excel file has a sheet with those facts and
    `notes`. `what` goes after "Download" on the buttons ("Download tabel als CSV")."""
    meta = export_meta()
    name = downloads.file_stem(stem, meta, until=until)
    label = f"Download {what} als" if what else "Download als"
    left, right = st.columns(2)
    left.download_button(
        f"{label} CSV", downloads.csv_bytes(table), file_name=f"{name}.csv", mime="text/csv"
    )
    right.download_button(
        f"{label} Excel",
        downloads.excel_bytes(table, sheet, downloads.notes(meta, *notes)),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
