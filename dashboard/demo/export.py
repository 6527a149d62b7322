"""The demo export on disk: the calibrated years, with the older years in front if asked.

Apart from the generator and the history, which build the tables: the history builds on the
generator's calendar and helpers, so only a module above both may put the two together.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.demo.generator import SEED, generate
from dashboard.demo.history import with_history


def write_demo(
    out_dir: Path, until: dt.date, seed: int = SEED, since: int | None = None
) -> dict[str, int]:
    """Write the demo export as `<out_dir>/<table>/<table>.parquet`; returns rows per table.
    With `since`, the years from `since` to 2023 come first, under that era's registration."""
    tables = generate(until, seed)
    if since is not None:
        tables = with_history(tables, since)
    rows = {}
    for name, df in tables.items():
        folder = out_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.parquet"):
            stale.unlink()
        df.write_parquet(folder / f"{name}.parquet", compression="zstd", statistics=False)
        rows[name] = df.height
    return rows
