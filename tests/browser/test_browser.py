"""The real launcher, a real server, a real Chromium.

`iko-dashboard run` is started as a subprocess from an unrelated directory. Without a browser
we check that it printed its address, listens on 127.0.0.1 only, and that every option of
`streamlit_config/config.toml` reaches Streamlit. With headless Chromium (tests marked
`browser`) shared links open their page and year, and the theme of the config file reaches
the page. That every page renders, in every state and width, is tests/browser/test_legibility.py.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from browser_support import (
    PAGE_SECONDS,
    assert_no_error,
    choose,
    open_and_wait,
)

from dashboard import pages
from dashboard.server import launcher


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
    # `config show` leaves out Streamlit's hidden options (runner.postScriptGC): those are read
    # back from the flags the launcher gives `streamlit run`, by Streamlit's own parser.
    flags = dict(f.removeprefix("--").split("=", 1) for f in command if f.startswith("--"))
    hidden = [n for n in expected if n not in effective]
    read_back = (
        "import json, sys; from streamlit import config; "
        "o = config.get_config_options(options_from_flags=json.loads(sys.argv[1])); "
        "print(json.dumps({n: o[n].value for n in json.loads(sys.argv[1])}))"
    )
    given = {n: tomllib.loads(f"v = {flags[n]}")["v"] for n in hidden}
    effective.update(
        json.loads(
            subprocess.run(
                [sys.executable, "-c", read_back, json.dumps(given)],
                capture_output=True, text=True, check=True, cwd=Path.home(), timeout=120,
            ).stdout
        )
    )  # fmt: skip
    assert {name: effective.get(name) for name in expected} == expected
    assert effective["server.port"] == 8599


# -- in Chromium --------------------------------------------------------------------------


@pytest.mark.browser
def test_root_and_shared_links_open_their_page_and_year(server, browser):
    page = open_and_wait(browser, server.url)
    try:
        assert_no_error(page)
        assert page.url == f"{server.url}{pages.PAGES[0].url_path}"
        page.goto(f"{server.url}{pages.PAGES[0].url_path}?jaar=2024")
        page.get_by_text("Gepubliceerd tegenover berekend, 2024").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        assert_no_error(page)
        # choosing a year puts it in the URL; choosing the default takes it out again
        choose(page, "Jaar", "2026")
        page.wait_for_function("() => location.search === '?jaar=2026'")
        page.get_by_text("Gepubliceerd tegenover berekend, 2026").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        choose(page, "Jaar", "2025")
        page.get_by_text("Gepubliceerd tegenover berekend, 2025").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        assert page.url == f"{server.url}{pages.PAGES[0].url_path}", page.url
        # a choice list that finds nothing says so in Dutch ("No results" in Streamlit)
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').click()
        page.keyboard.type("kwispeldoos")
        page.get_by_role("listbox").get_by_text("Niets gevonden").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        assert not page.get_by_text("No results").count()
        page.keyboard.press("Escape")
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


@pytest.mark.browser
def test_trends_speaks_dutch_and_its_measure_picker_works(server, browser):
    page = open_and_wait(browser, server.url + "trends")
    try:
        assert page.evaluate("document.documentElement.lang") == "nl"
        skip = page.locator('[data-testid="stSkipToContent"]')
        assert skip.evaluate("a => a.textContent") == "Naar de inhoud"
        chart = page.locator(".js-plotly-plot").first
        chart.hover()
        titles = chart.locator(".modebar-btn").evaluate_all(
            "buttons => buttons.map(b => b.getAttribute('data-title'))"
        )
        assert "Assen herstellen" in titles, titles
        # no camera (a screen-shaped PNG without title or source): the slide button instead
        assert "Grafiek downloaden als PNG" not in titles, titles
        assert page.get_by_role("button", name="Dia (PNG)").count() >= 1
        assert "Volledig scherm" in titles, titles
        assert not {"Download plot as a PNG", "Zoom in", "Reset axes", "Fullscreen"} & set(titles)
        # our download buttons replace the table's English toolbar
        table = page.locator('[data-testid="stDataFrame"]').first
        table.hover()
        assert not table.locator('[data-testid="stElementToolbar"]').is_visible()
        assert page.get_by_text("Download als CSV").count() >= 1

        # the measure search answers an unknown word in Dutch, and says Enter keeps it in Dutch
        search = page.get_by_role("textbox", name="Zoek een maat")
        search.click()
        page.keyboard.type("kwispeldoos")
        hint = page.locator('[data-testid="InputInstructions"] > span').first
        hint.wait_for(state="attached", timeout=PAGE_SECONDS * 1000)
        assert hint.evaluate("s => getComputedStyle(s, '::after').content") == '"Enter: overnemen"'
        assert hint.evaluate("s => getComputedStyle(s).fontSize") == "0px"  # the English
        page.keyboard.press("Enter")
        page.get_by_text("Geen maat gevonden voor „kwispeldoos”").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        picker = page.locator('[data-testid="stSelectbox"]', has_text="Maat")
        # "ontvoer" puts the abduction cases ("IKO-zaken" in the annual report) first
        search.fill("ontvoer")
        page.keyboard.press("Enter")
        # the chart and the URL follow the pick
        page.locator(
            ".js-plotly-plot .gtitle", has_text="IKO-zaken, ouders namen contact op"
        ).first.wait_for(timeout=PAGE_SECONDS * 1000)
        shown = picker.locator("input").input_value()
        assert shown.endswith("Ontvoeringszaken (IKO-zaken), ouders namen contact op"), shown
        assert not page.get_by_text("No results").count()
        page.wait_for_function("() => location.search.includes('zoek=ontvoer')")
        assert_no_error(page)
    finally:
        page.close()
