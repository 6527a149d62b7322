"""Charts of trends: figure builders over the frames of `dashboard.reports.trends`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, WIDTH, Canvas
from dashboard.charts.groups import groups
from dashboard.charts.template import FONT_SIZE, MIN_FONT_SIZE, PALETTE
from dashboard.format import month_name, number, signed
from dashboard.reports import same_period
from dashboard.reports.trends import KINDS, SHORT_KINDS, decimals, definition_changes

SHOWN_COLOUR = PALETTE[0]
DIFFERENCE_COLOUR = PALETTE[1]
MARKER_COLOUR = "#555555"
PATTERNS = {"gegevens": "", "jaarverslag": "/", "lopend": "."}


COMPACT_YEARS = 4  # years named (and bars labelled) on a small chart
# The plot area a full-size trend has on a page at its narrowest (the main column at 1280
# pixels, less the value axis); on a canvas of known width, that width less its margins.
PAGE_PLOT_PX = fit.NARROWEST_FIGURE - 100
SMALL_PLOT_PX = fit.NARROWEST_FIGURE / 3 - 90
SLIDE_SIDE_PX = 200
MARK_GAP = 12  # pixels between two neighbouring year or value labels


def year_tick(
    row: Mapping[str, Any], data_until_short: str, *, compact: bool = False, words: bool = True
) -> str:
    """A year on the axis; a running year says up to when, a published one (with `words`)
    says so under it."""
    text = str(row["year"])
    if row["kind"] == "lopend":
        # a small chart has about 50 pixels a year at 1280: "t/m 22-11" on one line would
        # run into the year beside it
        text += f"<br>t/m<br>{data_until_short}" if compact else f"<br>t/m {data_until_short}"
    elif row["kind"] == "jaarverslag" and words:
        text += "<br>jaarverslag"
    return text


@dataclass(frozen=True)
class Room:
    """How much room a trend's years have: the plot's width and its text size, in pixels."""

    plot_px: float
    text_px: float

    @classmethod
    def of(cls, canvas: Canvas, *, panels: int = 1, small: bool = False) -> Room:
        """On a page the narrowest main column (a third of it for a `small` chart); on a
        slide its width, shared by `panels` charts side by side, with text as the slide
        scales it."""
        text = max(FONT_SIZE * canvas.text_scale, canvas.min_text)
        if canvas.medium == "screen":
            return cls(SMALL_PLOT_PX if small else PAGE_PLOT_PX, text)
        return cls(((canvas.width or WIDTH) - SLIDE_SIDE_PX) / panels - 40 * (panels - 1), text)

    def apart(self, years: list[int], labels: dict[int, str], order: list[int]) -> set[int]:
        """The years of `order` (most wanted first) whose `labels`, centred on their bars,
        keep MARK_GAP from every label kept before them."""
        bar = self.plot_px / max(len(years), 1)
        at = {y: i for i, y in enumerate(years)}
        width = {y: fit.text_width(labels[y], self.text_px) for y in order}
        kept: list[int] = []
        for y in order:
            if all(abs(at[y] - at[k]) * bar >= (width[y] + width[k]) / 2 + MARK_GAP for k in kept):
                kept.append(y)
        return set(kept)

    def named_years(
        self, years: list[int], worded: dict[int, str], plain: dict[int, str]
    ) -> tuple[set[int], bool]:
        """The years the axis names, and whether it names them `worded` (a published year
        says so under it) or `plain`: every year worded where all fit, else plain (the legend
        says what the hatching means), else every second, third, ... year back from the last."""
        if self.apart(years, worded, years) == set(years):
            return set(years), True
        for step in range(1, len(years) + 1):
            wanted = years[::-1][::step]
            if self.apart(years, plain, wanted) == set(wanted):
                return set(wanted), False
        return {years[-1]}, False

    def labelled_years(self, rows: pl.DataFrame, places: int) -> set[int]:
        """Every bar's value where all fit; else the values the story needs, most wanted
        first: the last year, the last complete one, the first of the present registration,
        the last before it, the first year, then the others from the newest back."""
        years = rows["year"].to_list()
        labels = {y: number(v, places) for y, v in zip(years, rows["value"], strict=True)}
        if self.apart(years, labels, years) == set(years):
            return set(years)
        complete = rows.filter(pl.col("kind") != "lopend")["year"].to_list()
        story = [years[-1], *complete[-1:]]
        for changed, _ in definition_changes(rows):
            story += [y for y in years if y >= changed][:1] + [y for y in years if y < changed][-1:]
        story += [years[0], *years[::-1]]
        return self.apart(years, labels, list(dict.fromkeys(story)))


def hover(row: Mapping[str, Any], places: int) -> str:
    text = f"{row['year']}: {number(row['value'], places)} ({KINDS[row['kind']]})"
    if row["status"] == "verschil":
        text += (
            f"<br>jaarverslag: {number(row['published_value'], places)}, "
            f"verschil {signed(row['difference'], places)}"
        )
    return text


def _trend_bars(
    rows: pl.DataFrame, places: int, labelled: set[int], names: Mapping[str, str]
) -> list[go.Bar]:
    """A bar trace per kind of year (computed, published, running), each filled its way and
    named by `names`; the `labelled` years carry their value above the bar."""
    bars = []
    for key, own in groups(rows, "kind", KINDS):
        bars.append(
            go.Bar(
                x=own["year"].to_list(),
                y=own["value"].to_list(),
                name=names[key],
                legendgroup=key,
                marker={
                    "color": SHOWN_COLOUR if key == "gegevens" else "white",
                    "line": {"color": SHOWN_COLOUR, "width": 2},
                    "pattern": {
                        "shape": PATTERNS[key],
                        "fgcolor": SHOWN_COLOUR,
                        "solidity": 0.3,
                    },
                },
                text=[
                    number(v, places) if y in labelled else ""
                    for y, v in zip(own["year"], own["value"], strict=True)
                ],
                textposition="outside",
                constraintext="none",  # as large as the axis labels, even over a narrow bar
                cliponaxis=False,
                hovertext=[hover(r, places) for r in own.iter_rows(named=True)],
                hoverinfo="text",
            )
        )
    return bars


def _published_marks(differing: pl.DataFrame, places: int, *, compact: bool) -> go.Scatter:
    """A diamond at each published value that differs; on a full-size chart, with its value."""
    return go.Scatter(
        x=differing["year"].to_list(),
        y=differing["published_value"].to_list(),
        name="jaarverslag wijkt af",
        legendgroup="verschil",
        mode="markers" if compact else "markers+text",
        marker={"symbol": "diamond", "size": 16, "color": DIFFERENCE_COLOUR},
        text=[f"jaarverslag {number(v, places)}" for v in differing["published_value"]],
        textposition="middle right",
        textfont={"color": DIFFERENCE_COLOUR, "size": MIN_FONT_SIZE},
        hovertext=[hover(r, places) for r in differing.iter_rows(named=True)],
        hoverinfo="text",
    )


def _year_axis(
    rows: pl.DataFrame, named: set[int], data_until_short: str, *, compact: bool, words: bool
) -> dict[str, Any]:
    """The `named` years as ticks; a small chart marks only the last year when it is running:
    its bar is not a whole year (where every year counts the same part of the year, the page
    says so)."""
    years = rows["year"].to_list()
    return {
        "tickvals": [y for y in years if y in named],
        "ticktext": [
            str(r["year"])
            if compact and (r["kind"] != "lopend" or r["year"] != years[-1])
            else year_tick(r, data_until_short, compact=compact, words=words)
            for r in rows.iter_rows(named=True)
            if r["year"] in named
        ],
        "tickangle": 0,
        "showgrid": False,
    }


@dataclass(frozen=True)
class TrendParts:
    """One measure's trend, ready to place: its traces, year axis, the dashed lines of a
    changed registration and the top of its value axis."""

    traces: list[go.Bar | go.Scatter]
    xaxis: dict[str, Any]
    changes: list[tuple[int, str]]
    top: float


def trend_parts(
    rows: pl.DataFrame,
    data_until_short: str,
    *,
    compact: bool = False,
    canvas: Canvas = SCREEN,
    panels: int = 1,
) -> TrendParts:
    """The pieces of `trend_figure` (see there), for a chart of its own or one of `panels`
    side by side on a slide. On a slide the legend names are short: its text is twice as
    large."""
    rows = rows.sort("year")
    places = decimals(rows["value"])
    years = rows["year"].to_list()
    if compact and canvas.medium == "screen":
        # A small chart is a third of the page wide: it names at most four years (the last
        # always), and with more than four bars labels only its last complete year's bar, so
        # no label touches another.
        complete = rows.filter(pl.col("kind") != "lopend")["year"]
        few = rows.height <= COMPACT_YEARS
        labelled = set(years) if few else {complete.max()}
        named, words = set(years[::-1][:: -(-len(years) // COMPACT_YEARS)]), False
    else:
        # Measured: every year named and labelled where the labels fit, else fewer
        room = Room.of(canvas, panels=panels)
        ticks = {
            words: {
                r["year"]: year_tick(r, data_until_short, compact=compact, words=words)
                for r in rows.iter_rows(named=True)
            }
            for words in (True, False)
        }
        named, words = room.named_years(years, ticks[True], ticks[False])
        labelled = room.labelled_years(rows, places)
    names = KINDS if canvas.medium == "screen" else SHORT_KINDS
    traces: list[go.Bar | go.Scatter] = [*_trend_bars(rows, places, labelled, names)]
    differing = rows.filter(status="verschil")
    if not differing.is_empty():
        traces.append(_published_marks(differing, places, compact=compact))
    changes = definition_changes(rows)
    if changes and not (compact and canvas.medium == "screen"):
        traces.append(_change_entry(changes, short=canvas.medium != "screen"))
    top = max(rows["value"].max() or 0, differing["published_value"].max() or 0)
    axis = _year_axis(rows, named, data_until_short, compact=compact, words=words)
    return TrendParts(traces, axis, changes, float(top))


def _change_entry(changes: list[tuple[int, str]], *, short: bool) -> go.Scatter:
    """The dashed line's entry in the legend: what changed, and on a page what that means.
    Its only point lies outside the axis, so it draws nothing in the plot."""
    what = changes[-1][1]
    return go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        legendgroup="registratie",
        name=what if short else f"{what}: de jaren ervoor tellen anders",
        line={"color": MARKER_COLOUR, "width": 2, "dash": "dash"},
        hoverinfo="skip",
    )


def trend_figure(
    rows: pl.DataFrame,
    title: str,
    data_until_short: str,
    *,
    compact: bool = False,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Bars per year for one measure: solid where computed, hatched where published only,
    dotted for the running year; a diamond marks a published value that differs, a dashed
    line (named in the legend) a change of registration.

    `compact` is for a small chart among others: years only on the axis and no legend (the
    page explains the fills and the dashed line once), the differing published value in its
    hover only. A full-size chart names and labels every year whose label fits beside the
    next one, measured for the narrowest page or the canvas.
    """
    parts = trend_parts(rows, data_until_short, compact=compact, canvas=canvas)
    fig = go.Figure(parts.traces)
    fig.update_layout(
        shapes=definition_lines(parts.changes),
        title={"text": title},
        height=340 if compact else 440,
        barmode="overlay",
        showlegend=not compact and len(fig.data) > 1,
        xaxis=parts.xaxis,
        # room above the tallest bar for its label
        yaxis={"range": [0, parts.top * 1.18 if parts.top > 0 else 1], "rangemode": "tozero"},
    )
    return fit.lay_out(fig, canvas)


