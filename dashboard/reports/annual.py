"""The annual overview: headline tiles, the report's breakdowns and its section 7 table.

Pure functions from report rows to what a page shows (tiles, figures, download files); the
numbers themselves come from `mart_annual_measures`, the same the reconciliation test checks.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from dashboard.format import change_pct, number, signed


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
