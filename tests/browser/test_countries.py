"""The country page (issue #5): threat against abduction per country.

The reports run on real DuckDB: over the demo export against the annual report 2025 (values
read from data/reference, never retyped), and over a small export made here with given rows
and expected results. The page runs in AppTest; the map in a real Chromium with every request
to another host blocked.
"""

from __future__ import annotations

import pytest
from browser_support import (
    PAGE_SECONDS,
    SCREENSHOTS,
    assert_no_error,
    choose,
    full_page_screenshot,
    open_and_wait,
)

# -- the map in Chromium, offline -----------------------------------------------------------


class OfflineBrowser:
    """Opens pages in a context that aborts every request to a host other than this machine."""

    def __init__(self, browser):
        self.browser = browser
        self.blocked: list[str] = []
        self.local: list[tuple[str, int]] = []

    def new_page(self, **options):
        context = self.browser.new_context(**options)

        def handle(route):
            host = route.request.url.split("/")[2].split(":")[0]
            if host in {"127.0.0.1", "localhost"}:
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", handle)
        page = context.new_page()
        page.on("response", lambda r: self.local.append((r.url, r.status)))
        return page


@pytest.mark.browser
def test_map_draws_country_shapes_with_no_outside_network(server, browser):
    offline = OfflineBrowser(browser)
    page = open_and_wait(offline, server.url + "landen?jaar=2025")
    try:
        assert_no_error(page)
        shapes = page.locator(".js-plotly-plot .geo path.choroplethlocation")
        shapes.first.wait_for(timeout=60_000)
        drawn = shapes.count()
        print(f"country shapes drawn: {drawn}; blocked requests: {offline.blocked}")
        assert drawn > 100
        assert not [u for u in offline.blocked if "plot.ly" in u or "topojson" in u]
        topojson = [s for u, s in offline.local if u.endswith("/topojson/world_110m.json")]
        assert topojson and topojson[0] == 200
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        full_page_screenshot(page, SCREENSHOTS / "landen-offline.png")

        # another year: the page, the period in the sidebar and the URL follow
        page.set_viewport_size({"width": 1600, "height": 1000})
        choose(page, "Jaar", "2026")
        wait = PAGE_SECONDS * 1000
        page.get_by_text("Dreiging en ontvoering per land, 2026").wait_for(timeout=wait)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("Periode: 2026").wait_for(timeout=wait)
        assert sidebar.get_by_text("Aantal jaren tot en met 2026").count() == 1
        assert page.url.endswith("landen?jaar=2026"), page.url
        sidebar.get_by_role("radio", name="2", exact=True).click()
        page.get_by_text("Dreiging en ontvoering per land, 2025–2026").wait_for(timeout=wait)
        sidebar.get_by_text("Periode: 2025–2026").wait_for(timeout=wait)
        page.wait_for_function("() => location.search.includes('jaren=2')")
        assert "jaar=2026" in page.url, page.url
        assert_no_error(page)
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1600, 1280])
def test_country_table_fits_without_scrolling_sideways(server, browser, width):
    page = open_and_wait(browser, server.url + "landen?jaar=2025")
    try:
        page.set_viewport_size({"width": width, "height": 720})
        page.wait_for_timeout(1000)
        widths = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
                .filter(s => s.clientWidth > 0).map(s => [s.scrollWidth, s.clientWidth])"""
        )
        assert widths and all(scroll <= client + 1 for scroll, client in widths), widths
    finally:
        page.close()
