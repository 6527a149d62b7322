"""Ten years of demo history (`iko-dashboard demo --since 2015`): the export of the old
registration imports, 2020 gives the 2020 report's figures, and every page renders it."""

from __future__ import annotations

from pathlib import Path

import pytest
from history_support import SINCE
from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda p: p.url_path)
def test_every_page_renders_ten_years(history_home: Path, page: pages.PageSpec) -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.switch_page(page.script).run()  # at the page, as its link opens it
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [page.title]
    if page.url_path == "trends":
        assert [h.value for h in at.header] == [f"Meerjarige trends, {SINCE}–2026"]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_publication_mode_gives_no_small_count_away_with_ten_years(history_home, year) -> None:
    """The audit of every page and the lecture in publication mode (as `iko-dashboard audit`)
    on ten years: the years pooled, the trends and the tables reach back to 2015."""
    from dashboard import disclosure
    from dashboard.server.audit import page_ledgers

    audited = {ledger.name: disclosure.exposed(ledger) for ledger in page_ledgers(year)}
    assert {f"/{p.url_path} {year}" for p in pages.PAGES} == set(audited)
    assert not {page: found for page, found in audited.items() if found}
