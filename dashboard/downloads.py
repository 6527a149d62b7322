"""Tables as files people open in Dutch Excel: CSV with semicolons and a byte order mark, XLSX."""

from __future__ import annotations

import io

import polars as pl


def csv_bytes(table: pl.DataFrame) -> bytes:
    # Dutch Excel splits on semicolons (the comma is its decimal sign) and needs the BOM to
    # read UTF-8, or 'Curaçao' arrives as 'CuraÃ§ao'.
    return ("\ufeff" + table.write_csv(separator=";")).encode("utf-8")


def excel_bytes(table: pl.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    table.write_excel(buffer, worksheet=sheet[:31], autofit=True)  # Excel's sheet-name limit
    return buffer.getvalue()
