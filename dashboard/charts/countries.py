"""Charts of countries: figure builders over the frames of `dashboard.reports.countries`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.groups import groups
from dashboard.charts.labels import (
    MARKER_SIZE_PX,
    SCATTER_HEIGHT_PX,
    ScatterLabel,
    corner_box,
    place_labels,
)
from dashboard.charts.template import (
    FONT_SIZE,
    GRID_COLOUR,
    LEGEND_RIGHT,
    MIN_FONT_SIZE,
    PALETTE,
    SUBPLOT_TITLES_MARGIN,
    TEXT_COLOUR,
)
from dashboard.format import number
from dashboard.publication import Publication
from dashboard.reports.countries import (
    hkov_split_texts,
    in_top,
    published_places,
    quadrant,
    quadrant_cut,
    rank_column,
    with_places,
)

THREAT_COLOUR = PALETTE[1]  # vermilion: feared
ABDUCTION_COLOUR = PALETTE[2]  # green: taken to
BOTH_COLOUR = PALETTE[0]  # blue: both
QUIET_COLOUR = PALETTE[6]  # grey: few cases
NO_CASES_COLOUR = "#EEF0F4"


QUADRANT_COLOURS = {
    "gevreesd én bestemming": BOTH_COLOUR,
    "gevreesd, maar zelden bestemming": THREAT_COLOUR,
    "bestemming, maar niet gevreesd": ABDUCTION_COLOUR,
    "weinig zaken": QUIET_COLOUR,
}


# -- chart builders ----------------------------------------------------------------------


def _hidden_axis() -> dict[str, Any]:
    return {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": True}


# The slope chart's three kinds of line: a country in both tops, or in one only.
SLOPE_GROUPS = {
    "both": ("in beide tops", BOTH_COLOUR),
    "threat": ("gevreesd, zelden bestemming", THREAT_COLOUR),
    "outgoing": ("bestemming, niet gevreesd", ABDUCTION_COLOUR),
}
# The names of the two lists, above their first places at the chart's left and right edge:
# in the middle of the room above place 1, clear of a legend above the plot area however
# narrow the place labels leave the margin.
SLOPE_ENDS = ((-0.06, "left", "Dreiging (preventie)"), (1.06, "right", "Uitgaande ontvoering"))


def _ranked(df: pl.DataFrame, publication: Publication | None) -> pl.DataFrame:
    """`df` with each country's places; with `publication` hidden counts share one place, and
    a list ranks only countries whose count it shows (their order would tell counts apart)."""
    if publication is None:
        return with_places(df)
    df = published_places(df, publication)
    for which in ("threat", "outgoing"):
        rank = rank_column(which)  # type: ignore[arg-type]
        df = df.with_columns(
            pl.when(pl.col(f"{which}_cases") >= publication.threshold).then(pl.col(rank))
        )
    return df


def _slope_lines(
    rows: Mapping[str, Mapping[str, Any]],
    y_left: Mapping[str, float],
    y_right: Mapping[str, float],
    bottom: float,
    count: Callable[[Any], str],
) -> list[go.Scatter]:
    """One trace per group, its countries' lines apart by a gap (None): three traces, not
    twenty. A country outside one top ends at the bottom row."""
    points: dict[str, dict[str, list]] = {g: {"x": [], "y": [], "hover": []} for g in SLOPE_GROUPS}
    for country in dict.fromkeys([*y_left, *y_right]):
        row = rows[country]
        group = (
            "both" if country in y_left and country in y_right
            else "threat" if country in y_left else "outgoing"
        )  # fmt: skip
        hover = (
            f"<b>{country}</b><br>dreiging: plaats {row['threat_place']}"
            f" ({count(row['threat_cases'])} zaken)<br>uitgaande ontvoering: plaats "
            f"{row['outgoing_place']} ({count(row['outgoing_cases'])} zaken)"
        )
        own = points[group]
        own["x"] += [0, 1, None]
        own["y"] += [y_left.get(country, bottom), y_right.get(country, bottom), None]
        own["hover"] += [hover, hover, None]
    return [
        go.Scatter(
            x=own["x"],
            y=own["y"],
            mode="lines+markers",
            line={"color": SLOPE_GROUPS[group][1], "width": 4 if group == "both" else 2.5},
            marker={"size": 12, "color": SLOPE_GROUPS[group][1]},
            name=SLOPE_GROUPS[group][0],
            hovertext=own["hover"],
            hoverinfo="text",
            connectgaps=False,
        )
        for group, own in points.items()
        if own["x"]
    ]


def _place_axis(
    places: Sequence[float], labels: Sequence[str], bottom: float, outside: str
) -> dict:
    """The places of one list as the tick labels of a value axis: the margin grows to the
    longest name, and the labels keep their distance from the dots at any width."""
    return {
        **_hidden_axis(),
        "visible": True,
        "showline": False,
        "ticks": "",
        "range": [bottom + 0.7, -0.6],
        "tickmode": "array",
        "tickvals": [*places, bottom],
        "ticktext": [*labels, outside],
        "tickfont": {"size": MIN_FONT_SIZE},
        "ticklabelstandoff": 12,
    }


def rank_slope_figure(
    df: pl.DataFrame,
    top: int,
    *,
    newcomers: Mapping[str, Collection[str]] | None = None,
    publication: Publication | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Threat place (left) against outgoing-abduction place (right) for every country in either
    top `top`; a country outside one top ends at the bottom row. The countries `newcomers`
    names per list (`countries.newcomers`, as the table of new countries) are marked "nieuw".

    With `publication`, hidden counts read "<5" and share one place, and only countries whose
    count in a list is shown are placed in that list's top (their order would tell counts
    apart)."""
    count = number if publication is None else publication.count
    df = _ranked(df, publication)
    rows = {r["country_nl"]: r for r in df.iter_rows(named=True)}
    tops = {which: in_top(df, which, top) for which in ("threat", "outgoing")}
    bottom = max(len(tops["threat"]), len(tops["outgoing"])) + 1.5
    places = {which: {c: i + 1 for i, c in enumerate(t)} for which, t in tops.items()}
    axes = {}
    for which, own in places.items():
        new = set((newcomers or {}).get(which, ()))
        labels = [
            f"{rows[c][f'{which}_place']}. {c} ({count(rows[c][f'{which}_cases'])})"
            + (" <b>nieuw</b>" if c in new else "")
            for c in own
        ]
        axes[which] = _place_axis(list(own.values()), labels, bottom, f"<i>buiten de top {top}</i>")
    lines = _slope_lines(rows, places["threat"], places["outgoing"], bottom, count)
    # one invisible point on the right axis, so plotly.js draws it
    right_axis_point = go.Scatter(
        x=[1], y=[bottom], yaxis="y2", mode="markers", marker={"opacity": 0},
        showlegend=False, hoverinfo="skip",
    )  # fmt: skip
    fig = go.Figure([*lines, right_axis_point])
    fig.update_layout(
        height=int(90 + 42 * (bottom + 1)),
        xaxis={**_hidden_axis(), "range": [-0.06, 1.06]},
        yaxis=axes["threat"],
        yaxis2={**axes["outgoing"], "overlaying": "y", "side": "right"},
        annotations=[
            {"x": x, "y": 0.2, "text": f"<b>{text}</b>", "showarrow": False,
             "yanchor": "middle", "xanchor": anchor, "font": {"size": FONT_SIZE}}
            for x, anchor, text in SLOPE_ENDS
        ],
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        hovermode="closest",
    )  # fmt: skip
    return fit.lay_out(fig, canvas)


