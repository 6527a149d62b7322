"""Every page of the navigation runs in AppTest with its title, the demo banner and the footer.

The page list comes from `dashboard.pages.PAGES`, the definition the app navigates by, so a new
page is tested the moment it is registered.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import chrome, data, pages
from dashboard.db import open_database
from dashboard.format import date_nl
from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
# The first run creates every DuckDB view; a slow CI machine needs more than AppTest's 3 s.
TIMEOUT = 120

DEMO_BANNER = (
    "Demonstratiegegevens — geen echte cijfers van Centrum IKO. 2024 en 2025 zijn geijkt op het "
    "jaarverslag 2025; vanaf 1 januari 2026 doorgetrokken."
)


@pytest.fixture(scope="module")
def data_until_text() -> str:
    data_until = open_database().run("export_meta")["data_until"][0]
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


def test_page_list_is_complete():
    assert [p.url_path for p in pages.PAGES] == [
        "jaaroverzicht", "trends", "caseload", "vakantiepieken", "landen", "mediation",
        "presentatie", "gegevens",
    ]  # fmt: skip
    for page in pages.PAGES:
        assert (APP.parent / page.script).is_file(), page.script


def test_no_pages_folder_beside_the_entry_point():
    # With a pages/ folder Streamlit falls back to its old multipage mode and runs a page
    # script without app.py around it (see dashboard/pages.py).
    assert not (APP.parent / "pages").exists()


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


def test_the_product_names_no_issue_numbers():
    # The product speaks of itself only: no "issue #3" on a page, in the README or the code.
    sources = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "dashboard").rglob("*.py"))]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        # (a Streamlit issue, named where we work around it, is not ours)
        assert not re.search(r"(?<!streamlit )\bissues? ?#?\d", text, flags=re.I), path


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


def test_default_year_is_the_last_complete_year():
    assert data.default_year([2024, 2025, 2026], dt.date(2026, 11, 22)) == 2025
    assert data.default_year([2024, 2025, 2026], dt.date(2027, 1, 3)) == 2026
    # no complete year in the data yet: the latest there is
    assert data.default_year([2026], dt.date(2026, 11, 22)) == 2026


def test_demo_notice_is_composed_from_the_export_metadata():
    meta = {"is_demo": True, "extrapolated_from": dt.date(2026, 1, 1)}
    assert chrome.demo_notice(meta, [2024, 2025, 2026]) == DEMO_BANNER
    assert chrome.demo_notice(meta, [2025, 2026]).endswith(
        "2025 is geijkt op het jaarverslag 2025; vanaf 1 januari 2026 doorgetrokken."
    )
    later = {"is_demo": True, "extrapolated_from": dt.date(2027, 3, 1)}
    assert "2024, 2025 en 2026 zijn geijkt op het jaarverslag 2026; vanaf 1 maart 2027" in (
        chrome.demo_notice(later, [2024, 2025, 2026, 2027])
    )
    plain = {"is_demo": True, "extrapolated_from": None}
    assert chrome.demo_notice(plain, [2025]) == (
        "Demonstratiegegevens — geen echte cijfers van Centrum IKO."
    )
    assert chrome.demo_notice({"is_demo": False, "extrapolated_from": None}, [2025]) is None
