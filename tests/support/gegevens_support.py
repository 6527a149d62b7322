"""Helpers shared by the tier files tests/*/test_gegevens.py."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl


def parquet_bytes(df: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.write_parquet(buffer)
    return buffer.getvalue()


WINTER = dt.datetime(2026, 11, 23, 8, 15, tzinfo=dt.UTC)  # CET, UTC+1
SUMMER = dt.datetime(2026, 7, 1, 8, 15, tzinfo=dt.UTC)  # CEST, UTC+2
