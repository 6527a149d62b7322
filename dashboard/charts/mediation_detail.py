"""The mediation page's charts of what surrounds the outcome: the children heard and the
special guardians, how long mediations take, and the other mediation services' figures."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts import fit, template
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.mediation import TYPE_COLOURS
from dashboard.format import number
from dashboard.reports.mediation import (
    TYPES,
)


def children_figure(counts: pl.DataFrame, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Child interviews and special guardian appointments per year and type, with children."""
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("Kindgesprekken", "Bijzondere curator aangewezen"),
        horizontal_spacing=0.08,
    )
    panels = (
        (1, "child_interviews", "children_heard", "gesprekken", "kinderen gehoord"),
        (2, "special_guardian_appointments", "special_guardian_children", "keer", "kinderen"),
    )
    years = sorted(counts["year"].unique().to_list())
    # Horizontal bars, a year per row: the "12 (15 kind.)" labels beside their bars at full
    # size (upright above a dozen narrow bars they would shrink or run into each other).
    bars = [
        go.Bar(
            y=[str(y) for y in own["year"]],
            x=own[count_col].to_list(),
            orientation="h",
            name=mediation_type,
            marker_color=TYPE_COLOURS[mediation_type],
            text=[
                f"{number(c)} ({number(k)} kind.)"
                for c, k in zip(own[count_col], own[children_col], strict=True)
            ],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            textfont={"size": template.MIN_FONT_SIZE},
            hovertext=[
                f"{mediation_type} {y}: {number(c)} {count_word}, {number(k)} {children_word}"
                for y, c, k in zip(own["year"], own[count_col], own[children_col], strict=True)
            ],
            hoverinfo="text",
            showlegend=col == 1,
            legendgroup=mediation_type,
            xaxis=f"x{'' if col == 1 else col}",
            yaxis=f"y{'' if col == 1 else col}",
        )
        for col, count_col, children_col, count_word, children_word in panels
        for mediation_type in TYPES
        for own in [counts.filter(pl.col("mediation_type") == mediation_type).sort("year")]
    ]
    fig.add_traces(bars)
    top = max(
        1,
        counts["child_interviews"].max() or 0,
        counts["special_guardian_appointments"].max() or 0,
    )
    fig.update_xaxes(range=[0, top * 1.9], showticklabels=False, showgrid=False)
    # top to bottom: the first year, and in each year the first type (as in the legend)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=[str(y) for y in years],
        autorange="reversed",
    )
    fig.update_layout(
        barmode="group",
        height=140 + 2 * 26 * len(years),
        # at the right: the panel titles take the line right above the plot area
        legend=template.LEGEND_RIGHT,
        margin=template.SUBPLOT_TITLES_MARGIN,
    )
    return fit.lay_out(fig, canvas)


def durations_figure(rows: pl.DataFrame, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Per type and interval: the median (dot), the middle half (thick bar) and the range."""
    fig = go.Figure()
    labels: list[str] = []
    texts: list[dict[str, Any]] = []
    traces: list[go.Scatter] = []
    for row in rows.iter_rows(named=True):
        label = f"{row['mediation_type']}: {row['interval_label']}"
        labels.append(label)
        colour = TYPE_COLOURS[row["mediation_type"]]
        if not row["n"]:
            texts.append(
                {"x": 0, "y": label, "text": "nog geen", "showarrow": False, "xanchor": "left",
                 "font": {"color": template.TEXT_COLOUR, "size": template.MIN_FONT_SIZE}}
            )  # fmt: skip
            traces.append(go.Scatter(x=[None], y=[label], showlegend=False))
            continue
        # the range thin and pale, then the middle half thick over it
        traces += [
            go.Scatter(
                x=[row[low], row[high]], y=[label, label], mode="lines",
                line={"color": template.rgba(colour, alpha), "width": width},
                showlegend=False, hoverinfo="skip",
            )
            for low, high, alpha, width in (
                ("min_days", "max_days", 0.45, 2),
                ("p25_days", "p75_days", 0.6, 14),
            )
        ]  # fmt: skip
        open_text = f", {number(row['still_open'])} nog open" if row["still_open"] else ""
        text = (
            f"mediaan {number(row['median_days'])} dagen (n = {number(row['n'])}{open_text}); "
            f"middelste helft {number(row['p25_days'])}–{number(row['p75_days'])}, "
            f"alle {number(row['min_days'])}–{number(row['max_days'])}"
        )
        traces.append(
            go.Scatter(
                x=[row["median_days"]], y=[label], mode="markers",
                marker={"size": 16, "color": colour, "line": {"color": "white", "width": 2}},
                hovertext=[text], hoverinfo="text", showlegend=False,
            )
        )  # fmt: skip
        # under its row, from the left of the plot area: inside the chart at any width
        texts.append(
            {"x": 0, "y": label, "text": text, "showarrow": False, "xanchor": "left",
             "yanchor": "top", "yshift": -12, "font": {"size": template.MIN_FONT_SIZE}}
        )  # fmt: skip
    fig.add_traces(traces)
    longest = rows["max_days"].max() or 1
    fig.update_layout(
        height=120 + 90 * len(labels),
        annotations=texts,
        xaxis={
            "title": {"text": "dagen"},
            "range": [0, float(longest) * 1.05],
            "rangemode": "tozero",
        },
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(labels))},
    )
    return fit.lay_out(fig, canvas)
