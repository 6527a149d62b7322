"""Charts of trends: figure builders over the frames of `dashboard.reports.trends`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.groups import groups
from dashboard.charts.template import MIN_FONT_SIZE, PALETTE
from dashboard.format import change_pct, month_name, number, signed
from dashboard.reports.trends import KINDS, decimals, definition_changes

SHOWN_COLOUR = PALETTE[0]
DIFFERENCE_COLOUR = PALETTE[1]
MARKER_COLOUR = "#555555"
PATTERNS = {"gegevens": "", "jaarverslag": "/", "lopend": "."}


COMPACT_YEARS = 4  # years named (and bars labelled) on a small chart


def year_tick(row: Mapping[str, Any], data_until_short: str, *, compact: bool = False) -> str:
    text = str(row["year"])
    if row["kind"] == "lopend":
        # a small chart has about 50 pixels a year at 1280: "t/m 22-11" on one line would
        # run into the year beside it
        text += f"<br>t/m<br>{data_until_short}" if compact else f"<br>t/m {data_until_short}"
    elif row["kind"] == "jaarverslag":
        text += "<br>jaarverslag"
    return text


def hover(row: Mapping[str, Any], places: int) -> str:
    text = f"{row['year']}: {number(row['value'], places)} ({KINDS[row['kind']]})"
    if row["status"] == "verschil":
        text += (
            f"<br>jaarverslag: {number(row['published_value'], places)}, "
            f"verschil {signed(row['difference'], places)}"
        )
    return text


def _trend_bars(rows: pl.DataFrame, places: int, labelled: set[int]) -> list[go.Bar]:
    """A bar trace per kind of year (computed, published, running), each filled its way; the
    `labelled` years carry their value above the bar."""
    bars = []
    for key, own in groups(rows, "kind", KINDS):
        bars.append(
            go.Bar(
                x=own["year"].to_list(),
                y=own["value"].to_list(),
                name=KINDS[key],
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
        mode="markers" if compact else "markers+text",
        marker={"symbol": "diamond", "size": 16, "color": DIFFERENCE_COLOUR},
        text=[f"jaarverslag {number(v, places)}" for v in differing["published_value"]],
        textposition="middle right",
        textfont={"color": DIFFERENCE_COLOUR, "size": MIN_FONT_SIZE},
        hovertext=[hover(r, places) for r in differing.iter_rows(named=True)],
        hoverinfo="text",
    )


def _year_axis(
    rows: pl.DataFrame, named: set[int], data_until_short: str, *, compact: bool
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
            else year_tick(r, data_until_short, compact=compact)
            for r in rows.iter_rows(named=True)
            if r["year"] in named
        ],
        "tickangle": 0,
        "showgrid": False,
    }


def trend_figure(
    rows: pl.DataFrame,
    title: str,
    data_until_short: str,
    *,
    compact: bool = False,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Bars per year for one measure: solid where computed, hatched where published only,
    dotted for the running year; a diamond marks a published value that differs.

    `compact` is for a small chart among others: years only on the axis and no legend (the
    page explains the fills once), the differing published value in its hover only.
    """
    rows = rows.sort("year")
    places = decimals(rows["value"])
    # A small chart is a third of the page wide: it names at most four years (the last
    # always), and with more than four bars labels only its last complete year's bar, so no
    # label touches another.
    complete = rows.filter(pl.col("kind") != "lopend")["year"]
    few = rows.height <= COMPACT_YEARS
    labelled = set(rows["year"].to_list()) if few or not compact else {complete.max()}
    years = rows["year"].to_list()
    step = -(-len(years) // COMPACT_YEARS) if compact else 1
    named = set(years[::-1][::step])
    traces: list[go.Bar | go.Scatter] = [*_trend_bars(rows, places, labelled)]
    differing = rows.filter(status="verschil")
    if not differing.is_empty():
        traces.append(_published_marks(differing, places, compact=compact))
    fig = go.Figure(traces)
    top = max(rows["value"].max() or 0, differing["published_value"].max() or 0)
    shapes, notes = definition_markers(rows, compact=compact)
    fig.update_layout(
        shapes=shapes,
        annotations=notes,
        title={"text": title},
        height=340 if compact else 440,
        barmode="overlay",
        showlegend=not compact and len(fig.data) > 1,
        xaxis=_year_axis(rows, named, data_until_short, compact=compact),
        # room above the tallest bar for its label
        yaxis={"range": [0, top * 1.18 if top > 0 else 1], "rangemode": "tozero"},
    )
    return fit.lay_out(fig, canvas)


def definition_markers(rows: pl.DataFrame, *, compact: bool) -> tuple[list[dict], list[dict]]:
    """A dashed line just before each year where the definition changed and, on a full-size
    chart, what changed; built as one list each so the layout is set once (never add_shape in
    a loop). A small chart has no room for words: the page explains the dashed line once."""
    shapes, notes = [], []
    for year, what in definition_changes(rows):
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": year - 0.5,
                "x1": year - 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": MARKER_COLOUR, "width": 2, "dash": "dash"},
            }
        )
        if compact:
            continue
        notes.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": year - 0.5,
                "y": 1.0,
                # the text runs to the left of the line, over the years it warns about
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "text": f"{what}: de jaren hiervóór tellen anders ",
                "font": {"color": MARKER_COLOUR, "size": 15},
            }
        )
    return shapes, notes


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
        if not r["is_running_year"] or r["change_pct"] is None:
            return ""
        return change_pct(r["change_pct"], decimals=1)

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
    hovers = [
        f"{same_period_label(r)}: {number(r['value'], places)}"
        + (
            f" ({change_pct(r['change_pct'], decimals=1)} tegenover {r['year'] - 1})"
            if r["change_pct"] is not None
            else ""
        )
        for r in rows.iter_rows(named=True)
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
            "tickvals": rows["year"].to_list(),
            "ticktext": ticks,
            "tickangle": 0,
            "showgrid": False,
        },
        # room above the tallest bar for its label and the change under it
        yaxis={"range": [0, top * 1.3 if top > 0 else 1], "rangemode": "tozero"},
    )
    return fit.lay_out(fig, canvas)