# The quadrant names in three corners: x, y (paper), anchors, text.
QUADRANT_CORNERS = (
    (0.99, 0.99, "right", "top", "gevreesd én bestemming"),
    (0.99, 0.01, "right", "bottom", "gevreesd, maar zelden bestemming"),
    (0.03, 0.99, "left", "top", "bestemming, maar niet gevreesd"),
)


def _scatter_points(
    df: pl.DataFrame, top: int, threat_cut: float, outgoing_cut: float
) -> pl.DataFrame:
    """The countries with a case in either list, each with its quadrant and, at the first
    country of a spot, the names of the countries there in either top (a line each: narrow,
    in a crowded corner)."""
    shown = df.filter((pl.col("threat_cases") > 0) | (pl.col("outgoing_cases") > 0))
    shown = shown.with_columns(
        pl.struct("threat_cases", "outgoing_cases")
        .map_elements(
            lambda r: quadrant(r["threat_cases"], r["outgoing_cases"], threat_cut, outgoing_cut),
            return_dtype=pl.String,
        )
        .alias("quadrant_nl"),
        ((pl.col("threat_rank") <= top) | (pl.col("outgoing_rank") <= top))
        .fill_null(False)
        .alias("named"),
    )
    return shown.with_columns(
        pl.when(pl.col("named"))
        .then(pl.col("country_nl"))
        .otherwise(None)
        .sort_by("country_nl")
        .str.join(",<br>")
        .over("threat_cases", "outgoing_cases")
        .alias("spot_label"),
        pl.col("country_nl").rank("ordinal").over("threat_cases", "outgoing_cases").alias("nth"),
    ).sort("threat_cases", "outgoing_cases")


