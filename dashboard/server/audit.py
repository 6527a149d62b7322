"""The publication-mode audit: every page of a year and the lecture, run as a visitor
would open them in publication mode (Streamlit's headless runner, no browser), and each
page's released set checked by integer programming (`dashboard.disclosure`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dashboard import disclosure
from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 180


def page_ledgers(year: int, today: dt.date | None = None) -> Iterator[disclosure.Ledger]:
    """The released set of every page in publication mode for `year` (the lecture on
    /presentatie is the deck: its titles, charts and notes are built together)."""
    from streamlit.testing.v1 import AppTest

    from dashboard.chrome import RELEASE_KEY
    from dashboard.pages import PAGES

    query = {"publicatie": "1", "jaar": str(year)}
    if today is not None:
        query["vandaag"] = today.isoformat()
    for page in PAGES:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params.update(query)
        at.run()
        at.switch_page(page.script).run()
        if at.exception:
            raise RuntimeError(f"/{page.url_path}: {at.exception[0].value}")
        ledger = at.session_state[RELEASE_KEY]
        ledger.name = f"/{page.url_path} {year}"
        yield ledger


def audit(year: int) -> tuple[list[str], int]:
    """The audit in words, page by page, and how many hidden small counts could be worked
    out (0: publication mode holds)."""
    lines, exposed = [], 0
    for ledger in page_ledgers(year):
        lines += disclosure.audit_lines(ledger)
        exposed += len(disclosure.exposed(ledger))
    return lines, exposed
