"""What pages show data with: tables, a chart with its slide button, downloads, the uploader.

Every table is shown and downloaded through `show_table`; in publication mode the tables,
downloads and slide PNGs release only protected counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import chart_element, downloads, publication
from dashboard.charts import fit, template
from dashboard.chrome import PAGE_KEY, published
from dashboard.data import export_meta
from dashboard.format import MISSING
from dashboard.presentation.slides import ChartPeriod, ChartSlide
from dashboard.settings import REPORT_CACHE_SECONDS, settings

# -- tables and charts --------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column to show: its Dutch header and how its values are written.

    Without `width` the column is as wide as its header and its widest value (see
    `column_widths`), with `at_most` (pixels) no wider than that where the page is narrow:
    a longer text is cut there, and shows whole when its cell is clicked or the window is
    wider. `help` is shown on the header, e.g. what a short header stands for.
    """

    header: str
    text: Callable[[Any], str] | None = None
    width: Literal["small", "medium", "large"] | int | None = None  # int: pixels
    at_most: int | None = None
    help: str | None = None


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


# Streamlit 1.67's data grid: 14 px text, 8.5 px padding either side of it, a border.
# (It wraps text only in rows taller than 4rem, and tried so did not wrap our Styler tables.)
GRID_TEXT_PX = 14
GRID_CELL_PAD = 2 * 8.5 + 1 + fit.SPARE
GRID_BORDER = 2
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}  # st.column_config's


def _shown_texts(df: pl.DataFrame, name: str, column: Column) -> list[str]:
    values = df.get_column(name).to_list()
    return [
        MISSING if v is None else column.text(v) if column.text is not None else str(v)
        for v in values
    ]


def _text_px(text: str, *, bold: bool = False) -> float:
    return fit.text_width(text, GRID_TEXT_PX) * (fit.BOLD if bold else 1.0) + GRID_CELL_PAD


def column_widths(
    df: pl.DataFrame, columns: Mapping[str, Column], *, bold: bool = False
) -> dict[str, int]:
    """Each column's width in pixels as the grid starts it.

    A column is as wide as its header and its widest value (`bold`: some rows are bold), a
    `at_most` column no wider than that unless its header is; the grid then stretches every
    column alike to fill the width it is given. So a table is as wide as its columns need
    and no wider, and side by side tables know when they fit (`side_by_side`). Measured
    with the font Streamlit draws the grid in (the one the charts ship).
    """
    widths: dict[str, int] = {}
    for name, column in columns.items():
        if column.width is not None:
            widths[name] = NAMED_WIDTHS.get(column.width, column.width)  # type: ignore[arg-type]
            continue
        header = _text_px(column.header)
        widest = max((_text_px(t, bold=bold) for t in _shown_texts(df, name, column)), default=0)
        if column.at_most is not None:
            widest = min(widest, column.at_most)
        widths[name] = math.ceil(max(header, widest))
    return widths


def table_width(df: pl.DataFrame, columns: Mapping[str, Column], *, bold: bool = False) -> int:
    """The least width `show_table` shows `df` in without a sideways scroll."""
    return sum(column_widths(df, columns, bold=bold).values()) + GRID_BORDER


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
    df, columns = _released(df, columns, download)
    widths = column_widths(df, columns, bold=highlight is not None)
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
        column_config={
            c.header: st.column_config.Column(width=widths[name], help=c.help)
            for name, c in columns.items()
        },
    )
    download_buttons(table_for_download(df, columns), download, download, notes=notes, until=until)


def _counts(column: Column) -> bool:
    """Whether a column of integers counts people or cases: not one written as it is (a
    year) and not one written as a percentage or a change."""
    if column.text is str:
        return False
    if column.text is None:
        return True
    written = column.text(3)
    return "%" not in written and not written.startswith(("+", "-", "−"))


def _released(
    df: pl.DataFrame, columns: Mapping[str, Column], name: str
) -> tuple[pl.DataFrame, Mapping[str, Column]]:
    """In publication mode the table as released: its counts protected together (see
    `disclosure.protect_table`), the same on screen and in its downloads."""
    rules = published()
    if rules is None:
        return df, columns
    integers = [n for n in columns if n in df.columns and df.schema[n].is_integer()]
    counts = publication.count_columns_of(df, [n for n in integers if _counts(columns[n])])
    df, texts = publication.protect_table(
        df, name, rules.threshold, rules.min_denominator, counts,
        {n: c.header for n, c in columns.items()},
    )  # fmt: skip
    return df, {n: dataclasses.replace(c, text=None) if n in texts else c
                for n, c in columns.items()}  # fmt: skip


