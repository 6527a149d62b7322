"""The "Waarom?" waterfall: from the value before, through each part's contribution, to the
value now (frames of `dashboard.reports.explain`)."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.template import FONT_SIZE, PALETTE
from dashboard.format import number, signed

TOTAL_COLOUR = "#AEB7C7"  # the two periods' values in the quiet grey of the year before
UP, DOWN = PALETTE[0], "#C0504D"
HIDDEN = "niet getoond"


def waterfall_figure(
    bars: pl.DataFrame,
    before: float,
    *,
    before_label: str,
    now_label: str,
    decimals: int = 0,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Horizontal waterfall, top to bottom: `before`, the `bars` (label, contribution, shown),
    the value now. A bar whose value is not published keeps its length but not its number."""
    now = before + bars["contribution"].sum()
    labels = [before_label, *bars["label"].to_list(), now_label]
    values = [before, *bars["contribution"].to_list(), now]
    texts = [number(before, decimals)]
    texts += [
        signed(v, decimals) if shown else HIDDEN
        for v, shown in zip(bars["contribution"], bars["shown"], strict=True)
    ]
    texts.append(number(now, decimals))
    fig = go.Figure(
        go.Waterfall(
            orientation="h",
            y=labels,
            x=values,
            measure=["absolute", *["relative"] * bars.height, "total"],
            text=texts,
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            increasing={"marker": {"color": UP}},
            decreasing={"marker": {"color": DOWN}},
            totals={"marker": {"color": TOTAL_COLOUR}},
            connector={"line": {"color": TOTAL_COLOUR, "width": 1}},
            hovertext=[f"{label}: {text}" for label, text in zip(labels, texts, strict=True)],
            hoverinfo="text",
        )
    )
    # the axis starts where the bars move, not at zero: a change of 1.305 on 10.829 would be
    # a sliver otherwise; headroom on both sides for the numbers outside the bars
    running = [before]
    for v in bars["contribution"]:
        running.append(running[-1] + v)
    low, high = min(*running, now), max(*running, now)
    span = (high - low) or abs(high) or 1
    fig.update_layout(
        height=120 + 44 * len(labels),
        showlegend=False,
        # every bar named: plotly thins a category axis' labels by its own guess of their
        # height, which at a slide's 28 px left every other bar without a name
        yaxis={"autorange": "reversed", "tickmode": "array", "tickvals": labels},
        # the waterfall's labels are not measured by fit.reserve: room for the longest here
        margin={"l": math.ceil(max(fit.text_width(label, FONT_SIZE) for label in labels)) + 24},
        xaxis={
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
            "range": [low - 0.35 * span, high + 0.35 * span],
        },
    )
    return fit.lay_out(fig, canvas)
