"""The figures command: every measure of the published vocabulary, computed from the data."""

from __future__ import annotations

import csv
import io

from dashboard.db import Database, open_database


def plain_number(value: float) -> str:
    """Whole numbers without decimals; a ratio (the monthly average) with two."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def figures_csv(year: int, db: Database | None = None) -> str:
    rows = (db or open_database()).run("figures", year=year)
    if rows.is_empty():
        raise ValueError(f"geen gegevens voor {year}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["measure", "value"])
    for measure, value in rows.iter_rows():
        writer.writerow([measure, plain_number(value)])
    return out.getvalue()
