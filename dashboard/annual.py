"""The annual overview: headline tiles, the report's breakdowns and its section 7 table.

Pure functions from report rows to what a page shows (tiles, figures, download files); the
numbers themselves come from `mart_annual_measures`, the same the reconciliation test checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import PALETTE
from dashboard.format import change_pct, number, signed

PREVIOUS_COLOUR = "#AEB7C7"  # last year in a quiet grey, this year in the primary blue


@dataclass(frozen=True)
class Tile:
    group: str
    label: str
    help: str  # the measure in full, with the year before
    value: str
    delta: str | None  # "+3 %" against the year before; None when that year has no data
    previous: str | None


def figure_text(value: float | None) -> str:
    """Counts as counts, a ratio (a monthly average) with one decimal."""
    if value is None:
        return "–"
    return number(value, 0 if float(value).is_integer() else 1)


# Below this many the year before, a change is given as a count, not a percentage: 7 -> 4
# geslaagde mediations is "-3", not "-43 %".
SMALL_BASE = 50


def delta_text(value: float, previous: float | None, pct: float | None) -> str | None:
    if previous is None or pct is None:
        return None
    if previous < SMALL_BASE:
        return signed(value - previous, 0 if float(value - previous).is_integer() else 1)
    return change_pct(pct, decimals=0)


def tiles(headlines: pl.DataFrame) -> list[Tile]:
    return [
        Tile(
            group=r["tile_group"],
            label=r["tile_label"],
            help=r["label_nl"],
            value=figure_text(r["value"]),
            delta=delta_text(r["value"], r["previous_value"], r["change_pct"]),
            previous=None if r["previous_value"] is None else figure_text(r["previous_value"]),
        )
        for r in headlines.iter_rows(named=True)
        if r["value"] is not None
    ]


def breakdown_figure(
    rows: pl.DataFrame,
    year: int,
    unit: str | None = None,
    *,
    compare: bool = True,
    year_label: str | None = None,
    previous_label: str | None = None,
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
        traces.append(
            go.Bar(
                y=labels,
                x=values,
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
    return fig


def age_figure(rows: pl.DataFrame) -> go.Figure:
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
    return fig


OVERVIEW_HEADERS = {
    "category_nl": "Soort zaak",
    "parents_previous": "Ouders {prev}",
    "third_parties_previous": "Derden {prev}",
    "total_previous": "Totaal {prev}",
    "parents": "Ouders {year}",
    "third_parties": "Derden {year}",
    "total": "Totaal {year}",
    "change_pct": "Verschil (%)",
    "change_pct_printed": "Verschil in jaarverslag (%)",
}


def overview_download(
    rows: pl.DataFrame,
    keep: Sequence[str],
    year: int,
    year_label: str,
    previous_label: str | None = None,
) -> pl.DataFrame:
    """The section 7 table as shown (the columns in `keep`), with Dutch headers and the change
    rounded as the report rounds it; `year_label` and `previous_label` head the two periods'
    columns ("2026 t/m 22-11" and "2025 t/m 22-11" for a running year)."""
    headers = {
        k: v.format(prev=previous_label or year - 1, year=year_label)
        for k, v in OVERVIEW_HEADERS.items()
        if k in keep
    }
    # half away from zero, like the report (-3,5 % -> -4 %)
    rounded = (
        (pl.col("change_pct").sign() * (pl.col("change_pct").abs() + 0.5).floor())
        .cast(pl.Int32)
        .alias("change_pct")
    )
    return rows.select(
        rounded if column == "change_pct" else pl.col(column) for column in headers
    ).rename(headers)
