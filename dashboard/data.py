"""The database and the reports for a Streamlit run, cached per data version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from dashboard.db import Database, open_database
from dashboard.importer.published import IMPORTED as IMPORTED_FIGURES
from dashboard.reports import export
from dashboard.settings import REPORT_CACHE_SECONDS, data_dir_now, settings

# -- data ---------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=3)
def _database(data_dir: Path, data_home: Path) -> Database:
    # data_home is part of the key: the views read imported annual figures from it
    return open_database(data_dir, data_home=data_home)


def database() -> Database:
    """The database of the version to show now: a connection per published version, so a new
    import shows on the next page load, and one page run never mixes two versions."""
    return _database(data_dir_now(), settings().data_home)


# Shared by every session as the same object (a polars frame is not changed in place; every
# page derives new frames from it): cache_data would unpickle a copy for each call, on every
# run of every session.
@st.cache_resource(ttl=REPORT_CACHE_SECONDS, show_spinner=False)
def _report(
    data_dir: Path, data_home: Path, figures_stamp: int, name: str, **params: Any
) -> pl.DataFrame:
    return _database(data_dir, data_home).run(name, **params)


def report(name: str, **params: Any) -> pl.DataFrame:
    """The rows of `queries/reports/<name>.sql`, cached per data version, name and parameters.

    Imported annual figures change without a new data version, so their file's modification
    time is part of the key too.
    """
    return _report(data_dir_now(), settings().data_home, imported_figures_stamp(), name, **params)


def forget_reports() -> None:
    """Drop every cached report (after an import: the old version's rows are not needed)."""
    _report.clear()


def imported_figures_stamp() -> int:
    path = settings().data_home / IMPORTED_FIGURES
    return path.stat().st_mtime_ns if path.is_file() else 0


def export_meta() -> dict[str, Any]:
    return export.export_meta(report)


def available_years() -> list[int]:
    return export.available_years(report)


def default_year(years: Sequence[int], data_until: dt.date) -> int:
    """The last complete year (the year before the data end), else the latest there is."""
    last_complete = data_until.year - 1
    return last_complete if last_complete in years else max(years)
