"""Vakantiepieken Lijn 1: the holiday calendar, the peaks, the outlook arithmetic, the page.

Report queries run on real DuckDB: over the demo export, or over a tiny hand-made export in
tmp_path whose outlook is computed by hand below.
"""

from __future__ import annotations

import pytest
from browser_support import SCREENSHOTS, assert_no_error, full_page_screenshot, open_and_wait


@pytest.mark.browser
def test_vakantiepieken_charts_render_in_chromium(server, browser):
    page = open_and_wait(browser, f"{server.url}vakantiepieken?jaar=2025&vandaag=2026-11-23")
    try:
        assert_no_error(page)
        charts = page.locator(".js-plotly-plot")
        # the page's five charts and, since the backtest became a chart, a sixth
        assert charts.count() == 6
        for i in range(6):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            # a drawn Plotly chart has its traces in the SVG: bars, lines or heatmap image
            chart.locator("g.trace, g.hm image").first.wait_for(state="attached", timeout=30_000)
        body = page.locator("body").inner_text()
        assert "Kerstvakantie" in body or "kerstvakantie" in body
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        full_page_screenshot(page, SCREENSHOTS / "vakantiepieken-2025.png")
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1600, 1280])
def test_vakantiepieken_tables_fit_without_scrolling_sideways(server, browser, width):
    page = open_and_wait(browser, f"{server.url}vakantiepieken?jaar=2025&vandaag=2026-11-23")
    try:
        page.set_viewport_size({"width": width, "height": 720})
        page.wait_for_timeout(1000)
        widths = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
                .map(s => [s.scrollWidth, s.clientWidth])"""
        )
        assert len(widths) == 4
        assert all(scroll <= client + 1 for scroll, client in widths), widths
    finally:
        page.close()
