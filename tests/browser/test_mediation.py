"""The mediation page (issue #6): the Wilson interval, the report queries on the demo data and
on small Parquet written here, the chart builders, the page in AppTest and in Chromium."""

from __future__ import annotations

import pytest
from browser_support import assert_no_error, full_page_screenshot, open_and_wait
from legibility_support import MIN_TEXT_PX, measure
from legibility_support import problems as legibility_problems

from dashboard.paths import REPO_ROOT


@pytest.mark.browser
def test_mediation_page_in_chromium(server, browser):
    page = open_and_wait(browser, server.url + "mediation?jaar=2025")
    try:
        assert_no_error(page)
        page.get_by_text("Toon cijfers van andere mediationdiensten").click()
        page.get_by_text("Grijze ruiten").wait_for(timeout=60_000)
        plots = page.locator(".js-plotly-plot")
        plots.nth(7).locator(".main-svg").first.wait_for(timeout=60_000)
        # 2 funnels, rate, trend, both types together, children, durations, context
        assert plots.count() == 8
        for i in range(plots.count()):
            assert plots.nth(i).bounding_box()["height"] > 200
        svg_text = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')]"
            ".map(p => p.textContent).join(' ')"
        )
        assert "1 van 16 beëindigde IKO-mediations: 6 % (1–28 %)" in svg_text
        assert "Verzoeken: 27" in svg_text
        assert_no_error(page)
        out = REPO_ROOT / "test-artifacts" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        full_page_screenshot(page, out / "mediation-2025-context.png")
    finally:
        page.close()


FLOW_VIEWS = [
    (f"mediation?jaar={year}{mode}", year, mode)
    for year in (2024, 2026)
    for mode in ("", "&publicatie=1")
]


@pytest.mark.browser
@pytest.mark.parametrize(("path", "year", "mode"), FLOW_VIEWS)
def test_sankey_labels_lie_apart_from_each_other_and_the_nodes(server, browser, path, year, mode):
    """The years the legibility matrix does not open (it shows the default year); the slide
    canvases of every year are the unit tests' (tests/unit/test_mediation.py)."""
    page = open_and_wait(browser, server.url + path, width=1280, height=900)
    problems = []
    try:
        for width in (1280, 1366, 1920):
            page.set_viewport_size({"width": width, "height": 900})
            charts = measure(page, MIN_TEXT_PX)
            flows = [c for c in charts if "verzoek" in c["title"]]
            assert flows, path
            problems += legibility_problems(flows, f"/{path} @ {width} px")
    finally:
        page.close()
    assert not problems, "\n".join(problems)
