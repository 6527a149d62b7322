"""What every page shares: the page list, the cached database and reports, the chrome.

`PAGES` is the one definition of the navigation (the first page opens at "/"): `navigate()`
registers it with Streamlit and the tests run every page from it. The chrome is the title,
the demo banner, the year selector (bound to the URL as `?jaar=2025`, on the pages the year
changes) and the footer; every table is shown and downloaded through `show_table`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import charts, downloads, margins, publication
from dashboard.contract import CURRENT_ERA_FROM
from dashboard.db import Database, open_database
from dashboard.format import MISSING, date_nl
from dashboard.importer.published import IMPORTED as IMPORTED_FIGURES
from dashboard.pages import PAGE_SCRIPTS, PAGES, PageSpec  # noqa: F401
from dashboard.settings import REPORT_CACHE_SECONDS, data_dir_now, settings
from dashboard.slides import ChartPeriod, ChartSlide

# The year widget's key: Streamlit binds it to the URL parameter of the same name.
YEAR_PARAM = "jaar"
# The footer's container gets the CSS class "st-key-voettekst"; the browser test waits for it.
FOOTER_KEY = "voettekst"
# The URL path of the page this run shows ("caseload"): the start of a chart's file name.
PAGE_KEY = "_pagina"


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
    st.session_state[PAGE_KEY] = page.url_path
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


# Shared by every session as the same object (a polars frame is not changed in place; every
# page derives new frames from it): cache_data would unpickle a copy for each call, on every
# run of every session.
@st.cache_resource(ttl=REPORT_CACHE_SECONDS, show_spinner=False)
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


def forget_reports() -> None:
    """Drop every cached report (after an import: the old version's rows are not needed)."""
    _report.clear()


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
    # demo history (generate --since) is shaped by older reports, not calibrated on the latest
    history = [y for y in years if y < CURRENT_ERA_FROM.year]
    if history:
        text += (
            f" {history[0]}–{history[-1]} volgen de registratie van toen en de gepubliceerde "
            "reeksen" + (" (2020 geijkt op het jaarverslag 2020)" if 2020 in history else "") + ";"
        )
    calibrated = [y for y in years if CURRENT_ERA_FROM.year <= y < extrapolated_from.year]
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
        st.html(_DUTCH_CHROME, unsafe_allow_javascript=True)


# What Streamlit writes in English and offers no parameter for. The page declares lang="en"
# (screen readers then read Dutch with English pronunciation); the skip link, the full-screen
# button of every chart and the labels screen readers read (help buttons, the sidebar, number
# and date inputs) are English; the toolbar of a table ("Download as CSV", "Search",
# "Show/hide columns") is replaced by our own download buttons under every table (semicolons
# and decimal commas for Dutch Excel). The script finds them by the attributes and texts of
# Streamlit 1.67 and keeps watching, because Streamlit draws them anew; should they change,
# the English shows again. What remains English is listed in the README.
_DUTCH_CHROME = """
<style>
[data-testid="stDataFrame"] [data-testid="stElementToolbar"] { display: none; }
</style>
<script>
(() => {
  const dutch = [
    [/^Fullscreen$/, "Volledig scherm"],
    [/^Close fullscreen$/, "Volledig scherm sluiten"],
    [/^Skip to main content$/, "Naar de inhoud"],
    [/^Help for (.*)$/, "Uitleg bij $1"],
    [/^Link to heading$/, "Link naar deze kop"],
    [/^App pages$/, "Pagina's"],
    [/^Sidebar$/, "Zijbalk"],
    [/^Collapse sidebar$/, "Zijbalk inklappen"],
    [/^Expand sidebar$/, "Zijbalk uitklappen"],
    [/^Open$/, "Openen"],
    [/^Increment$/, "Meer"],
    [/^Decrement$/, "Minder"],
    [/^Choose date$/, "Kies een datum"],
    [/^Choose an option$/, "Kies een optie"],
    [/^day, (.*)$/, "dag, $1"],
    [/^month, (.*)$/, "maand, $1"],
    [/^year, (.*)$/, "jaar, $1"],
    [/^file upload$/, "bestand uploaden"],
  ];
  const inDutch = (text) => {
    for (const [english, nl] of dutch) if (english.test(text)) return text.replace(english, nl);
    return null;
  };
  const names = ["aria-label", "title", "data-title", "placeholder"];
  const translate = () => {
    if (document.documentElement.lang !== "nl") document.documentElement.lang = "nl";
    for (const el of document.querySelectorAll(names.map((n) => `[${n}]`).join(","))) {
      for (const name of names) {
        const text = el.hasAttribute(name) && inDutch(el.getAttribute(name));
        if (text) el.setAttribute(name, text);
      }
    }
    const skip = document.querySelector('[data-testid="stSkipToContent"]');
    const text = skip && inDutch(skip.textContent);
    if (text) skip.textContent = text;
  };
  translate();
  if (window.ikoDutchChrome) return;
  window.ikoDutchChrome = true;
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; translate(); });
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["lang", ...names],
  });
})();
</script>
"""


def page_spec(page: st.Page) -> PageSpec | None:
    """The `PAGES` entry of the page Streamlit runs (None for the hidden start page)."""
    return next((p for p in PAGES if p.url_path == page.url_path), None)


def year_selector() -> int:
    """The year the page shows, chosen in the sidebar and bound to the URL (`?jaar=2024`).

    Streamlit keeps widget and URL in step: a shared link opens on its year, and a year the
    data does not have is dropped from the URL (the page says so). The default, the last
    complete year, is left out of the URL. The choice outlives a visit to a page without the
    year (`persist_state`), so coming back shows the year chosen before.
    """
    years = available_years()
    default = default_year(years, export_meta()["data_until"])
    asked = unusable_url_value(YEAR_PARAM, lambda raw: raw in {str(y) for y in years})
    year = st.sidebar.selectbox(
        "Jaar",
        years,
        index=years.index(default),
        key=YEAR_PARAM,
        bind="query-params",
        persist_state="session",
    )
    if asked is not None:
        say_url_value_dropped("jaar", asked, str(year))
    return year


def selected_year() -> int:
    """The year chosen by `year_selector` in this run (the entry point calls it first)."""
    return st.session_state[YEAR_PARAM]


PUBLICATION_KEY = "publicatie"  # the URL parameter too: ?publicatie=1


def publication_rules() -> publication.Publication:
    return publication.Publication(threshold=settings().publication_threshold)


def publication_selector() -> None:
    """The sidebar toggle "Publicatiemodus", kept in the URL, and the banner when it is on.

    Streamlit writes a bound toggle as "true"; "?publicatie=1" (the form people type and
    share) is read here first, because the binding would drop it as no boolean.
    """
    if st.query_params.get(PUBLICATION_KEY, "").strip().lower() in {"1", "ja", "aan"}:
        st.session_state[PUBLICATION_KEY] = True
    on = st.sidebar.toggle(
        "Publicatiemodus",
        key=PUBLICATION_KEY,
        bind="query-params",
        help="Voor wat naar buiten gaat: kleine aantallen afgeschermd, ook in downloads.",
    )
    if on:
        st.info(publication_rules().banner, icon=":material/shield_lock:")


def published() -> publication.Publication | None:
    """The publication rules when publication mode is on in this run, else None (staff see
    every number as it is). The presentation and the deck use `publication_rules` always."""
    if st.session_state.get(PUBLICATION_KEY):
        return publication_rules()
    return None


# -- the URL ------------------------------------------------------------------------------


def unusable_url_value(
    param: str, usable: Callable[[str], bool], *, older: Callable[[str], Any] | None = None
) -> str | None:
    """The value a link gives `param` if the widget bound to it will drop it, else None.

    Call it before the widget: Streamlit drops an invalid bound value silently, and a shared
    link that shows something else than was shared must say so. `older` reads a value as
    links wrote it before Streamlit kept the widgets in the URL (`?van=2024-12`, now
    `?van=december+2024`); what it reads (not None) goes to the widget through the session
    state, so such a link still opens as it was shared.
    """
    raw = st.query_params.get(param)
    # Only a link is checked: once the widget has a value, the URL follows the widget (and
    # may for a moment still hold a value the widget has left).
    if raw is None or usable(raw) or param in st.session_state:
        return None
    value = None if older is None else older(raw)
    if value is None:
        return raw
    st.session_state[param] = value
    return None


def say_url_value_dropped(what: str, asked: str, shown: str) -> None:
    st.info(
        f"De link vroeg om {what} „{asked}”; die waarde kent deze pagina niet, dus staat hier "
        f"{shown}.",
        icon=":material/link_off:",
    )


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


# A number as `dashboard.format.number` writes it: "1.234", "156,6", "-3" (or "−3").
_DUTCH_NUMBER = re.compile(r"[+\-−]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


def _dutch_number(text: str) -> int | float | None:
    if not _DUTCH_NUMBER.fullmatch(text):
        return None
    plain = text.replace("−", "-").replace(".", "").replace(",", ".")
    return float(plain) if "." in plain else int(plain)


def _as_shown(df: pl.DataFrame, columns: Mapping[str, Column], *, text: bool) -> pl.DataFrame:
    """`df`'s columns with numbers rounded as the page writes them ("156,6" -> 156.6), so a
    copied range or a download holds what the screen shows. A column whose text is not a
    plain number (a date, "38 (1)", "+3 %") keeps its values, or with `text` becomes that
    text."""
    out = df.select(list(columns))
    for name, column in columns.items():
        if column.text is None or not (out[name].dtype.is_numeric() or text):
            continue
        shown = [column.text(v) if v is not None else None for v in out[name].to_list()]
        parsed = [None if t in (None, MISSING) else _dutch_number(t) for t in shown]
        if out[name].dtype.is_numeric() and all(
            p is not None or t in (None, MISSING) for p, t in zip(parsed, shown, strict=True)
        ):
            dtype = pl.Float64 if any(isinstance(p, float) for p in parsed) else pl.Int64
            out = out.with_columns(pl.Series(name, parsed, dtype=dtype))
        elif text:
            out = out.with_columns(
                pl.Series(name, [None if t == MISSING else t for t in shown], dtype=pl.String)
            )
    return out


def table_for_download(df: pl.DataFrame, columns: Mapping[str, Column]) -> pl.DataFrame:
    """The table as `show_table` shows it, for a file: Dutch headers, numbers rounded as on
    screen (still numbers, so Excel can add them up), everything else as the text shown."""
    out = _as_shown(df, columns, text=True)
    return out.rename({name: c.header for name, c in columns.items()})


def show_table(
    df: pl.DataFrame,
    columns: Mapping[str, Column],
    *,
    download: str,
    highlight: Callable[[Mapping[str, Any]], bool] | None = None,
    notes: Sequence[str] = (),
    until: dt.date | None = None,
) -> None:
    """`df` with Dutch headers and Dutch numbers, and buttons that download it as shown (file
    name `download`, see `download_buttons`); rows where `highlight` holds stand out.

    The cells hold numbers rounded as they are written, for sorting and for a copied range
    that pastes as shown; only what is shown is formatted.
    """
    frame = _as_shown(df, columns, text=False).to_pandas()
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
    download_buttons(table_for_download(df, columns), download, download, notes=notes, until=until)


def nothing_selected(what: str = "zaken") -> None:
    """What a page shows instead of an empty chart or a table of zeros."""
    st.info(f"Geen {what} in deze selectie.", icon=":material/filter_alt_off:")


HIGHLIGHT_CSS = "background-color: #FCE9C8; font-weight: bold"


# Figures kept for all sessions: a page has a dozen, a few versions of each by its filters.
FIGURE_CACHE_ENTRIES = 400


@st.cache_resource(show_spinner=False, max_entries=FIGURE_CACHE_ENTRIES, ttl=REPORT_CACHE_SECONDS)
def _figure(module: str, name: str, args: tuple, kwargs: dict[str, Any]) -> go.Figure:
    # with the room for its labels set, so the browser draws it once (see dashboard.margins)
    return margins.reserve(getattr(importlib.import_module(module), name)(*args, **kwargs))


def figure(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """`builder(*args, **kwargs)`, built once for these arguments and shared by every session.

    A chart builder is a pure function of the frames and options it is given (which come from
    the reports of one data version), so the same arguments give the same figure; building
    one costs far more than the queries behind it. The figure is shared: show it, never
    change it (ask the builder for a variant instead).
    """
    return _figure(builder.__module__, builder.__qualname__, args, kwargs)


def show_chart(
    fig: go.Figure,
    *,
    title: str | None = None,
    period: ChartPeriod | None = None,
    counts_protected: bool = False,
    config: Mapping[str, Any] | None = None,
    **events: Any,
) -> Any:
    """A figure with our template as made, not restyled by Streamlit's chart theme.

    With `title` and `period` (what the chart shows, and when), a button under it downloads
    the chart as a slide (see `slide_download`); `counts_protected` says that in publication
    mode the figure hides counts under the threshold (or shows none). `config` adds plotly.js
    options, e.g. `topojsonURL` for a map drawn from our own outlines. `events` go to
    `st.plotly_chart` as they are (`key`, `on_select`, `selection_mode`); with `on_select`
    the chart's selection state is returned.
    """
    state = st.plotly_chart(
        fig,
        theme=None,
        config={"displaylogo": False, **charts.PLOTLY_CONFIG_NL, **(config or {})},
        **events,
    )
    if title is not None and period is not None:
        # a chart with a key (one drawn twice on a page) gives its button a key too
        key = events.get("key")
        slide_download(
            fig,
            title,
            period,
            counts_protected=counts_protected,
            key=None if key is None else f"{key}_dia",
        )
    return state


def slide_download(
    fig: go.Figure,
    title: str,
    period: ChartPeriod,
    *,
    counts_protected: bool = False,
    key: str | None = None,
) -> None:
    """ "Dia (PNG)": the chart as a slide of the lecture (1280 x 720 at twice the pixels) with
    `title`, the period, the source, the data date and, for demo data, the demo mark; in
    publication mode the figure as shown, and only a figure whose small counts are protected
    (`counts_protected`): a PNG is a file that leaves the building. The PNG is rendered when
    the button is clicked, never during a page run, and the click does not rerun the page."""
    meta = export_meta()
    rules = published()
    if rules is not None and not counts_protected:
        st.download_button(
            "Dia (PNG)",
            b"",
            key=key,
            disabled=True,
            icon=":material/slideshow:",
            type="tertiary",
            help=f"„{title}” niet als dia in publicatiemodus: deze grafiek schermt aantallen "
            f"onder {rules.threshold} niet af.",
        )
        return
    chart = ChartSlide.of(
        title,
        period,
        st.session_state.get(PAGE_KEY, "dashboard"),
        data_until=meta["data_until"],
        is_demo=bool(meta["is_demo"]),
        published=rules is not None,
    )
    st.download_button(
        "Dia (PNG)",
        functools.partial(_chart_png, fig, chart),
        file_name=chart.file_name,
        mime="image/png",
        key=key,
        on_click="ignore",
        icon=":material/slideshow:",
        type="tertiary",
        help=f"„{title}” als dia van 16:9 met periode, bron en datum van de gegevens",
    )


def _chart_png(fig: go.Figure, chart: ChartSlide) -> bytes:
    # imported here: kaleido and python-pptx load only when someone downloads
    from dashboard.deck import chart_png

    return chart_png(fig, chart)


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
    `notes`. `what` goes after "Download" on the buttons ("Download tabel als CSV").

    The files are made when a button is clicked, not on every run, and a click does not rerun
    the page.
    """
    meta = export_meta()
    name = downloads.file_stem(stem, meta, until=until)
    rules = published()
    if rules is not None:
        # a file made in publication mode is for publication: small counts go as "<5"
        table = publication.protect_frame(table, rules)
        notes = (*notes, rules.banner)
        name += "-publicatie"
    label = f"Download {what} als" if what else "Download als"
    all_notes = downloads.notes(meta, *notes)
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            f"{label} CSV",
            lambda: downloads.csv_bytes(table),
            file_name=f"{name}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            type="tertiary",
        )
        st.download_button(
            f"{label} Excel",
            lambda: downloads.excel_bytes(table, sheet, all_notes),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
            icon=":material/download:",
            type="tertiary",
        )
