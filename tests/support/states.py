"""The data states people really use the dashboard in, as data homes for a server or a test.

- "demo": the demo export as shipped (an empty data home; the app reads the embedded demo).
- "sinds2015": a demo export reaching back to 2015 (`iko-dashboard demo --since 2015`), imported.
- "gepubliceerd": the shipped demo plus published annual figures for 2015–2023 imported on
  /gegevens: the 2020 report's file from data/reference and a series for the other years.

The demo exports the tests import are generated once per test run (`demo_export`), whichever
worker asks first: the since-2015 export alone takes ten seconds to generate.

Publication mode is a URL parameter on any of these (`?publicatie=1`), not a state of its own.
The series stands in for annual reports we do not have as files: it is the `figures` command's
output for 2015–2023 on a demo reaching back to 2015, so every published measure has a value of
the demo's own scale, and the 2020 report's real figures are imported over it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

STATES = ("demo", "sinds2015", "gepubliceerd")
UNTIL = dt.date(2026, 11, 22)
SINCE = 2015
SERIES_YEARS = range(2015, 2024)


# Where `demo_export` keeps what it generated, for every process of the test run (conftest.py
# points it at the run's shared temporary folder).
CACHE_ENV = "IKO_TEST_EXPORTS"


@contextlib.contextmanager
def _locked(path: Path):
    """Holds an exclusive lock on `path` for the block: one process at a time."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def demo_export(until: dt.date, since: int | None = None) -> Path:
    """The folder `write_demo(folder, until, since=since)` writes, generated once per test run:
    a test reads it (imports it) and never writes into it."""
    from dashboard.demo.export import write_demo

    if not os.environ.get(CACHE_ENV):  # outside pytest (conftest.py sets it): this process's own
        os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="iko-demo-exports-")
    cache = Path(os.environ[CACHE_ENV])
    cache.mkdir(parents=True, exist_ok=True)
    folder = cache / f"demo-{until.isoformat()}-{since or 'standaard'}"
    with _locked(cache / f"{folder.name}.lock"):
        if not folder.is_dir():
            building = cache / f"{folder.name}.bezig"
            shutil.rmtree(building, ignore_errors=True)
            write_demo(building, until, since=since)
            building.rename(folder)  # whole or not at all, for the other workers
    return folder


def copy_export(export: Path, folder: Path) -> Path:
    """`export`'s files written into `folder` as a new export would be: replaced, with a
    modification time of now (the demo's marts notice a new export by size and time)."""
    shutil.copytree(export, folder, copy_function=shutil.copy, dirs_exist_ok=True)
    return folder


def published_series(root: Path) -> Path:
    """A published-figures CSV for 2015–2023, computed from the "sinds2015" state's data."""
    from dashboard.db import open_database
    from dashboard.paths import DATA_ROOT

    path = root / "jaarcijfers-2015-2023.csv"
    if path.exists():
        return path
    home = make_state("sinds2015", root)
    db = open_database(settings_data_dir(home), DATA_ROOT, home)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["year", "measure", "value", "section", "note"])
        for year in SERIES_YEARS:
            for measure, value in db.run("figures", year=year).iter_rows():
                writer.writerow([year, measure, value, "", "reeks uit de demo sinds 2015"])
    return path


def settings_data_dir(home: Path) -> Path:
    """The data folder an import into `home` published (what the settings would pick)."""
    import os

    from dashboard.settings import settings

    before = os.environ.get("IKO_DATA_HOME")
    os.environ["IKO_DATA_HOME"] = str(home)
    settings.cache_clear()
    try:
        return settings().data_dir
    finally:
        if before is None:
            os.environ.pop("IKO_DATA_HOME", None)
        else:
            os.environ["IKO_DATA_HOME"] = before
        settings.cache_clear()


def make_state(state: str, root: Path) -> Path:
    """A data home in `root` for `state` (see the module's doc), ready for a server."""
    from dashboard.importer import import_files
    from dashboard.importer.published import import_published
    from dashboard.paths import REFERENCE_DIR

    home = root / f"home-{state}"
    if home.exists():
        return home
    home.mkdir(parents=True)
    if state == "sinds2015":
        result = import_files([demo_export(UNTIL, since=SINCE)], home, who="test")
        assert result.outcome == "published", result.report_nl()
    elif state == "gepubliceerd":
        for path in (published_series(root), REFERENCE_DIR / "published-2020-figures.csv"):
            result = import_published(path, home, who="test")
            assert result.outcome == "published", result.report_nl()
    elif state != "demo":
        raise ValueError(state)
    return home
