"""The loaded export itself: its facts (source, data date, demo or not) and the years it has.

Typed report functions; no Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

Runner = Callable[..., pl.DataFrame]


def export_meta(run: Runner) -> dict[str, Any]:
    """The export's one row of facts (`export_meta.sql`): `data_until`, `export_date`,
    `is_demo`, `source`, ..."""
    return run("export_meta").row(0, named=True)


def available_years(run: Runner) -> list[int]:
    """The calendar years the export has cases in (`available_years.sql`), oldest first."""
    return run("available_years")["year"].to_list()
