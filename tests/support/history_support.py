"""Helpers and fixtures shared by the tier files tests/*/test_history.py."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from dashboard.importer import import_files
from dashboard.importer.published import import_published
from dashboard.paths import REFERENCE_DIR

UNTIL = dt.date(2026, 11, 22)
SINCE = 2015


@pytest.fixture(scope="module")
def history_home(tmp_path_factory) -> Path:
    """A data home with the demo export since 2015 and the 2020 report's figures imported."""
    from states import demo_export

    from dashboard.settings import settings

    export = demo_export(UNTIL, since=SINCE)
    home = tmp_path_factory.mktemp("home")
    result = import_files([export], home, who="test")
    assert result.outcome == "published", result.report_nl()
    assert not result.warnings, result.report_nl()
    figures = import_published(REFERENCE_DIR / "published-2020-figures.csv", home, who="test")
    assert figures.outcome == "published", figures.report_nl()
    before = os.environ.get("IKO_DATA_HOME")
    os.environ["IKO_DATA_HOME"] = str(home)
    settings.cache_clear()
    yield home
    if before is None:
        os.environ.pop("IKO_DATA_HOME", None)
    else:
        os.environ["IKO_DATA_HOME"] = before
    settings.cache_clear()
