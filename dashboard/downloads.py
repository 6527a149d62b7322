"""Tables as files people open in Dutch Excel: CSV with semicolons, a decimal comma and a byte
order mark; XLSX with a sheet that says what the numbers are (demo or real, up to which day)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
import xlsxwriter

from dashboard.format import date_nl

NOTES_SHEET = "Toelichting"


def csv_bytes(table: pl.DataFrame) -> bytes:
    # Dutch Excel splits on semicolons (the comma is its decimal sign, so decimals get one
    # too: 156,6, not 156.6, which it would read as 1.566) and needs the BOM to read UTF-8,
    # or 'Curaçao' arrives as 'CuraÃ§ao'.
    return ("\ufeff" + table.write_csv(separator=";", decimal_comma=True)).encode("utf-8")


def excel_bytes(table: pl.DataFrame, sheet: str, notes: Sequence[str] = ()) -> bytes:
    """The table on `sheet`, and `notes` (if any) one per row on a second sheet."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as workbook:
        table.write_excel(workbook, worksheet=sheet[:31], autofit=True)  # Excel's limit
        if notes:
            pl.DataFrame({NOTES_SHEET.lower(): list(notes)}).write_excel(
                workbook, worksheet=NOTES_SHEET, autofit=True
            )
    return buffer.getvalue()


def notes(meta: Mapping[str, Any], *extra: str) -> list[str]:
    """What a downloaded table must say about itself: the source, up to which day, and that
    demo data is demo data."""
    lines = ["Centrum IKO-dashboard"]
    if meta["is_demo"]:
        lines.append("DEMONSTRATIEGEGEVENS: geen echte cijfers van Centrum IKO.")
    lines += [
        f"Bron: {meta['source']}",
        f"Gegevens tot en met {date_nl(meta['data_until'])}; export van "
        f"{date_nl(meta['export_date'])}.",
        *extra,
    ]
    return lines


def file_stem(stem: str, meta: Mapping[str, Any], *, until: dt.date | None = None) -> str:
    """'overzicht-2026' -> 'overzicht-2026-tm-2026-11-22-demo': a file name that does not let
    a running year or demo data pass for something else once it leaves the dashboard."""
    if until is not None:
        stem += f"-tm-{until.isoformat()}"
    return stem + ("-demo" if meta["is_demo"] else "")
