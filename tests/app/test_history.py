"""Ten years of demo history (`iko-dashboard demo --since 2015`): the export of the old
registration imports, 2020 gives the 2020 report's figures, and every page renders it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from history_support import SINCE, UNTIL
from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.importer import import_files
from dashboard.importer.published import import_published
from dashboard.paths import REFERENCE_DIR, REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"


@pytest.fixture(scope="module")
def history_home(tmp_path_factory) -> Path:
    """A data home with the demo export since 2015 and the 2020 report's figures imported."""
    from dashboard.demo.export import write_demo
    from dashboard.settings import settings

    export = tmp_path_factory.mktemp("export")
    home = tmp_path_factory.mktemp("home")
    write_demo(export, UNTIL, since=SINCE)
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


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda p: p.url_path)
def test_every_page_renders_ten_years(history_home: Path, page: pages.PageSpec) -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page(page.script).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [page.title]
    if page.url_path == "trends":
        assert [h.value for h in at.header] == [f"Meerjarige trends, {SINCE}–2026"]
