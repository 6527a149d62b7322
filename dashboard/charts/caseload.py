"""Chart builders of the caseload page: month axes with Dutch labels and school holidays shaded.

Pure functions `(polars.DataFrame, ...) -> go.Figure`; no I/O. A bar or point sits in the
middle of its month, so a holiday band (drawn from its real first to last day) lines up with
the month it falls in.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from typing import Literal

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.template import (
    LEGEND_RIGHT,
    MIN_FONT_SIZE,
    PALETTE,
    SUBPLOT_TITLES_MARGIN,
    vrect,
)
from dashboard.format import month_abbreviation, month_name, month_nl, number

MID_MONTH = dt.timedelta(days=14)
DAY_MS = 24 * 3600 * 1000
YEAR_BEFORE_COLOUR = "#B8BFCC"
SELECTED_COLOUR = "#D55E00"
REGION_COLOURS = {"noord": "#56B4E9", "midden": "#009E73", "zuid": "#E69F00"}
HOLIDAY_OPACITY = 0.13
ROW_HEIGHT = 260
RUNNING_OUTLINE = "#6B6B6B"
HEATMAP_TEXT_SIZE = MIN_FONT_SIZE
HEATMAP_ROW_HEIGHT = 48  # two lines of a category name
CATEGORY_LINE_CHARS = 20  # "Niet tot inhoudelijk advies gekomen" on two lines
# Month labels side by side on a 1280 px screen: every month up to this many, else every
# second (up to twice as many), else every third.
MONTHS_LABELLED_EACH = 13


def mid_month(month: dt.date) -> dt.date:
    return month + MID_MONTH


def is_running(month: dt.date, data_until: dt.date | None) -> bool:
    """Whether the data end inside `month`, before its last day (the running month)."""
    if data_until is None or (month.year, month.month) != (data_until.year, data_until.month):
        return False
    return data_until < _next_month(month) - dt.timedelta(days=1)


def hover_month(month: dt.date, data_until: dt.date | None = None) -> str:
    """ "november 2026", or "november 2026 (t/m 22 november)" for the running month."""
    name = month_nl(month, full=True)
    if data_until is not None and is_running(month, data_until):
        name += f" (t/m {data_until.day} {month_name(data_until.month)})"
    return name


def month_ticks(
    months: Sequence[dt.date], data_until: dt.date | None = None
) -> tuple[list[dt.date], list[str]]:
    """Tick positions and Dutch labels: "jan<br>2025" for January and for the first month,
    "nov<br>t/m 22" for the running month (the data end on the 22nd).

    Up to `MONTHS_LABELLED_EACH` months every month has a label; a longer period labels every
    second or third month (January always among them, so every year is named) and the running
    month, so the labels stay apart at the chart's full text size on a 1280 px screen. The
    first labelled month keeps its year unless a January is the next label: the two years
    would touch. The running month's note goes a line lower when the label before it has a
    year under it.
    """
    step = 1 if len(months) <= MONTHS_LABELLED_EACH else 2 if len(months) <= 26 else 3
    shown = [
        m
        for m in months
        if (m.month - 1) % step == 0 or (data_until is not None and is_running(m, data_until))
    ]
    # a running month right after a labelled one takes that one's place
    shown = [
        m
        for i, m in enumerate(shown)
        if step == 1 or i + 1 == len(shown) or _next_month(m) != shown[i + 1]
    ]
    lines: list[list[str]] = []
    for i, m in enumerate(shown):
        first_with_year = i == 0 and not (len(shown) > 1 and shown[1].month == 1)
        line = [month_abbreviation(m.month)]
        if m.month == 1 or first_with_year:
            line.append(str(m.year))
        if data_until is not None and is_running(m, data_until):
            if len(line) == 1 and lines and len(lines[-1]) > 1:
                line.append(" ")
            line.append(f"t/m {data_until.day}")
        lines.append(line)
    return [mid_month(m) for m in shown], ["<br>".join(line) for line in lines]


def _month_tick_font(months: Sequence[dt.date]) -> dict[str, int]:
    return {"size": MIN_FONT_SIZE}


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _month_axis(fig: go.Figure, months: Sequence[dt.date], data_until: dt.date | None) -> None:
    """The month axis every monthly chart shares: Dutch ticks, the running month marked."""
    tickvals, ticktext = month_ticks(months, data_until)
    fig.update_xaxes(
        tickvals=tickvals,
        ticktext=ticktext,
        range=_month_range(months),
        showgrid=False,
        tickangle=0,
        tickfont=_month_tick_font(months),
    )


def _month_range(months: Sequence[dt.date]) -> list[dt.date]:
    return [min(months), _next_month(max(months))]


def holiday_bands(holidays: pl.DataFrame, rows: int) -> list[dict]:
    """One translucent band per region per school holiday, in each of `rows` subplot rows."""
    return [
        vrect(
            h["start_date"],
            h["end_date"] + dt.timedelta(days=1),
            row=row,
            fillcolor=REGION_COLOURS[h["region"]],
            opacity=HOLIDAY_OPACITY,
            line_width=0,
            layer="below",
        )
        for row in range(1, rows + 1)
        for h in holidays.iter_rows(named=True)
    ]


def shade_school_holidays(fig: go.Figure, holidays: pl.DataFrame, rows: int) -> None:
    """The holiday bands in every row (set on the layout at once); a legend entry per region."""
    fig.update_layout(shapes=[*fig.layout.shapes, *holiday_bands(holidays, rows)])
    regions = holidays.unique("region").sort(
        pl.col("region").replace_strict(list(REGION_COLOURS), range(len(REGION_COLOURS)))
    )
    fig.add_traces(
        [
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 16, "color": REGION_COLOURS[h["region"]]},
                opacity=0.45,
                name=f"vakantie {h['region_nl']}",
                hoverinfo="skip",
            )
            for h in regions.iter_rows(named=True)
        ]
    )


def _comparison_traces(
    part: pl.DataFrame,
    row: int,
    *,
    value: str,
    year_before: str,
    unit: str,
    kind: Literal["bar", "line"],
    number_format: str,
    data_until: dt.date | None,
) -> list[go.Bar | go.Scatter]:
    """One row's two series: each month of the period, and the same month a year earlier."""
    months = part["month"].to_list()
    x = [mid_month(m) for m in months]
    names = [hover_month(m, data_until) for m in months]
    # the running month stands beside the same days a year earlier, not the whole month
    earlier = [
        month_nl(m.replace(year=m.year - 1), full=True)
        + (f" (t/m {data_until.day} {month_name(data_until.month)})" if r else "")
        for m, r in zip(months, (is_running(m, data_until) for m in months), strict=True)
    ]
    complete = part["is_complete"].to_list()
    opacity = [1.0 if c else 0.5 for c in complete]
    hover = f"%{{customdata}}: %{{y:{number_format}}} {unit}<extra></extra>"
    before = {
        "x": x, "y": part[year_before].to_list(), "customdata": earlier,
        "name": "een jaar eerder", "legendgroup": "before", "showlegend": row == 1,
        "hovertemplate": hover,
    }  # fmt: skip
    now = {
        "x": x, "y": part[value].to_list(), "customdata": names,
        "name": "de maand zelf", "legendgroup": "now", "showlegend": row == 1,
        "hovertemplate": hover,
    }  # fmt: skip
    if kind == "bar":
        hatch = {"shape": ["" if c else "/" for c in complete], "solidity": 0.3}
        return [
            go.Bar(**before, marker={"color": YEAR_BEFORE_COLOUR},
                   width=12 * DAY_MS, offset=-12 * DAY_MS),
            go.Bar(**now, marker={"color": PALETTE[0], "opacity": opacity, "pattern": hatch},
                   width=12 * DAY_MS, offset=0),
        ]  # fmt: skip
    return [
        go.Scatter(**before, mode="lines+markers",
                   line={"color": YEAR_BEFORE_COLOUR, "dash": "dash"}),
        go.Scatter(**now, mode="lines+markers", line={"color": PALETTE[0], "width": 3},
                   marker={"opacity": opacity, "size": 9}),
    ]  # fmt: skip


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
    data_until: dt.date | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """One row per `facet` value: each month of the period beside the same month a year earlier.

    `df` has one row per facet x month with `month`, `is_complete`, `value` and `year_before`
    (empty where the export does not reach a year back). The running month is drawn paler (a
    bar hatched as well) and its tick and hover say up to which day it counts (`data_until`).
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
    # every trace with its row, added in one call (each add_trace re-validates the figure)
    placed: list[tuple[go.Bar | go.Scatter, int]] = []
    for row, key in enumerate(facets[facet].to_list(), start=1):
        part = df.filter(pl.col(facet) == key).sort("month")
        months = part["month"].to_list()
        traces = _comparison_traces(
            part, row, value=value, year_before=year_before, unit=unit, kind=kind,
            number_format=number_format, data_until=data_until,
        )  # fmt: skip
        placed += [(trace, row) for trace in traces]
    fig.add_traces([t for t, _ in placed], rows=[r for _, r in placed], cols=1)
    shade_school_holidays(fig, holidays, len(labels))
    _month_axis(fig, months, data_until)
    fig.update_yaxes(tickformat=number_format, rangemode="tozero")
    fig.update_layout(
        height=ROW_HEIGHT * len(labels) + 170,
        barmode="overlay",
        # at the right: the row titles take the line right above each plot area
        legend=LEGEND_RIGHT,
        margin=SUBPLOT_TITLES_MARGIN,
        hovermode="closest",
    )
    return fit.lay_out(fig, canvas)


def stacked_by_item(
    df: pl.DataFrame,
    *,
    holidays: pl.DataFrame,
    unit: str,
    data_until: dt.date | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """One breakdown of contacts per month (items stacked), the year-earlier total as a line;
    the running month paler, its tick and hover up to `data_until`."""
    items = df.unique("item", maintain_order=True)
    fig = make_subplots(rows=1, cols=1)
    months: list[dt.date] = []
    bars: list[go.Bar] = []
    for i, item in enumerate(items.iter_rows(named=True)):
        part = df.filter(pl.col("item") == item["item"]).sort("month")
        months = part["month"].to_list()
        bars.append(
            go.Bar(
                x=[mid_month(m) for m in months],
                y=part["contacts"].to_list(),
                name=item["item_nl"],
                marker={
                    "color": PALETTE[i % len(PALETTE)],
                    "opacity": [1.0 if c else 0.5 for c in part["is_complete"].to_list()],
                },
                customdata=[hover_month(m, data_until) for m in months],
                hovertemplate=f"{item['item_nl']}, %{{customdata}}: %{{y:,.0f}} {unit}"
                "<extra></extra>",
                width=24 * DAY_MS,
            )
        )
    fig.add_traces(bars, rows=1, cols=1)
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
    _month_axis(fig, months, data_until)
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    fig.update_layout(barmode="stack", height=480)
    return fit.lay_out(fig, canvas)


def _cell_markers(
    categories: list[str], months: list[dt.date], grid: dict, data_until: dt.date | None
) -> go.Scatter:
    """An invisible marker on every cell of the heatmap: a click on a cell selects it."""
    cells = [(c, m) for c in categories for m in months]
    return go.Scatter(
        x=[mid_month(m) for _, m in cells],
        y=[c for c, _ in cells],
        customdata=[[m.isoformat(), hover_month(m, data_until)] for _, m in cells],
        text=[f"{grid.get((c, m), 0):,}".replace(",", ".") for c, m in cells],
        mode="markers",
        marker={"size": 22, "color": "rgba(0,0,0,0)", "symbol": "square"},
        selected={"marker": {"opacity": 0}},
        unselected={"marker": {"opacity": 0}},
        hovertemplate="%{y}, %{customdata[1]}: %{text} nieuwe zaken<extra></extra>",
        showlegend=False,
    )


def _month_outlines(
    months: list[dt.date], selected: dt.date | None, data_until: dt.date | None
) -> list[dict]:
    """A dashed outline round the running month's column, a solid one round the selected."""
    outlines = [
        vrect(
            month,
            _next_month(month),
            row=1,
            line={"color": RUNNING_OUTLINE, "width": 2, "dash": "dash"},
            fillcolor="rgba(0,0,0,0)",
        )
        for month in months
        if is_running(month, data_until)
    ]
    if selected is not None and selected in months:
        outlines.append(
            vrect(
                selected,
                _next_month(selected),
                row=1,
                line={"color": SELECTED_COLOUR, "width": 3},
                fillcolor="rgba(0,0,0,0)",
            )
        )
    return outlines


