"""Running the real dashboard and a real Chromium, for every browser test.

`server` and `browser` (session fixtures in conftest.py) start one `iko-dashboard run` and one
headless Chromium for the whole test run; `open_and_wait` opens a page and waits until
Streamlit has finished drawing it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import chrome
from dashboard.paths import REPO_ROOT

# The server's own helpers live in the package, for the benchmark scripts too; the tests take
# them from here.
from dashboard.server import process
from dashboard.server.process import (  # noqa: F401 - re-exported for the tests
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_SECONDS,
    Server,
    launcher_command,
    stop,
)

ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Text that means the page failed, whatever element shows it.
ERROR_TEXTS = (
    "Traceback (most recent call last)",
    "Page not found",
    "StreamlitAPIException",
    "Connection error",
)


def wait_for_health(server: Server) -> None:
    """`process.wait_for_health`, as a test failure with the server's output."""
    try:
        process.wait_for_health(server)
    except process.NotStarted as exc:
        pytest.fail(str(exc))


@contextlib.contextmanager
def serving(port: int, cwd: Path, log: Path, data_home: Path | None = None) -> Iterator[Server]:
    """`iko-dashboard run` on `port`, as a user starts it, until the block ends. With
    `data_home` it serves that data home instead of the test run's (the demo)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"IKO_DATA_DIR", "IKO_PORT"}}
    if data_home is not None:
        env["IKO_DATA_HOME"] = str(data_home)
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            launcher_command(port),
            # Any directory but the repository: the config must not depend on the cwd.
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so teardown ends all of it
        )
    running = Server(process, port, log)
    try:
        wait_for_health(running)
        yield running
    finally:
        stop(process)


def _local_only(route, refused: list[str]) -> None:
    host = urllib.parse.urlsplit(route.request.url).hostname or ""
    if route.request.url.startswith(("data:", "blob:")) or host in {"127.0.0.1", "localhost"}:
        route.continue_()
    else:
        refused.append(route.request.url)
        route.abort()


def open_and_wait(browser, url: str, *, width: int = 1600, height: int = 1000):
    """Open `url` in a window of `width` x `height` and return the page once Streamlit has
    finished running the script."""
    page = browser.new_page(viewport={"width": width, "height": height}, locale="nl-NL")
    # The dashboard must work with no internet: every request off this machine is refused
    # and written down, so a test can fail on it (see `outside_requests`).
    page.outside_requests = []
    page.route("**/*", lambda route: _local_only(route, page.outside_requests))
    page.goto(url)
    # The footer is the last thing a run draws; then no "running" indicator may be left.
    footer = page.locator(f".st-key-{chrome.FOOTER_KEY}")
    footer.get_by_text("Gegevens tot en met").wait_for(timeout=PAGE_SECONDS * 1000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(
        state="hidden", timeout=PAGE_SECONDS * 1000
    )
    # Elements whose code loads lazily (the data grid) stand in as grey skeletons at first, and
    # the dashboard's own chart element draws its charts one after another.
    page.wait_for_function(
        """() => !document.querySelector(
            '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]')
            && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                .every(c => c.querySelector('.main-svg'))""",
        timeout=PAGE_SECONDS * 1000,
    )
    return page


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label`, as a user does."""
    box = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    box.locator("input").click()
    page.keyboard.type(option)  # the list draws only what fits; typing filters it
    page.get_by_role("option", name=option, exact=True).click()


def assert_no_error(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.url
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, page.url
    body = page.locator("body").inner_text()
    for text in ERROR_TEXTS:
        assert text not in body, f"{page.url}: {text}"


def full_page_screenshot(page, path: Path) -> None:
    # Streamlit scrolls inside its main element, so a "full page" screenshot of the window
    # shows one screen; grow the window to the content first.
    height = page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight),
            document.documentElement.scrollHeight)"""
    )
    page.set_viewport_size({"width": 1600, "height": max(1000, int(height) + 40)})
    page.wait_for_timeout(500)  # let the data grids draw at the new size
    page.screenshot(path=str(path), full_page=True)
