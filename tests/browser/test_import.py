"""Importing real exports: the malformed corpus, warnings, re-imports, encodings, and kills
mid-import."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from import_corpus import (
    published_checksums,
    small_export,
    write_export,
)

from dashboard.contract import EXPORT_TABLES
from dashboard.importer import import_files
from dashboard.importer.publish import CURRENT, MANIFEST, read_log
from dashboard.paths import REPO_ROOT


def table_rows(version: Path) -> dict[str, int]:
    return {t: pl.read_parquet(version / t / f"{t}.parquet").height for t in EXPORT_TABLES}


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return small_export()


@pytest.fixture(scope="module")
def home(tables, tmp_path_factory) -> Path:
    """A data home with one valid export published, shared by the corpus cases."""
    home = tmp_path_factory.mktemp("home")
    folder = write_export(tables, tmp_path_factory.mktemp("valid"))
    result = import_files([folder], home, who="test")
    assert result.outcome == "published", result.report_nl()
    return home


@pytest.fixture(scope="module")
def small() -> dict[str, pl.DataFrame]:
    return small_export(40)


KILLS = 20


def test_killed_import_leaves_old_or_new_set_complete(tmp_path) -> None:
    old, new = small_export(300, 0), small_export(2500, 3000)
    old_rows = {t: df.height for t, df in old.items()}
    new_rows = {t: df.height for t, df in new.items()}
    home = tmp_path / "home"
    folders = {
        "old": write_export(old, tmp_path / "old"),
        "new": write_export(new, tmp_path / "new"),
    }
    assert import_files([folders["old"]], home, who="test").outcome == "published"
    command = [sys.executable, "-m", "dashboard.server.cli", "import", "--data-home", str(home)]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}

    started = time.monotonic()
    subprocess.run([*command, str(folders["new"])], env=env, check=True, capture_output=True)
    full_run = time.monotonic() - started
    assert table_rows(home / CURRENT) == new_rows

    rng = random.Random(20260115)
    seen = set()
    for _ in range(KILLS):
        target = "old" if table_rows(home / CURRENT) == new_rows else "new"
        process = subprocess.Popen(
            [*command, str(folders[target])],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, full_run * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()

        rows = table_rows(home / CURRENT)
        assert rows in (old_rows, new_rows)
        assert (home / CURRENT / MANIFEST).is_file()
        wanted = new_rows if target == "new" else old_rows
        seen.add("finished" if rows == wanted else "interrupted")
    # both sides of the swap must have been hit, or the test proved nothing
    assert seen == {"finished", "interrupted"}, seen

    # the next import clears what the kills left half-written and still works
    result = import_files([folders["new"]], home, who="test")
    assert result.outcome in ("published", "unchanged")
    assert not list(home.glob(".tmp-*")) and not list((home / "versions").glob(".tmp-*"))
    assert table_rows(home / CURRENT) == new_rows


def test_missing_named_file_is_an_error_even_beside_published_files(small, tmp_path) -> None:
    home = tmp_path / "home"
    folder = write_export(small, tmp_path / "export")
    files = sorted(folder.iterdir())
    assert import_files(files, home, who="test").outcome == "published"
    before = published_checksums(home)
    typo = folder / "cases_febuari.csv"

    result = import_files([*files, typo], home, who="test")

    assert result.outcome == "rejected", result.report_nl()
    assert [(f.rule, f.file) for f in result.errors] == [("file_missing", "cases_febuari.csv")]
    assert published_checksums(home) == before
    # the command line says the same, in Dutch, with exit code 2 and no traceback
    command = [sys.executable, "-m", "dashboard.server.cli", "import", "--data-home", str(home)]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    run = subprocess.run(
        [*command, *map(str, files), str(typo)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "FOUT cases_febuari.csv: Het bestand bestaat niet." in run.stdout
    assert "Traceback" not in run.stderr + run.stdout
    assert [r["outcome"] for r in read_log(home)] == ["published", "rejected", "rejected"]