def category_heatmap(
    df: pl.DataFrame,
    *,
    selected: dt.date | None = None,
    data_until: dt.date | None = None,
    texts: Mapping[tuple[str, dt.date], str] | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """New Lijn 2 cases: category (rows, in the annual report's order) x month (columns).
    `texts`: each cell as publication mode releases it (a hidden cell has no colour).

    Plotly heatmaps send no selection events, so an invisible marker sits on every cell: a
    click on a cell selects that marker, whose customdata is the month (ISO date). The running
    month (the data end in it on `data_until`) gets a dashed outline and says so on its tick.
    """
    months = sorted(df["month"].unique().to_list())
    order = df.unique("category_code", maintain_order=True).sort("category_order")
    categories = order["category_nl"].to_list()
    grid = {(r["category_nl"], r["month"]): r["cases"] for r in df.iter_rows(named=True)}
    shown = texts or {(c, m): number(grid.get((c, m), 0)) for c in categories for m in months}
    heatmap = go.Heatmap(
        x=[mid_month(m) for m in months],
        y=categories,
        z=[
            [
                grid.get((c, m), 0) if shown[(c, m)] == number(grid.get((c, m), 0)) else None
                for m in months
            ]
            for c in categories
        ],  # fmt: skip
        text=[[shown[(c, m)] for m in months] for c in categories],
        colorscale=[[0, "#FFFFFF"], [0.15, "#DCE6F5"], [1, PALETTE[0]]],
        texttemplate="%{text}",
        textfont={"size": HEATMAP_TEXT_SIZE},
        hoverinfo="skip",
        # every cell carries its number, so the colour scale would only take width away
        showscale=False,
        xgap=1,
        ygap=1,
    )
    fig = go.Figure([heatmap, _cell_markers(categories, months, grid, data_until)])
    tickvals, ticktext = month_ticks(months, data_until)
    fig.update_xaxes(
        tickvals=tickvals,
        ticktext=ticktext,
        showgrid=False,
        tickangle=0,
        tickfont={"size": MIN_FONT_SIZE},
    )
    # Long names on two lines leave the months room on a projector screen. A fixed left
    # margin: automargin measures the labels before the web font has loaded and cuts off the
    # first letters of the longest category name.
    wrapped = ["<br>".join(textwrap.wrap(c, CATEGORY_LINE_CHARS)) for c in categories]
    longest = max((len(line) for w in wrapped for line in w.split("<br>")), default=0)
    fig.update_yaxes(
        autorange="reversed",
        showgrid=False,
        tickfont={"size": MIN_FONT_SIZE},
        automargin=False,
        tickvals=categories,
        ticktext=wrapped,
    )
    fig.update_layout(
        height=100 + HEATMAP_ROW_HEIGHT * len(categories),
        margin={"t": 20, "l": 16 + 8 * longest, "r": 20},
        shapes=_month_outlines(months, selected, data_until),
        clickmode="event+select",
        dragmode=False,
        xaxis={"fixedrange": True},
        yaxis={"fixedrange": True},
        font={"size": MIN_FONT_SIZE},
    )
    return fit.lay_out(fig, canvas)
