"""Charts of mediation: figure builders over the frames of `dashboard.reports.mediation`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import fit, template
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.groups import groups

# the flow from request to outcome: its own module, its builder with the topic's others
from dashboard.charts.mediation_flow import funnel_figure as funnel_figure
from dashboard.format import number
from dashboard.reports.mediation import (
    TYPE_NAMES,
    TYPES,
    count_text,
    rate_text,
    type_noun,
)
from dashboard.reports.mediation_release import MediationRelease
from dashboard.reports.mediation_shown import no_rate_text

TYPE_COLOURS = {
    "IKO": template.PALETTE[0],
    "NIKO": template.PALETTE[1],
    "samen": template.PALETTE[6],
}
_GREY = template.PALETTE[6]


# -- chart builders -----------------------------------------------------------------------


def _rate_label(row: Mapping[str, Any], release: MediationRelease | None = None) -> str:
    ended, successful = row["ended"], row["successful"]
    noun = type_noun(row["mediation_type"], ended)
    if release is not None and release.protects:
        t = row["mediation_type"]
        text = release.share(t, "beëindigde " + noun)
        if row["running"]:
            text += f" (+{release.running(t)} lopend)"
        return text
    text = f"{count_text(successful, ended, 'beëindigde ' + noun)}: {rate_text(successful, ended)}"
    if row["running"]:
        text += f" (+{number(row['running'])} lopend)"
    return text


def _dot_with_interval(
    row: Mapping[str, Any],
    share: str,
    label: str,
    hover: str,
    *,
    size: int,
    hidden: bool = False,
    **whisker: Any,
) -> go.Scatter:
    """One share of `row` on the row `label` of the category axis, in the colour of its type:
    a dot at `{share}_pct` with its 95 % interval (`{share}_low_pct` to `{share}_high_pct`) as
    whiskers (styled by `whisker`), `hover` over it. A `hidden` share keeps its row but shows
    no dot and no interval."""
    pct = row[f"{share}_pct"]
    colour = TYPE_COLOURS[row["mediation_type"]]
    error_x = {
        "type": "data",
        "symmetric": False,
        "array": [row[f"{share}_high_pct"] - pct],
        "arrayminus": [pct - row[f"{share}_low_pct"]],
        "color": colour,
        "thickness": 3,
        **whisker,
    }
    return go.Scatter(
        x=[None if hidden else pct],
        y=[label],
        mode="markers",
        marker={"size": size, "color": colour},
        error_x=error_x,
        hovertext=[hover],
        hoverinfo="text",
        showlegend=False,
    )


def success_rate_figure(
    rates: pl.DataFrame,
    year: int,
    *,
    release: MediationRelease | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """The success rate of `year` per type: a dot, its 95 % interval, and "x van n" beside it.

    With a protecting `release` (publication mode), a rate that is not released keeps only
    its released "x van n"; in its place the rate of the last years together where that is
    released (`release.pooled`), else, with no dot at all, a sentence why (no empty axes)."""
    rows = rates.filter(pl.col("year") == year)
    protects = release is not None and release.protects
    pooled = release.pooled if protects else None
    order = ["samen", "NIKO", "IKO"]  # plotly draws the first category at the bottom
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    labels: list[dict[str, Any]] = []
    for mediation_type, own in groups(rows, "mediation_type", order):
        row = own.row(0, named=True)
        label = TYPE_NAMES[mediation_type]
        if row["ended"] == 0:
            traces.append(
                go.Scatter(
                    x=[0], y=[label], mode="text", text=["nog geen beëindigde mediations"],
                    textposition="middle right", showlegend=False, hoverinfo="skip",
                )
            )  # fmt: skip
            continue
        text = _rate_label(row, release)
        hidden = protects and not release.shows_rate(mediation_type)
        if hidden and pooled is not None and mediation_type in pooled.rows:
            # the dot is the years together; the year's own counts stay beside it
            text = (
                f"{pooled.years} samen: "
                f"{release.pooled_share(mediation_type, 'beëindigde')}; "
                f"{year}: {release.share(mediation_type)}"
                + (f" (+{release.running(mediation_type)} lopend)" if row["running"] else "")
            )
            row, hidden = pooled.rows[mediation_type], False
        traces.append(_dot_with_interval(row, "success", label, text, size=16, hidden=hidden,
                                         width=10))  # fmt: skip
        # "x van n" on a line of its own above the interval, from the left of the plot area
        labels.append(
            {"x": 0, "y": label, "xanchor": "left", "yanchor": "bottom", "yshift": 12,
             "showarrow": False, "text": text, "align": "left",
             "font": {"size": template.MIN_FONT_SIZE}}
        )  # fmt: skip
    if pooled is not None and not _has_marks(traces):
        return _without_rate(no_rate_text(pooled, release.publication), canvas)
    fig = go.Figure(traces)
    fig.update_layout(
        height=120 + 90 * len(fig.data),
        annotations=labels,
        xaxis={
            "range": [0, 100],
            "ticksuffix": " %",
            "title": {"text": "geslaagd (volledige overeenkomst),<br>met 95%-interval"},
        },
        yaxis={"categoryorder": "array", "categoryarray": [TYPE_NAMES[t] for t in order]},
    )
    return fit.lay_out(fig, canvas)


def _has_marks(traces: list[go.Bar | go.Scatter]) -> bool:
    return any(x is not None for trace in traces for x in (trace.x or ()))


def _without_rate(why: str, canvas: Canvas) -> go.Figure:
    """No chart, only the sentence `why` (in publication mode: no rate may be shown)."""
    fig = go.Figure()
    fig.update_layout(
        height=220,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {"text": template.wrap_label(why, 60), "showarrow": False, "x": 0.5, "y": 0.5,
             "xref": "paper", "yref": "paper", "align": "left",
             "font": {"size": template.MIN_FONT_SIZE}}
        ],
    )  # fmt: skip
    return fit.lay_out(fig, canvas)


def year_tick(row: Mapping[str, Any], data_until_text: str) -> str:
    """A year on the trend axis, with what is special about it."""
    text = str(row["year"])
    if row["source"] == "jaarverslag":
        text += "<br>(jaarverslag)"
    elif row["is_partial_year"]:
        text += f"<br>({data_until_text})"
    return text


def _trend_axes(
    years: pl.DataFrame, data_until_text: str, rate_range: list[int]
) -> dict[str, dict[str, Any]]:
    """The axes of a success trend: the `years` (each with what is special about it, see
    `year_tick`) and the success rate in % over `rate_range`."""
    return {
        "xaxis": {
            "tickvals": years["year"].to_list(),
            "ticktext": [year_tick(r, data_until_text) for r in years.iter_rows(named=True)],
            "range": [(years["year"].min() or 0) - 0.6, (years["year"].max() or 0) + 0.6],
            "showgrid": False,
        },
        "yaxis": {
            "range": rate_range,
            "tickvals": [0, 20, 40, 60, 80, 100],
            "ticktext": [f"{v} %" for v in (0, 20, 40, 60, 80, 100)],
            "title": {"text": "geslaagd, met 95%-interval"},
        },
    }


def _rate_trace(
    own: pl.DataFrame, x: list[float], name: str, colour: str, text: list[str], position: str
) -> go.Scatter:
    """Success rates of one series by year: a dotted line, the 95 % interval as error bars,
    open markers for years that only an annual report has, and `text` at each point."""
    return go.Scatter(
        x=x,
        y=own["success_pct"].to_list(),
        name=name,
        mode="lines+markers+text",
        line={"color": colour, "width": 2, "dash": "dot"},
        marker={
            "size": 14,
            "color": colour,
            "symbol": ["circle-open" if s == "jaarverslag" else "circle" for s in own["source"]],
            "line": {"width": 2, "color": colour},
        },
        error_y={
            "type": "data",
            "symmetric": False,
            "array": (own["success_high_pct"] - own["success_pct"]).to_list(),
            "arrayminus": (own["success_pct"] - own["success_low_pct"]).to_list(),
            "color": colour,
            "thickness": 2,
            "width": 8,
        },
        text=text,
        textposition=position,
        textfont={"color": colour, "size": template.MIN_FONT_SIZE},
        cliponaxis=False,
        hovertext=[_rate_label(r) for r in own.iter_rows(named=True)],
        hoverinfo="text",
    )


def _labelled_years(years: list[int], labels: list[str], canvas: Canvas) -> set[int]:
    """The years whose "x van n" fit beside each other: every year where there is room, else
    every second or third counted back from the last (the others are in the hover)."""
    if not years or not labels:
        return set(years)
    plot_px = (canvas.width or fit.NARROWEST_FIGURE) - 140
    size = max(template.MIN_FONT_SIZE, canvas.min_text)
    label_px = max(fit.text_width(text, size) for text in labels) * 1.15
    stride = max(1, math.ceil(label_px / (plot_px / len(years))))
    return {y for y in years if (years[-1] - y) % stride == 0}


def success_trend_figure(
    rates: pl.DataFrame, data_until_text: str, *, canvas: Canvas = SCREEN
) -> go.Figure:
    """The success rate per year and type with its 95 % interval and "x van n" at each point.

    A year from published figures only gets open markers; a year not yet complete says so.
    """
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    years = rates.select("year", "source", "is_partial_year").unique("year").sort("year")
    offsets = {"IKO": -0.1, "NIKO": 0.1}
    with_ended = rates.filter(pl.col("ended") > 0).sort("year")
    labels = {
        (r["mediation_type"], r["year"]): f"{number(r['successful'])} van {number(r['ended'])}"
        + (f"<br>+{number(r['running'])} lopend" if r["running"] else "")
        for r in with_ended.iter_rows(named=True)
    }
    labelled = _labelled_years(years["year"].to_list(), list(labels.values()), canvas)
    for mediation_type, own in groups(with_ended, "mediation_type", TYPES):
        colour = TYPE_COLOURS[mediation_type]
        traces.append(
            _rate_trace(
                own,
                [y + offsets[mediation_type] for y in own["year"]],
                mediation_type,
                colour,
                # above the point for IKO, below for NIKO: the two types never share a line
                [labels[(mediation_type, y)] if y in labelled else "" for y in own["year"]],
                "top center" if mediation_type == "IKO" else "bottom center",
            )
        )
    fig.add_traces(traces)
    fig.update_layout(
        height=520,
        # room above 100 % and below 0 % for the "x van n" labels
        **_trend_axes(years, data_until_text, [-22, 122]),
        legend={"title": {"text": "Type: "}},
    )
    return fit.lay_out(fig, canvas)


def benchmark_figure(
    bench: pl.DataFrame, own: pl.DataFrame, year: int, *, canvas: Canvas = SCREEN
) -> go.Figure:
    """Other services' agreement shares beside ours on their definition (full or partial).

    `own` is `success_rates` output; for `year` it shows the full-or-partial share of IKO and
    NIKO with the 95 % interval, so like is compared with like as far as the figures allow.
    """
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    for service, rows in bench.sort("year").group_by("service", maintain_order=True):
        name = f"{service[0]} ({rows['country_iso2'][0]})"
        traces.append(
            go.Scatter(
                x=rows["agreement_share_pct"].to_list(),
                y=[name] * rows.height,
                mode="markers",
                marker={"size": 11, "color": _GREY, "symbol": "diamond"},
                hovertext=[
                    f"{name} {r['year']}: {number(r['agreement_share_pct'])} % "
                    f"({r['definition_nl']}); {r['population_nl']}"
                    for r in rows.iter_rows(named=True)
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )
    ours = own.filter(
        (pl.col("year") == year)
        & pl.col("mediation_type").is_in(TYPES)
        & pl.col("agreement_pct").is_not_null()
    )
    for row in ours.iter_rows(named=True):
        name = f"Centrum IKO, {row['mediation_type']} {year}"
        label = count_text(
            row["any_agreement"], row["ended"], "volledig of gedeeltelijk"
        ) + ": " + rate_text(row["any_agreement"], row["ended"])  # fmt: skip
        traces.append(_dot_with_interval(row, "agreement", name, label, size=15))
    fig.add_traces(traces)
    fig.update_layout(
        height=140 + 55 * len(fig.data),
        xaxis={
            "range": [0, 100],
            "ticksuffix": " %",
            "title": {"text": "aandeel met (volledige of gedeeltelijke) overeenkomst"},
            "gridcolor": template.GRID_COLOUR,
        },
    )
    return fit.lay_out(fig, canvas)


def combined_trend_figure(
    rates: pl.DataFrame, data_until_text: str, *, canvas: Canvas = SCREEN
) -> go.Figure:
    """IKO and NIKO together per year: the success rate, its 95 % interval and "x van n"."""
    own = rates.filter((pl.col("mediation_type") == "samen") & (pl.col("ended") > 0)).sort("year")
    colour = TYPE_COLOURS["samen"]
    fig = go.Figure(
        _rate_trace(
            own,
            own["year"].to_list(),
            "IKO en NIKO samen",
            colour,
            [
                f"{number(r['successful'])} van {number(r['ended'])}"
                for r in own.iter_rows(named=True)
            ],
            # above the point, inside the chart (beside the last one it would run off the edge)
            "top center",
        ).update(showlegend=False)
    )
    years = own.select("year", "source", "is_partial_year")
    fig.update_layout(
        height=380,
        # room above 100 % for the "x van n" over an interval that reaches it
        **_trend_axes(years, data_until_text, [-5, 115]),
    )
    return fit.lay_out(fig, canvas)
