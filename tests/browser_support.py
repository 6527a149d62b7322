"""Running the real dashboard and a real Chromium, for every browser test.

`server` and `browser` (session fixtures in conftest.py) start one `iko-dashboard run` and one
headless Chromium for the whole test run; `open_and_wait` opens a page and waits until
Streamlit has finished drawing it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard import ui
from dashboard.paths import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
# Headless Chromium as root, offline, with no background traffic. Playwright gives every
# launch a fresh temporary profile (it refuses --user-data-dir in `launch`).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
STARTUP_SECONDS = 90
PAGE_SECONDS = 90
# Text that means the page failed, whatever element shows it.
ERROR_TEXTS = (
    "Traceback (most recent call last)",
    "Page not found",
    "StreamlitAPIException",
    "Connection error",
)


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def launcher_command(port: int) -> list[str]:
    """The installed console script, as a user runs it (`uv run iko-dashboard run`)."""
    script = Path(sys.executable).with_name("iko-dashboard")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "dashboard.server.cli"]
    return [*base, "run", "--port", str(port)]


def wait_for_health(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"het dashboard stopte meteen:\n{server.output()}")
        try:
            with urllib.request.urlopen(server.url + "_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"geen /_stcore/health binnen {STARTUP_SECONDS} s:\n{server.output()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


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
    footer = page.locator(f".st-key-{ui.FOOTER_KEY}")
    footer.get_by_text("Gegevens tot en met").wait_for(timeout=PAGE_SECONDS * 1000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(
        state="hidden", timeout=PAGE_SECONDS * 1000
    )
    # Elements whose code loads lazily (the data grid) stand in as grey skeletons at first.
    page.wait_for_function(
        """() => !document.querySelector(
            '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]')""",
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
