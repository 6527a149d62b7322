"""Charts of annual: figure builders over the frames of `dashboard.reports.annual`."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.template import PALETTE
from dashboard.format import number
from dashboard.reports.annual import figure_text

PREVIOUS_COLOUR = "#AEB7C7"  # last year in a quiet grey, this year in the primary blue


def breakdown_figure(
    rows: pl.DataFrame,
    year: int,
    unit: str | None = None,
    *,
    compare: bool = True,
    year_label: str | None = None,
    previous_label: str | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Horizontal bars per item (and series), this year beside the year before, with labels.

    `rows`: one breakdown of report `annual_breakdowns`; `unit` picks cases or children where
    a breakdown holds both. Without `compare` the year before is left out; `year_label` and
    `previous_label` name the two periods in the legend and hover ("2026 t/m 22-11").
    """
    if unit is not None:
        rows = rows.filter(pl.col("unit_nl") == unit)
    rows = rows.sort("sort_order", descending=True)  # plotly draws the first bar at the bottom
    labels = [
        item if series in ("zaken", item) else f"{item} · {series}"
        for item, series in zip(rows["item_nl"], rows["series_nl"], strict=True)
    ]
    series = (
        [(previous_label or str(year - 1), "previous_value", PREVIOUS_COLOUR)] if compare else []
    )
    series.append((year_label or str(year), "value", PALETTE[0]))
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    for name, column, colour in series:
        values = rows[column].to_list()
        if all(v is None for v in values):
            continue
        # publication mode (`annual.shown_breakdown`): the text as released, no bar where hidden
        bar = column.replace("value", "bar")
        lengths = rows[bar].to_list() if bar in rows.columns else values
        traces.append(
            go.Bar(
                y=labels,
                x=lengths,
                orientation="h",
                name=name,
                marker_color=colour,
                text=[figure_text(v) for v in values],
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
                hovertext=[
                    f"{label}: {figure_text(v)} ({name})"
                    for label, v in zip(labels, values, strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.add_traces(traces)
    top = max((v for s in fig.data for v in s.x if v is not None), default=0)
    fig.update_layout(
        barmode="group",
        height=140 + (70 if compare else 45) * len(labels),
        legend={"traceorder": "reversed"},
        showlegend=len(fig.data) > 1,
        # headroom right of the longest bar for its value label
        xaxis={"showticklabels": False, "showgrid": False, "range": [0, (top or 1) * 1.2]},
    )
    return fit.lay_out(fig, canvas)


def age_figure(rows: pl.DataFrame, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Children in parents' abduction cases by age band, one group of bars per direction."""
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    for colour, direction in zip(
        PALETTE, rows["direction_nl"].unique(maintain_order=True), strict=False
    ):
        part = rows.filter(pl.col("direction_nl") == direction).sort("sort_order")
        traces.append(
            go.Bar(
                x=[f"{band} jaar" for band in part["age_band"]],
                y=part["children"].to_list(),
                name=direction,
                marker_color=colour,
                text=[number(v) for v in part["children"]],
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
            )
        )
    fig.add_traces(traces)
    top = rows["children"].max() or 1
    fig.update_layout(
        barmode="group", height=420, yaxis={"title": "kinderen", "range": [0, top * 1.15]}
    )
    return fit.lay_out(fig, canvas)
