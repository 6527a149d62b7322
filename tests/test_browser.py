"""The real launcher, a real server, a real Chromium.

`iko-dashboard run` is started as a subprocess from an unrelated directory. Without a browser
we check that it printed its address, listens on 127.0.0.1 only, and that every option of
`streamlit_config/config.toml` reaches Streamlit. With headless Chromium (tests marked
`browser`) every page must render without an exception, with the theme of the config file;
a full-page screenshot of each lands in `test-artifacts/screenshots/`.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard import launcher, ui
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
    base = [str(script)] if script.exists() else [sys.executable, "-m", "dashboard.cli"]
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


@pytest.fixture(scope="module")
def server(free_port, tmp_path_factory) -> Iterator[Server]:
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log = ARTIFACTS / "server.log"
    env = {k: v for k, v in os.environ.items() if k not in {"IKO_DATA_DIR", "IKO_PORT"}}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            launcher_command(port),
            # Any directory but the repository: the config must not depend on the cwd.
            cwd=tmp_path_factory.mktemp("elders"),
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


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def refuses(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(3)
        return sock.connect_ex((host, port)) != 0


def outward_address() -> str | None:
    """This machine's address on its default route, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            address = sock.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


# -- the launcher and the server, no browser needed ---------------------------------------


def test_launcher_prints_the_address(server):
    assert f"Het dashboard staat op {server.url}" in server.output()


def test_server_listens_on_localhost_only(server):
    assert not refuses("127.0.0.1", server.port)
    # A server bound to 0.0.0.0 would also answer on the rest of 127.0.0.0/8 and on the
    # machine's network address; one bound to 127.0.0.1 answers on neither.
    assert refuses("127.0.0.2", server.port)
    address = outward_address()
    if address is not None:
        assert refuses(address, server.port), address


def test_every_config_option_reaches_streamlit():
    """`streamlit config show`, run exactly as the launcher runs `streamlit run`."""
    command = launcher.streamlit_command(port=8599)
    at = command.index("run")
    command[at : at + 2] = ["config", "show"]
    shown = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=Path.home(), timeout=120
    ).stdout

    effective: dict[str, object] = {}
    section = ""
    for line in shown.splitlines():
        line = line.strip()
        if match := re.fullmatch(r"\[([\w.]+)\]", line):
            section = match.group(1)
        elif line and not line.startswith("#") and "=" in line:
            effective.update({f"{section}.{k}": v for k, v in tomllib.loads(line).items()})

    expected = launcher.config_options()
    assert expected, "streamlit_config/config.toml is leeg"
    assert {name: effective.get(name) for name in expected} == expected
    assert effective["server.port"] == 8599


# -- in Chromium --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} ontbreekt (apt-get install chromium, of bash scripts/test.sh)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def open_and_wait(browser, url: str):
    """Open `url` and return the page once Streamlit has finished running the script."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="nl-NL")
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


@pytest.mark.browser
@pytest.mark.parametrize("spec", ui.PAGES, ids=lambda p: p.url_path)
def test_page_renders_in_chromium(server, browser, screenshots, spec):
    page = open_and_wait(browser, server.url + spec.url_path)
    try:
        assert_no_error(page)
        assert page.locator("h1").first.inner_text().strip() == spec.title
        assert "Demonstratiegegevens" in page.locator("body").inner_text()
        assert re.search(rf"/{spec.url_path}\?jaar=\d{{4}}$", page.url), page.url
        full_page_screenshot(page, screenshots / f"{spec.url_path}.png")
    finally:
        page.close()


@pytest.mark.browser
def test_root_and_shared_links_open_their_page_and_year(server, browser):
    page = open_and_wait(browser, server.url)
    try:
        assert_no_error(page)
        assert page.url == f"{server.url}{ui.PAGES[0].url_path}?jaar=2025"
        page.goto(f"{server.url}{ui.PAGES[0].url_path}?jaar=2024")
        page.get_by_text("Gepubliceerd tegenover berekend, 2024").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        assert_no_error(page)
    finally:
        page.close()


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.browser
def test_theme_of_the_config_file_reaches_the_page(server, browser):
    theme = {k.removeprefix("theme."): v for k, v in launcher.config_options().items()}
    page = open_and_wait(browser, server.url + "gegevens")
    try:
        style = page.evaluate(
            """() => ({
                sidebar: getComputedStyle(document.querySelector('[data-testid="stSidebar"]'))
                    .backgroundColor,
                app: getComputedStyle(document.querySelector('[data-testid="stApp"]'))
                    .backgroundColor,
                title: getComputedStyle(document.querySelector('h1')).color,
                rootFontSize: getComputedStyle(document.documentElement).fontSize,
            })"""
        )
        assert style == {
            "sidebar": _rgb(theme["secondaryBackgroundColor"]),
            "app": _rgb(theme["backgroundColor"]),
            "title": _rgb(theme["textColor"]),
            "rootFontSize": f"{theme['baseFontSize']}px",
        }
    finally:
        page.close()