def _quadrant_traces(shown: pl.DataFrame, positions: Mapping[str, str]) -> list[go.Scatter]:
    """A trace of points per quadrant, in its colour, the spots' labels where placed."""
    traces = []
    for name, part in groups(shown, "quadrant_nl", QUADRANT_COLOURS):
        colour = QUADRANT_COLOURS[name]
        traces.append(
            go.Scatter(
                x=part["threat_cases"].to_list(),
                y=part["outgoing_cases"].to_list(),
                mode="markers+text",
                text=[
                    (label or "") if nth == 1 else ""
                    for label, nth in zip(part["spot_label"], part["nth"], strict=True)
                ],
                textposition=[positions.get(c, "top center") for c in part["country_nl"]],
                textfont={"size": MIN_FONT_SIZE, "color": colour},
                marker={"size": MARKER_SIZE_PX, "color": colour, "opacity": 0.85,
                        "line": {"color": "white", "width": 1}},
                name=name,
                customdata=part.select("country_nl").to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>dreiging: %{x} zaken"
                "<br>uitgaande ontvoering: %{y} zaken<extra></extra>",
            )
        )  # fmt: skip
    return traces


def threat_vs_abduction_scatter(
    df: pl.DataFrame, top: int, *, canvas: Canvas = SCREEN
) -> go.Figure:
    """Threat cases (x) against outgoing abduction cases (y) per country, split into quadrants
    at the top-`top` cut of each list; countries in either top are named."""
    threat_cut = quadrant_cut(df, "threat", top)
    outgoing_cut = quadrant_cut(df, "outgoing", top)
    shown = _scatter_points(df, top, threat_cut, outgoing_cut)
    x_max = float(shown["threat_cases"].max() or 1) * 1.08 + 1
    y_max = float(shown["outgoing_cases"].max() or 1) * 1.15 + 2
    labelled = shown.filter((pl.col("nth") == 1) & pl.col("spot_label").is_not_null())
    positions = place_labels(
        [
            ScatterLabel(r["country_nl"], r["threat_cases"], r["outgoing_cases"], r["spot_label"])
            for r in labelled.iter_rows(named=True)
        ],
        obstacles=list(zip(shown["threat_cases"], shown["outgoing_cases"], strict=True)),
        x_range=(-0.5, x_max),
        y_range=(-1.5, y_max),
        blocked=[corner_box(*corner[:5]) for corner in QUADRANT_CORNERS],
    )
    cuts = [
        {"type": "line", "line": {"color": GRID_COLOUR, "dash": "dash", "width": 2}, **line}
        for line in (
            {"x0": threat_cut, "x1": threat_cut, "y0": -1.5, "y1": y_max},
            {"x0": -0.5, "x1": x_max, "y0": outgoing_cut, "y1": outgoing_cut},
        )
    ]
    corners = [
        {"x": x, "y": y, "xref": "paper", "yref": "paper", "xanchor": xanchor,
         "yanchor": yanchor, "text": f"<b>{text}</b>", "showarrow": False,
         "bgcolor": "rgba(255,255,255,0.8)",
         "font": {"size": MIN_FONT_SIZE, "color": QUADRANT_COLOURS[text]}}
        for x, y, xanchor, yanchor, text in QUADRANT_CORNERS
    ]  # fmt: skip
    fig = go.Figure(_quadrant_traces(shown, positions))
    fig.update_layout(
        height=SCATTER_HEIGHT_PX,
        xaxis={"title": {"text": "zaken met dreiging naar het land"}, "range": [-0.5, x_max]},
        yaxis={"title": {"text": "uitgaande ontvoeringszaken"}, "range": [-1.5, y_max]},
        shapes=cuts,
        annotations=corners,
    )
    return fit.lay_out(fig, canvas)


