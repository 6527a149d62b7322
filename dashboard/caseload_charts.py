"""Chart builders of the caseload page: month axes with Dutch labels and school holidays shaded.

Pure functions `(polars.DataFrame, ...) -> go.Figure`; no I/O. A bar or point sits in the
middle of its month, so a holiday band (drawn from its real first to last day) lines up with
the month it falls in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts import PALETTE
from dashboard.format import month_abbreviation, month_nl

MID_MONTH = dt.timedelta(days=14)
DAY_MS = 24 * 3600 * 1000
YEAR_BEFORE_COLOUR = "#B8BFCC"
SELECTED_COLOUR = "#D55E00"
REGION_COLOURS = {"noord": "#56B4E9", "midden": "#009E73", "zuid": "#E69F00"}
HOLIDAY_OPACITY = 0.13
ROW_HEIGHT = 260


def mid_month(month: dt.date) -> dt.date:
    return month + MID_MONTH


def month_ticks(months: Sequence[dt.date]) -> tuple[list[dt.date], list[str]]:
    """Tick positions and Dutch labels: "jan<br>2025" for January and the first month."""
    texts = [
        f"{month_abbreviation(m.month)}<br>{m.year}" if i == 0 or m.month == 1
        else month_abbreviation(m.month)
        for i, m in enumerate(months)
    ]  # fmt: skip
    return [mid_month(m) for m in months], texts


def _month_range(months: Sequence[dt.date]) -> list[dt.date]:
    last = max(months)
    after_last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return [min(months), after_last]


def shade_school_holidays(fig: go.Figure, holidays: pl.DataFrame, rows: int) -> None:
    """One translucent band per region per school holiday, in every row; a legend entry each."""
    for h in holidays.iter_rows(named=True):
        fig.add_vrect(
            x0=h["start_date"],
            x1=h["end_date"] + dt.timedelta(days=1),
            fillcolor=REGION_COLOURS[h["region"]],
            opacity=HOLIDAY_OPACITY,
            line_width=0,
            layer="below",
            row="all",
            col=1,
        )
    regions = holidays.unique("region").sort(
        pl.col("region").replace_strict(list(REGION_COLOURS), range(len(REGION_COLOURS)))
    )
    for h in regions.iter_rows(named=True):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 16, "color": REGION_COLOURS[h["region"]]},
                opacity=0.45,
                name=f"vakantie {h['region_nl']}",
                hoverinfo="skip",
            ),
            row=1,
            col=1,
        )


def monthly_comparison(
    df: pl.DataFrame,
    *,
    facet: str,
    facet_label: str,
    value: str,
    year_before: str,
    holidays: pl.DataFrame,
    unit: str,
    kind: Literal["bar", "line"] = "bar",
    decimals: int = 0,
) -> go.Figure:
    """One row per `facet` value: each month of the period beside the same month a year earlier.

    `df` has one row per facet x month with `month`, `is_complete`, `value` and `year_before`
    (empty where the export does not reach a year back). The running month is drawn paler.
    """
    facets = df.unique(facet, maintain_order=True)
    labels = facets[facet_label].to_list()
    fig = make_subplots(
        rows=len(labels),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12 / max(1, len(labels) - 1) if len(labels) > 1 else 0,
        subplot_titles=labels,
    )
    number_format = f",.{decimals}f"
    months: list[dt.date] = []
    for row, key in enumerate(facets[facet].to_list(), start=1):
        part = df.filter(pl.col(facet) == key).sort("month")
        months = part["month"].to_list()
        x = [mid_month(m) for m in months]
        names = [month_nl(m, full=True) for m in months]
        earlier = [month_nl(m.replace(year=m.year - 1), full=True) for m in months]
        opacity = [1.0 if c else 0.5 for c in part["is_complete"].to_list()]
        hover = f"%{{customdata}}: %{{y:{number_format}}} {unit}<extra></extra>"
        now_name, before_name = "de maand zelf", "een jaar eerder"
        if kind == "bar":
            fig.add_trace(
                go.Bar(
                    x=x, y=part[year_before].to_list(), customdata=earlier,
                    name=before_name, legendgroup="before", showlegend=row == 1,
                    marker={"color": YEAR_BEFORE_COLOUR}, hovertemplate=hover,
                    width=12 * DAY_MS, offset=-12 * DAY_MS,
                ),
                row=row, col=1,
            )  # fmt: skip
            fig.add_trace(
                go.Bar(
                    x=x, y=part[value].to_list(), customdata=names,
                    name=now_name, legendgroup="now", showlegend=row == 1,
                    marker={"color": PALETTE[0], "opacity": opacity}, hovertemplate=hover,
                    width=12 * DAY_MS, offset=0,
                ),
                row=row, col=1,
            )  # fmt: skip
        else:
            fig.add_trace(
                go.Scatter(
                    x=x, y=part[year_before].to_list(), customdata=earlier,
                    name=before_name, legendgroup="before", showlegend=row == 1,
                    mode="lines+markers", line={"color": YEAR_BEFORE_COLOUR, "dash": "dash"},
                    hovertemplate=hover,
                ),
                row=row, col=1,
            )  # fmt: skip
            fig.add_trace(
                go.Scatter(
                    x=x, y=part[value].to_list(), customdata=names,
                    name=now_name, legendgroup="now", showlegend=row == 1,
                    mode="lines+markers", line={"color": PALETTE[0], "width": 3},
                    marker={"opacity": opacity, "size": 9}, hovertemplate=hover,
                ),
                row=row, col=1,
            )  # fmt: skip
    shade_school_holidays(fig, holidays, len(labels))
    tickvals, ticktext = month_ticks(months)
    fig.update_xaxes(
        tickvals=tickvals, ticktext=ticktext, range=_month_range(months), showgrid=False
    )
    fig.update_yaxes(tickformat=number_format, rangemode="tozero")
    fig.update_layout(
        height=ROW_HEIGHT * len(labels) + 170,
        barmode="overlay",
        legend={"y": -0.5 / len(labels), "yanchor": "top", "font": {"size": 15}},
        hovermode="closest",
    )
    return fig


def stacked_by_item(df: pl.DataFrame, *, holidays: pl.DataFrame, unit: str) -> go.Figure:
    """One breakdown of contacts per month (items stacked), the year-earlier total as a line."""
    items = df.unique("item", maintain_order=True)
    fig = make_subplots(rows=1, cols=1)
    months: list[dt.date] = []
    for i, item in enumerate(items.iter_rows(named=True)):
        part = df.filter(pl.col("item") == item["item"]).sort("month")
        months = part["month"].to_list()
        fig.add_trace(
            go.Bar(
                x=[mid_month(m) for m in months],
                y=part["contacts"].to_list(),
                name=item["item_nl"],
                marker={"color": PALETTE[i % len(PALETTE)]},
                customdata=[month_nl(m, full=True) for m in months],
                hovertemplate=f"{item['item_nl']}, %{{customdata}}: %{{y:,.0f}} {unit}"
                "<extra></extra>",
                width=24 * DAY_MS,
            ),
            row=1,
            col=1,
        )
    before = pl.col("contacts_year_before")
    totals = (
        df.group_by("month")
        .agg(
            pl.when(before.is_not_null().any()).then(before.sum()).alias(before.meta.output_name())
        )
        .sort("month")
    )
    fig.add_trace(
        go.Scatter(
            x=[mid_month(m) for m in totals["month"]],
            y=totals["contacts_year_before"].to_list(),
            name="totaal een jaar eerder",
            mode="lines+markers",
            line={"color": "#6B6B6B", "dash": "dash"},
            customdata=[month_nl(m.replace(year=m.year - 1), full=True) for m in totals["month"]],
            hovertemplate=f"totaal %{{customdata}}: %{{y:,.0f}} {unit}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    shade_school_holidays(fig, holidays, 1)
    tickvals, ticktext = month_ticks(months)
    fig.update_xaxes(
        tickvals=tickvals, ticktext=ticktext, range=_month_range(months), showgrid=False
    )
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    fig.update_layout(
        barmode="stack", height=480, legend={"y": -0.25, "yanchor": "top", "font": {"size": 15}}
    )
    return fig


def category_heatmap(df: pl.DataFrame, *, selected: dt.date | None = None) -> go.Figure:
    """New Lijn 2 cases: category (rows, in the annual report's order) x month (columns).

    Plotly heatmaps send no selection events, so an invisible marker sits on every cell: a
    click on a cell selects that marker, whose customdata is the month (ISO date).
    """
    months = sorted(df["month"].unique().to_list())
    order = df.unique("category_code", maintain_order=True).sort("category_order")
    categories = order["category_nl"].to_list()
    grid = {(r["category_nl"], r["month"]): r["cases"] for r in df.iter_rows(named=True)}
    z = [[grid.get((c, m), 0) for m in months] for c in categories]
    x = [mid_month(m) for m in months]
    fig = go.Figure(
        go.Heatmap(
            x=x,
            y=categories,
            z=z,
            colorscale=[[0, "#FFFFFF"], [0.15, "#DCE6F5"], [1, PALETTE[0]]],
            texttemplate="%{z}",
            textfont={"size": 12},
            hoverinfo="skip",
            colorbar={"title": {"text": "zaken"}, "tickformat": ",d"},
            xgap=1,
            ygap=1,
        )
    )
    cells = [(c, m) for c in categories for m in months]
    fig.add_trace(
        go.Scatter(
            x=[mid_month(m) for _, m in cells],
            y=[c for c, _ in cells],
            customdata=[[m.isoformat(), month_nl(m, full=True)] for _, m in cells],
            text=[f"{grid.get((c, m), 0):,}".replace(",", ".") for c, m in cells],
            mode="markers",
            marker={"size": 22, "color": "rgba(0,0,0,0)", "symbol": "square"},
            selected={"marker": {"opacity": 0}},
            unselected={"marker": {"opacity": 0}},
            hovertemplate="%{y}, %{customdata[1]}: %{text} nieuwe zaken<extra></extra>",
            showlegend=False,
        )
    )
    if selected is not None and selected in months:
        fig.add_vrect(
            x0=selected,
            x1=(selected.replace(day=28) + dt.timedelta(days=4)).replace(day=1),
            line={"color": SELECTED_COLOUR, "width": 3},
            fillcolor="rgba(0,0,0,0)",
        )
    tickvals, ticktext = month_ticks(months)
    fig.update_xaxes(
        tickvals=tickvals, ticktext=ticktext, showgrid=False, tickangle=0, tickfont={"size": 13}
    )
    # A fixed left margin: automargin measures the labels before the web font has loaded and
    # cuts off the first letters of the longest category name.
    longest = max((len(c) for c in categories), default=0)
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 14}, automargin=False)
    fig.update_layout(
        height=90 + 34 * len(categories),
        margin={"t": 20, "l": 20 + 8 * longest},
        clickmode="event+select",
        dragmode=False,
        xaxis={"fixedrange": True},
        yaxis={"fixedrange": True},
        font={"size": 15},
    )
    return fig
