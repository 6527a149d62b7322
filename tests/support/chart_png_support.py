"""Helpers shared by the tier files tests/*/test_chart_png.py."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
LABEL = "Dia (PNG)"

Download = tuple[str, Callable[[], bytes]]


def open_page(page: pages.PageSpec, seen: list[Download], **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()
    seen.clear()  # "/" shows the first page; only `page` counts
    at.switch_page(page.script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def slide_of(download: Download):  # type: ignore[no-untyped-def]
    """The slide figure a download renders: the page's chart built again for the slide."""
    build, chart = download[1].args  # type: ignore[attr-defined]
    return build(canvas=chart.canvas), chart
