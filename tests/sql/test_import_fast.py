"""The set-wise fast path of the import (`dashboard/importer/fast.py`) against the row-wise
Python validation, over every case of the import corpus: the same outcome, the same findings,
the same published tables. The fast path may only call an export clean when the Python
validation has nothing to say about it, so a rule missing from the fast path fails here on
the corpus case made for that rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from import_corpus import (
    DAMAGED,
    FAULTS,
    WARNINGS,
    Damage,
    Fault,
    Warned,
    build_fault,
    small_export,
    write_export,
)

from dashboard.contract import EXPORT_TABLES
from dashboard.importer import ImportResult, import_files
from dashboard.importer.publish import CURRENT, read_log
from dashboard.importer.read import Limits


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return small_export()


@pytest.fixture(scope="module")
def small() -> dict[str, pl.DataFrame]:
    return small_export(40)


def published(home: Path) -> dict[str, pl.DataFrame]:
    version = home / CURRENT
    return {t: pl.read_parquet(version / t / f"{t}.parquet") for t in EXPORT_TABLES}


def both_ways(paths: list[Path], tmp_path: Path, limits: Limits | None = None) -> str:
    """Import the same files with and without the fast path; assert they agree, and return
    what the fast path said ('clean', or why the Python validation was needed)."""
    results: dict[bool, ImportResult] = {}
    for fast_path in (False, True):
        home = tmp_path / f"home-{fast_path}"
        results[fast_path] = import_files(
            paths, home, who="test", limits=limits, fast_path=fast_path
        )
    python, fast = results[False], results[True]
    assert fast.outcome == python.outcome, fast.report_nl() + "\n---\n" + python.report_nl()
    assert fast.findings == python.findings, fast.report_nl() + "\n---\n" + python.report_nl()
    assert fast.rows_by_table == python.rows_by_table
    assert fast.files == python.files or python.outcome == "rejected"
    if python.outcome == "published":
        for table, frame in published(tmp_path / "home-False").items():
            written = published(tmp_path / "home-True")[table]
            assert written.schema == frame.schema, table
            assert written.equals(frame), table
    said = read_log(tmp_path / "home-True")[-1].get("checks", {})
    assert "python" not in read_log(tmp_path / "home-False")[-1].get("checks", {})
    return said.get("set-wise", "")


# Exports the Python validation accepts without a word, that the fast path still hands to it
# because a value is in a form its checks do not read: none, so far.
DECLINED_THOUGH_CLEAN: set[str] = set()


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_fast_path_agrees(fault: Fault, tables, tmp_path: Path) -> None:
    folder = build_fault(fault, tables, tmp_path / "export")
    said = both_ways([folder], tmp_path)
    assert said != "clean"


@pytest.mark.parametrize("damage", DAMAGED, ids=[d.name for d in DAMAGED])
def test_damage_fast_path_agrees(damage: Damage, small, tmp_path: Path) -> None:
    folder = write_export(small, tmp_path / "export")
    paths = damage.make(small, folder) or [folder]
    said = both_ways(paths, tmp_path, Limits(**(damage.limits or {})))
    clean = damage.outcome == "published" and damage.rule is None
    if clean and damage.name not in DECLINED_THOUGH_CLEAN:
        assert said == "clean", said


@pytest.mark.parametrize("warned", WARNINGS, ids=[w.name for w in WARNINGS])
def test_warning_fast_path_agrees(warned: Warned, tables, tmp_path: Path) -> None:
    changed, _ = warned.make(tables)
    folder = write_export({**tables, **changed}, tmp_path / "export")
    assert both_ways([folder], tmp_path) not in ("clean", "")


def test_valid_export_in_every_format_takes_the_fast_path(tables, tmp_path: Path) -> None:
    for fmt in ("csv", "parquet"):
        folder = write_export(tables, tmp_path / fmt / "export", fmt)
        assert both_ways([folder], tmp_path / fmt) == "clean"
        shutil.rmtree(tmp_path / fmt)


def _hkov_flipped(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    cases = tables["cases"]
    first = cases.get_column("hkov_registered").is_not_null().arg_true().first()
    flip = pl.int_range(pl.len()) == first
    return {
        "cases": cases.with_columns(
            hkov_registered=pl.when(flip)
            .then(~pl.col("hkov_registered"))
            .otherwise(pl.col("hkov_registered"))
        )
    }


def _retired_code(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    cases = tables["cases"]
    recent = (pl.col("opened_date") >= pl.date(2024, 1, 1)) & (pl.col("line") == 2)
    first = cases.select(recent.arg_true().first()).item()
    row = pl.int_range(pl.len()) == first
    return {
        "cases": cases.with_columns(
            category_code=pl.when(row).then(pl.lit("general_advice")).otherwise("category_code")
        )
    }


# The rules no case of the import corpus is made for, made here.
@pytest.mark.parametrize(
    "change", [_hkov_flipped, _retired_code], ids=["hkov_mismatch", "code_era"]
)
def test_rule_outside_the_corpus_fast_path_agrees(change, tables, tmp_path: Path) -> None:
    folder = write_export({**tables, **change(tables)}, tmp_path / "export")
    assert both_ways([folder], tmp_path) not in ("clean", "")


def test_two_files_of_one_name_fast_path_agrees(tables, tmp_path: Path) -> None:
    first = write_export(tables, tmp_path / "a")
    second = write_export(tables, tmp_path / "b")
    paths = sorted(first.iterdir()) + [second / "cases.csv"]
    assert both_ways(paths, tmp_path) not in ("clean", "")