def tables_side_by_side(
    key: str, tables: Sequence[tuple[pl.DataFrame, Mapping[str, Column]]]
) -> list[DeltaGenerator]:
    """A container for each of `tables` (rows and columns, for `show_table` with its title
    and caption), next to each other where each table fits whole (`table_width`, its rows
    taken as bold to be safe), else one under the other: the row wraps by the width it gets,
    so with the sidebar open on a laptop, and not on a wide screen."""
    widths = [table_width(df, columns, bold=True) for df, columns in tables]
    # The flex items of Streamlit 1.67's horizontal container are layout wrappers around
    # each keyed container; the row itself wraps.
    blocks = "\n".join(
        f".st-key-{key} > div:has(> .st-key-{key}_{i}) "
        f"{{ flex: 1 1 {w}px; min-width: min(100%, {w}px); }}"
        for i, w in enumerate(widths)
    )
    st.html(f"<style>{blocks}</style>")
    row = st.container(horizontal=True, gap="medium", key=key)
    return [row.container(key=f"{key}_{i}") for i in range(len(widths))]


def nothing_selected(what: str = "zaken") -> None:
    """What a page shows instead of an empty chart or a table of zeros."""
    st.info(f"Geen {what} in deze selectie.", icon=":material/filter_alt_off:")


def captioned_chart(
    builder: Callable[..., go.Figure],
    *args: Any,
    title: str,
    period: ChartPeriod,
    caption: str,
    counts_protected: bool = False,
    config: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """The chart `builder(*args, **kwargs)` with its slide button (see `show_chart`) and,
    under it, the caption that says what it counts: the block most charts on a page are."""
    show_chart(
        figure(builder, *args, **kwargs),
        title=title,
        period=period,
        counts_protected=counts_protected,
        config=config,
    )
    st.caption(caption)


HIGHLIGHT_CSS = "background-color: #FCE9C8; font-weight: bold"


# Figures kept for all sessions: a page has a dozen, a few versions of each by its filters.
FIGURE_CACHE_ENTRIES = 400


@st.cache_resource(show_spinner=False, max_entries=FIGURE_CACHE_ENTRIES, ttl=REPORT_CACHE_SECONDS)
def _figure(module: str, name: str, args: tuple, kwargs: dict[str, Any]) -> go.Figure:
    builder = getattr(importlib.import_module(module), name)
    fig = builder(*args, **kwargs)  # laid out for the screen (see dashboard.charts.fit)
    # how to build it again for another canvas: the slide download asks for it on a click
    fig._for_canvas = functools.partial(builder, *args, **kwargs)
    return fig


def figure(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """`builder(*args, **kwargs)` for the screen, built once for these arguments and shared
    by every session; `show_chart` builds it again for a slide (`for_canvas`).

    A chart builder is a pure function of the frames and options it is given (which come from
    the reports of one data version), so the same arguments give the same figure; building
    one costs far more than the queries behind it. The figure is shared: show it, never
    change it (ask the builder for a variant instead).
    """
    return _figure(builder.__module__, builder.__qualname__, args, kwargs)


def for_canvas(fig: go.Figure) -> Callable[..., go.Figure]:
    """The builder call that made `fig` (through `figure`), waiting for a `canvas=`."""
    build = getattr(fig, "_for_canvas", None)
    if build is None:
        raise TypeError("a chart with a slide download is built through widgets.figure")
    return build


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
    the chart element (`key`, `on_select`, `selection_mode`), which the setting
    `chart_element` chooses: `dashboard.chart_element` or `st.plotly_chart`; with `on_select`
    the chart's selection state is returned.
    """
    config = {"displaylogo": False, **template.PLOTLY_CONFIG_NL, **(config or {})}
    if settings().chart_element == "eigen":
        state = chart_element.show(fig, config, name=title or "", **events)
    else:
        state = st.plotly_chart(fig, theme=None, config=config, **events)
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
    `title`, the period, the source, the data date and, for demo data, the demo mark, built
    again for the slide by the builder that made `fig` (`figure`); in
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
        functools.partial(_chart_png, for_canvas(fig), chart),
        file_name=chart.file_name,
        mime="image/png",
        key=key,
        on_click="ignore",
        icon=":material/slideshow:",
        type="tertiary",
        help=f"„{title}” als dia van 16:9 met periode, bron en datum van de gegevens",
    )


def _chart_png(build: Callable[..., go.Figure], chart: ChartSlide) -> bytes:
    # imported here: kaleido and python-pptx load only when someone downloads
    from dashboard.presentation.render import chart_png

    return chart_png(build, chart)


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
