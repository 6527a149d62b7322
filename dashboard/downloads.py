"""Tables as files people open in Dutch Excel: CSV with semicolons, a decimal comma and a byte
order mark; XLSX with a sheet that says what the numbers are (demo or real, up to which day).

No text the dashboard writes becomes a formula in the spreadsheet that opens it: a value such as
`=HYPERLINK(...)` (from an export, a country name, a typed name) is data, not an instruction."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
import xlsxwriter

from dashboard.format import date_nl

NOTES_SHEET = "Toelichting"
# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): = + - @ at the start,
# also after a tab or carriage return that Excel drops.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number with a sign ("-4", "-3,5 %") stays a number, not a formula: nothing to disarm.
SIGNED_NUMBER = r"^[+-][0-9][0-9.,]*( ?%)?$"


def neutralise(text: str) -> str:
    """`'=HYPERLINK(...)` for `=HYPERLINK(...)`: the leading apostrophe makes a spreadsheet show
    the text instead of running it. Anything else is returned as it is."""
    if text.startswith(FORMULA_START) and not re.match(SIGNED_NUMBER, text):
        return "'" + text
    return text


def neutralised(table: pl.DataFrame) -> pl.DataFrame:
    """Every text column with `neutralise` applied (numbers, dates are never formulas)."""
    texts = [name for name, dtype in table.schema.items() if dtype == pl.String]
    return table.with_columns(
        pl.when(
            pl.col(name).str.contains(r"^[=+\-@\t\r]") & ~pl.col(name).str.contains(SIGNED_NUMBER)
        )
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in texts
    )


def csv_bytes(table: pl.DataFrame) -> bytes:
    # Dutch Excel splits on semicolons (the comma is its decimal sign, so decimals get one
    # too: 156,6, not 156.6, which it would read as 1.566) and needs the BOM to read UTF-8,
    # or 'Curaçao' arrives as 'CuraÃ§ao'.
    text = neutralised(table).write_csv(separator=";", decimal_comma=True)
    return ("\ufeff" + text).encode("utf-8")


def excel_bytes(table: pl.DataFrame, sheet: str, notes: Sequence[str] = ()) -> bytes:
    """The table on `sheet`, and `notes` (if any) one per row on a second sheet."""
    buffer = io.BytesIO()
    # A text cell stays text (never a formula), so no apostrophe is needed or shown in Excel.
    with xlsxwriter.Workbook(buffer, {"strings_to_formulas": False}) as workbook:
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
