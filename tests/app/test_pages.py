"""Every page of the navigation runs in AppTest with its title, the demo banner and the footer.

The page list comes from `dashboard.pages.PAGES`, the definition the app navigates by, so a new
page is tested the moment it is registered.
"""

from __future__ import annotations

import pytest
from pages_support import APP, DEMO_BANNER
from streamlit.testing.v1 import AppTest

from dashboard import chrome, pages
from dashboard.format import date_nl

# The first run creates every DuckDB view; a slow CI machine needs more than AppTest's 3 s.
TIMEOUT = 120


@pytest.fixture(scope="module")
def data_until_text(demo_db) -> str:
    data_until = demo_db.run("export_meta")["data_until"][0]
    return f"Gegevens tot en met {date_nl(data_until)}"


def open_page(page: pages.PageSpec | None = None, **query: str) -> AppTest:
    """Open the app as a browser would ("/", with a query string), then go to `page`."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()
    if page is not None:
        at.switch_page(page.script).run()
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda p: p.url_path)
def test_page_runs_with_its_chrome(page, data_until_text):
    at = open_page(page)

    assert not at.exception, [e.value for e in at.exception]
    assert texts(at.title) == [page.title]
    assert DEMO_BANNER in texts(at.warning)
    assert any(c.startswith(data_until_text) for c in texts(at.caption)), texts(at.caption)
    # the sidebar offers the year only where it changes the page
    year_boxes = [s for s in at.sidebar.selectbox if s.key == chrome.YEAR_PARAM]
    assert len(year_boxes) == (1 if page.by_year else 0)
    if page.by_year:
        assert year_boxes[0].value == 2025


def test_root_opens_the_first_page():
    at = open_page()
    assert not at.exception
    assert texts(at.title) == [pages.PAGES[0].title]
    assert at.selectbox(key="jaar").value == 2025
    # Streamlit leaves the default out of the URL
    assert "jaar" not in at.query_params


def test_year_in_the_url_selects_the_year():
    at = open_page(jaar="2024")
    assert not at.exception
    assert at.selectbox(key="jaar").value == 2024
    assert "Gepubliceerd tegenover berekend, 2024" in texts(at.header)
    assert at.query_params["jaar"] == "2024"


def test_year_survives_a_page_without_it():
    at = open_page(jaar="2024")
    at.switch_page("page_scripts/gegevens.py").run()
    assert not at.sidebar.selectbox
    at.switch_page("page_scripts/jaaroverzicht.py").run()
    assert "Gepubliceerd tegenover berekend, 2024" in texts(at.header)


def test_choosing_a_year_changes_the_page():
    # That the URL follows is the browser's part (tests/test_browser.py).
    at = open_page()
    at.selectbox(key="jaar").select(2024).run()
    assert "Gepubliceerd tegenover berekend, 2024" in texts(at.header)


def test_unknown_year_in_the_url_is_dropped_and_said():
    at = open_page(jaar="2023")
    assert not at.exception
    assert at.selectbox(key="jaar").value == 2025
    assert "jaar" not in at.query_params
    assert (
        "De link vroeg om jaar „2023”; die waarde kent deze pagina niet, dus staat hier 2025."
        in (texts(at.info))
    )
    again = open_page(jaar="2024")
    assert not any(i.startswith("De link vroeg") for i in texts(again.info))