def country_map_figure(
    df: pl.DataFrame,
    value: str,
    value_label: str,
    outlines: Iterable[str],
    *,
    publication: Publication | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """A world map: every country with a shape drawn in light grey, countries with cases in
    `value` coloured by their count. `outlines` are the ISO-3 codes the map can draw.

    With `publication` every hidden count gets one and the same colour and reads "<5"."""
    shapes = set(outlines)
    with_cases = df.filter((pl.col(value) > 0) & pl.col("country_iso3").is_in(list(shapes)))
    count = number if publication is None else publication.count
    with_cases = with_cases.with_columns(
        pl.col(value).map_elements(count, return_dtype=pl.String).alias("_count_text")
    )
    if publication is not None:
        with_cases = with_cases.with_columns(
            pl.when(pl.col(value) < publication.threshold)
            .then(pl.lit(publication.threshold / 2))
            .otherwise(pl.col(value))
            .alias(value)
        )
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            locations=sorted(shapes),
            z=[0] * len(shapes),
            locationmode="ISO-3",
            colorscale=[[0, NO_CASES_COLOUR], [1, NO_CASES_COLOUR]],
            showscale=False,
            marker={"line": {"color": "white", "width": 0.5}},
            hoverinfo="skip",
            name="geen zaken",
        )
    )
    fig.add_trace(
        go.Choropleth(
            locations=with_cases["country_iso3"].to_list(),
            z=with_cases[value].to_list(),
            locationmode="ISO-3",
            colorscale=[[0, "#C9D6EE"], [1, PALETTE[0]]],
            zmin=0,
            marker={"line": {"color": "white", "width": 0.5}},
            # the unit on every tick: a title above the bar would meet its top tick
            colorbar={"ticksuffix": " zaken", "thickness": 16, "len": 0.8},
            customdata=with_cases.select("country_nl", "_count_text").to_numpy(),
            hovertemplate=f"<b>%{{customdata[0]}}</b><br>%{{customdata[1]}} {value_label}"
            "<extra></extra>",
            name=value_label,
        )
    )
    fig.update_geos(
        projection_type="natural earth",
        lonaxis_range=[-180, 180],
        lataxis_range=[-58, 85],
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor="white",
        showland=True,
        landcolor=NO_CASES_COLOUR,
        bgcolor="white",
    )
    fig.update_layout(height=520, margin={"l": 0, "t": 10, "b": 0})
    return fit.lay_out(fig, canvas)


def hkov_split_figure(
    df: pl.DataFrame,
    by_country: pl.DataFrame,
    *,
    publication: Publication | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """Cases and children of outgoing and incoming abductions, HKOV against non-HKOV.

    With `publication` a hidden count is not drawn (its bar length would give it away) and
    reads "<5" or "×", decided with the countries of `by_country` (the split adds them up)."""
    published = None if publication is None else hkov_split_texts(df, publication, by_country)
    fig = make_subplots(rows=1, cols=2, subplot_titles=("Zaken", "Kinderen"), shared_yaxes=True)
    colours = {"HKOV-land": PALETTE[0], "geen HKOV-land": PALETTE[1], "onbekend": QUIET_COLOUR}
    bars: list[go.Bar] = []  # added at once, not one call each
    for group in df["hkov_nl"].unique(maintain_order=True).to_list():
        part = df.filter(pl.col("hkov_nl") == group)
        for col, value in ((1, "cases"), (2, "children")):
            texts = [number(v) for v in part[value]]
            lengths = part[value].to_list()
            if published is not None:
                keys = [f"{d} · {group}" for d in part["direction_nl"]]
                texts = [published[(k, value)] for k in keys]
                lengths = [v if t == number(v) else 0 for v, t in zip(lengths, texts, strict=True)]
            bars.append(
                go.Bar(
                    y=part["direction_nl"].to_list(),
                    x=lengths,
                    orientation="h",
                    name=group,
                    legendgroup=group,
                    showlegend=col == 1,
                    marker_color=colours.get(group, QUIET_COLOUR),
                    text=texts,
                    textposition="inside" if published is None else "auto",
                    insidetextanchor="middle",
                    textfont={"color": "white", "size": 16},
                    outsidetextfont={"color": TEXT_COLOUR, "size": 16},
                    hovertemplate=f"{group}: %{{text}}<extra>%{{y}}</extra>",
                    xaxis="x" if col == 1 else "x2",
                    yaxis="y" if col == 1 else "y2",
                )
            )
    fig.add_traces(bars)
    fig.update_layout(
        barmode="stack",
        height=300,
        yaxis={"autorange": "reversed"},
        # at the right: the panel titles take the line right above the plot area
        legend=LEGEND_RIGHT,
        margin=SUBPLOT_TITLES_MARGIN,
    )
    fig.update_annotations(font={"size": FONT_SIZE, "color": TEXT_COLOUR})
    return fit.lay_out(fig, canvas)


def followup_by_country_figure(df: pl.DataFrame, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Families whose prevention case was followed by an abduction case, per country."""
    ordered = df.sort(["families", "country_nl"], descending=[False, True])
    fig = go.Figure(
        go.Bar(
            y=ordered["country_nl"].to_list(),
            x=ordered["families"].to_list(),
            orientation="h",
            marker_color=PALETTE[0],
            text=[
                f"{number(f)} · mediaan {number(m, 1)} mnd"
                for f, m in zip(ordered["families"], ordered["median_months_to_abduction"],
                                strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} gezinnen<extra></extra>",
        )
    )  # fmt: skip
    x_max = float(ordered["families"].max() or 1)
    fig.update_layout(
        height=max(220, 60 + 36 * ordered.height),
        xaxis={"title": {"text": "gezinnen"}, "range": [0, x_max * 1.9], "dtick": 1},
    )
    return fit.lay_out(fig, canvas)