def trend_pair_figure(
    rows: pl.DataFrame,
    titles: Mapping[str, str],
    data_until_short: str,
    *,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Two measures' trends side by side (`titles`: measure -> panel title), every year of
    the rows, each way of drawing a year and the dashed line once in one legend."""
    parts = [
        trend_parts(
            rows.filter(pl.col("measure") == measure),
            data_until_short,
            compact=True,
            canvas=canvas,
            panels=len(titles),
        )
        for measure in titles
    ]
    fig = make_subplots(rows=1, cols=len(parts), subplot_titles=list(titles.values()))
    seen: set[str] = set()
    for part in parts:
        for trace in part.traces:
            # an entry once, where the first panel has it
            trace.showlegend = trace.legendgroup not in seen
            seen.add(trace.legendgroup)
    # every trace at once: one validation of the figure instead of one per trace
    fig.add_traces(
        [t for part in parts for t in part.traces],
        rows=[1 for part in parts for _ in part.traces],
        cols=[col for col, part in enumerate(parts, 1) for _ in part.traces],
    )
    for col, part in enumerate(parts, 1):
        fig.update_xaxes(part.xaxis, row=1, col=col)
        fig.update_yaxes(range=[0, part.top * 1.18 if part.top > 0 else 1], row=1, col=col)
    fig.update_layout(
        shapes=[
            line
            for col, part in enumerate(parts, 1)
            for line in definition_lines(part.changes, "x" if col == 1 else f"x{col}")
        ],
        showlegend=len(seen) > 1,
        barmode="overlay",
    )
    return fit.lay_out(fig, canvas)


def definition_lines(changes: list[tuple[int, str]], xref: str = "x") -> list[dict]:
    """A dashed line just before each year where the definition changed, built as one list
    so the layout is set once (never add_shape in a loop). What changed stands in the legend
    (a note in the plot ran into the legend and the bars' labels)."""
    return [
        {
            "type": "line",
            "xref": xref,
            "yref": f"y{xref[1:]} domain",
            "x0": year - 0.5,
            "x1": year - 0.5,
            "y0": 0,
            "y1": 1,
            "line": {"color": MARKER_COLOUR, "width": 2, "dash": "dash"},
            # under the bars and their labels: it shows in the gap between two bars
            "layer": "below",
        }
        for year, _ in changes
    ]


SAME_PERIOD_PREVIOUS_COLOUR = "#AEB7C7"  # earlier years quiet, the running year in blue


def same_period_label(row: Mapping[str, Any]) -> str:
    return f"{row['year']} t/m {row['period_end'].day} {month_name(row['period_end'].month)}"


def same_period_figure(
    rows: pl.DataFrame, title: str, *, compact: bool = False, canvas: Canvas = SCREEN
) -> go.Figure:
    """One measure over the same period of every year of the data (report
    `trend_same_period`): 1 January up to the last data day's date, the running year in blue
    with its change against the same days a year earlier."""
    rows = rows.sort("year")
    places = decimals(rows["value"])
    running = rows["is_running_year"].to_list()

    def change(r: Mapping[str, Any]) -> str:
        if not r["is_running_year"]:
            return ""
        return same_period.change_text(r["value"], r["previous_value"]) or ""

    # a small chart has room for the year and the running year's change under its bar only;
    # the title and caption say up to which day every bar counts
    if compact:
        texts = [number(r["value"], places) for r in rows.iter_rows(named=True)]
        ticks = [
            f"{r['year']}<br>{change(r)}" if change(r) else str(r["year"])
            for r in rows.iter_rows(named=True)
        ]
    else:
        texts = [
            number(r["value"], places) + (f"<br>{change(r)}" if change(r) else "")
            for r in rows.iter_rows(named=True)
        ]
        ticks = [f"{r['year']}<br>t/m {r['period_end']:%d-%m}" for r in rows.iter_rows(named=True)]
    # ten years and more: only the labels that fit beside each other, the running year first
    years = rows["year"].to_list()
    room = Room.of(canvas, small=compact)
    by_year = dict(zip(years, ticks, strict=True))
    named, _ = room.named_years(years, by_year, by_year)
    values = dict(zip(years, texts, strict=True))
    labelled = room.apart(years, values, years)
    if labelled != set(years):
        # newest first; the first bar's label stands beside the value axis's labels
        labelled = room.apart(years, values, years[:0:-1])
    texts = [t if y in labelled else "" for y, t in zip(years, texts, strict=True)]
    ticks = [t for y, t in zip(years, ticks, strict=True) if y in named]
    hovers = [
        f"{same_period_label(r)}: {number(r['value'], places)}" + (f" ({words})" if words else "")
        for r in rows.iter_rows(named=True)
        for words in [same_period.change_words(r["value"], r["previous_value"], r["year"] - 1)]
    ]
    fig = go.Figure(
        go.Bar(
            x=rows["year"].to_list(),
            y=rows["value"].to_list(),
            marker_color=[SHOWN_COLOUR if r else SAME_PERIOD_PREVIOUS_COLOUR for r in running],
            text=texts,
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertext=hovers,
            hoverinfo="text",
            showlegend=False,
        )
    )
    top = rows["value"].max() or 0
    fig.update_layout(
        title={"text": title},
        height=340 if compact else 440,
        xaxis={
            "tickvals": [y for y in years if y in named],
            "ticktext": ticks,
            "tickangle": 0,
            "showgrid": False,
        },
        # room above the tallest bar for its label and the change under it
        yaxis={"range": [0, top * 1.3 if top > 0 else 1], "rangemode": "tozero"},
    )
    return fit.lay_out(fig, canvas)
