"""Helpers and fixtures shared by the tier files tests/*/test_chart_png.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
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


@pytest.fixture
def downloads(monkeypatch) -> list[Download]:
    """The PNG downloads a page run offers, as Streamlit registers them: a file name and what
    makes the file when the button is clicked (never during the run)."""
    seen: list[Download] = []
    register = MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        if mimetype == "image/png":
            seen.append((file_name, data))
        return register(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen
