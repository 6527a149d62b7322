"""Helpers shared by the tier files tests/*/test_trends.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from dashboard.importer.published import import_published

# Test figures, not from any real annual report: three years before the export, and a 2024
# value that disagrees with the data (the demo's 2024 Lijn 2 count is the published 1.821).
OLDER = """year,measure,value,section,note
2021,cases.total,8012,2,testcijfer
2022,cases.total,8830,2,testcijfer
2023,cases.total,9960,2,testcijfer
2023,abduction.cases,171,5,testcijfer
2024,cases.line2,2700,2,testcijfer dat afwijkt
"""


def import_older(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "oudere-jaarverslagen.csv"
    path.write_text(OLDER, encoding="utf-8")
    result = import_published(path, home, who="test")
    assert result.outcome == "published", result.report_nl()


def rows_of(df: pl.DataFrame, measure: str) -> dict[int, dict]:
    return {r["year"]: r for r in df.filter(measure=measure).iter_rows(named=True)}


D = dt.date
