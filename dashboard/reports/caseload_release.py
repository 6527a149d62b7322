"""The caseload heatmap's counts in publication mode: Lijn 2's new cases per category and
month, released as one set with each month's total (the line chart above it draws it) and
each category's total over the period (the totals table), so a hidden month of a category
is not that total less the months shown."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.disclosure import Release
from dashboard.publication import Publication

TOTAL = "totaal"


def heatmap_release(df: pl.DataFrame, publication: Publication) -> Release:
    release = Release("caseload", publication.threshold, publication.min_denominator)
    months = sorted(set(df["month"]))
    categories = df.unique("category_code", maintain_order=True)["category_nl"].to_list()
    grid = {(r["category_nl"], r["month"]): r["cases"] for r in df.iter_rows(named=True)}
    for month in months:
        cells = [release.cell(("lijn 2", c, month), grid.get((c, month), 0)) for c in categories]
        total = sum(grid.get((c, month), 0) for c in categories)
        release.relate(release.cell(("lijn 2", TOTAL, month), total, fixed=True), cells)
    for category in categories:
        total = sum(grid.get((category, m), 0) for m in months)
        release.relate(
            release.cell(("lijn 2", category, TOTAL), total, fixed=True),
            (("lijn 2", category, m) for m in months),
        )
    return release


def heatmap_texts(
    df: pl.DataFrame, publication: Publication | None
) -> dict[tuple[str, dt.date], str] | None:
    """Each cell's text as released ("<5", "×"), keyed (category, month); None for staff."""
    if publication is None or df.is_empty():
        return None
    release = heatmap_release(df, publication)
    return {
        (c, m): release.text(("lijn 2", c, m))
        for c in df["category_nl"].unique()
        for m in df["month"].unique()
    }
