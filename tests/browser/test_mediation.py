"""The mediation page (issue #6): the Wilson interval, the report queries on the demo data and
on small Parquet written here, the chart builders, the page in AppTest and in Chromium."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from browser_support import assert_no_error, full_page_screenshot, open_and_wait

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


def _chart_text() -> ModuleType:
    """The check of every chart's text (tests/browser/test_chart_text.py), loaded from its file
    (test modules are imported by path, not by name)."""
    spec = importlib.util.spec_from_file_location(
        "chart_text_check", Path(__file__).with_name("test_chart_text.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Per Sankey diagram on the page: its labels that lie on a node (of the next column).
_LABELS_ON_NODES = """
() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter((chart) => chart.querySelector('.sankey')).map((chart) => {
    const box = (el) => el.getBoundingClientRect();
    const nodes = [...chart.querySelectorAll('.sankey .node-rect')].map(box)
      .filter((r) => r.width >= 1 && r.height >= 1);
    const hits = [];
    for (const label of chart.querySelectorAll('.sankey .node-label')) {
      const t = box(label);
      if (!label.textContent || t.width < 1) continue;
      for (const n of nodes) {
        const w = Math.min(t.right, n.right) - Math.max(t.left, n.left);
        const h = Math.min(t.bottom, n.bottom) - Math.max(t.top, n.top);
        if (w > 2 && h > 2) hits.push(label.textContent);
      }
    }
    return hits;
  })
"""
# Until the nodes stand still: plotly.js moves them into place when the figure changes.
_NODES_AT = """() => [...document.querySelectorAll('.sankey .node-rect')]
  .map((r) => { const b = r.getBoundingClientRect(); return `${b.x},${b.y}`; }).join(';')"""

FLOW_VIEWS = [
    *(("mediation?jaar={year}{mode}", width, 900) for width in (1280, 1366, 1920)),
    *(("presentatie?jaar={year}&dia=6{mode}", width, height)
      for width, height in ((1280, 720), (1920, 1080))),
]  # fmt: skip


@pytest.mark.browser
@pytest.mark.parametrize(("path", "width", "height"), FLOW_VIEWS)
def test_sankey_labels_lie_apart_from_each_other_and_the_nodes(
    server, browser, path, width, height
):
    chart_text = _chart_text()
    problems = []
    for year in (2024, 2025, 2026):
        for mode in ("", "&publicatie=1"):
            url = server.url + path.format(year=year, mode=mode)
            page = open_and_wait(browser, url, width=width, height=height)
            try:
                page.wait_for_function(
                    "() => document.querySelectorAll('.sankey .node-label').length", timeout=60_000
                )
                page.evaluate("document.fonts.ready.then(() => true)")
                before = None
                while (now := page.evaluate(_NODES_AT)) != before:
                    before = now
                    page.wait_for_timeout(700)
                charts = page.evaluate(
                    chart_text._CHECK_CHARTS, [chart_text.TOLERANCE, chart_text.MIN_TEXT_PX]
                )
                on_nodes = page.evaluate(_LABELS_ON_NODES)
            finally:
                page.close()
            flows = [c for c in charts if "verzoek" in c["title"]]
            assert flows, url
            problems += [f"{url}: {c['title']}: {c['overlaps'] + c['clipped']}"
                         for c in flows if c["overlaps"] or c["clipped"]]  # fmt: skip
            problems += [f"{url}: op een knoop: {hits}" for hits in on_nodes if hits]
    assert not problems, "\n".join(problems)
