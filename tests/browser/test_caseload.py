"""The caseload page: its reports against the published 2025 figures, the open-at-month-end
logic on a hand-made export, the page in AppTest with filters from the URL, and in Chromium."""

from __future__ import annotations

import pytest
from browser_support import PAGE_SECONDS, assert_no_error, choose, open_and_wait
from caseload_support import D

from dashboard.format import month_nl
from dashboard.settings import settings

# -- in Chromium --------------------------------------------------------------------------


# Every chart has had its figure drawn and none waits for another.
ALL_DRAWN = """() => window.ikoChartDraws && window.ikoChartDraws().length >= 5
    && window.ikoChartDraws().every(c => c.hash && !c.waits)"""


def each_chart_is_drawn_once_and_a_tab_redraws_only_its_own_chart(page) -> None:
    """With the dashboard's own chart element (its draw counts)."""
    page.wait_for_function(ALL_DRAWN, timeout=PAGE_SECONDS * 1000)
    charts = page.evaluate("() => window.ikoChartDraws()")
    assert all(c["newPlot"] == 1 and c["react"] == 0 for c in charts), charts
    assert len(page.evaluate("() => window.ikoChartLog")) == len(charts)

    # another tab reruns the page's filtered part: every chart is sent again, and only the
    # contacts chart changed
    page.get_by_role("tab", name="Per kanaal").click()
    page.wait_for_function(
        "() => window.ikoChartDraws().some(c => c.name.includes('per kanaal') && c.hash)"
    )
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")
    page.wait_for_function(ALL_DRAWN)
    drawn = page.evaluate("(n) => window.ikoChartLog.slice(n)", len(charts))
    assert len(drawn) == 1 and "per kanaal" in drawn[0]["name"], drawn


@pytest.mark.browser
def test_caseload_charts_render_and_a_click_on_the_heatmap_picks_the_month(server, browser):
    page = open_and_wait(browser, server.url + "caseload?van=januari+2025&tot=december+2025")
    try:
        assert_no_error(page)
        assert page.locator(".js-plotly-plot .main-svg").count() > 0
        # every chart drew its traces (bars, lines or heatmap cells)
        plots = page.locator(".js-plotly-plot")
        assert plots.count() >= 5
        if settings().chart_element == "eigen":
            each_chart_is_drawn_once_and_a_tab_redraws_only_its_own_chart(page)
        heatmap = page.locator(".js-plotly-plot:has(.hm)")
        heatmap.scroll_into_view_if_needed()
        area = heatmap.locator(".nsewdrag").first.bounding_box()
        # the cell of March (third column) in the first row
        page.mouse.click(area["x"] + area["width"] * 2.5 / 12, area["y"] + area["height"] / 30)
        page.get_by_text(f"Nieuwe Lijn 2-zaken, {month_nl(D(2025, 3, 1), full=True)}").wait_for(
            timeout=PAGE_SECONDS * 1000
        )
        assert_no_error(page)
        assert "van=januari+2025&tot=december+2025" in page.url, page.url

        # another period: the section redraws for it and the URL follows
        choose(page, "Tot en met", "juni 2025")
        page.get_by_text("jan 2025 t/m jun 2025 (6 maanden)").wait_for(timeout=PAGE_SECONDS * 1000)
        page.wait_for_function("() => location.search.includes('tot=juni+2025')")
        page.wait_for_function(
            """() => [...document.querySelectorAll('.js-plotly-plot')]
                .filter(p => p.querySelector('.hm'))
                .some(p => p.querySelectorAll('.xtick').length === 6)"""
        )
        assert_no_error(page)
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1600, 1280])
def test_filters_fit_the_screen(server, browser, width):
    page = open_and_wait(browser, server.url + "caseload")
    try:
        page.set_viewport_size({"width": width, "height": 720})
        page.wait_for_timeout(1000)
        main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
        right = main["x"] + main["width"]
        buttons = page.locator(
            ".st-key-caseload_periode button:visible, .st-key-caseload_filters button:visible"
        )
        labels = []
        for i in range(buttons.count()):
            button = buttons.nth(i)
            box = button.bounding_box()
            text = button.inner_text()
            labels.append(text)
            assert box["x"] + box["width"] <= right + 1, f"{text} loopt van het scherm"
            # the whole label shows, not "Heel 2025 (jaar in de zi…"
            assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), text
        assert {"2025", "Lijn 2", "Alleen derden"} <= set(labels), labels
        # the period choice shows its whole name, and stays on the screen
        choice = page.locator('[data-testid="stSelectbox"]').filter(
            has=page.get_by_text("Periode", exact=True)
        )
        shown = choice.locator("input").evaluate("e => [e.value, e.scrollWidth <= e.clientWidth]")
        assert shown == ["laatste 24 maanden", True], shown
        box = choice.bounding_box()
        assert box["x"] + box["width"] <= right + 1
    finally:
        page.close()
