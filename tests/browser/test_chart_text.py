"""Every chart's text readable on a projector: nothing cut off, nothing on top of other text.

Every page of the navigation is opened once at 1280 and once at 1920 px wide (the two
projector widths) in a real Chromium, with the app's own font. For every Plotly chart on it,
each visible text element of the SVG (ticks, axis titles, legend entries, annotations, value
labels, Sankey labels) must lie inside the chart's box and inside every clip area it is drawn
in (a legend cut off at its edge, a value label cut by the plot area), be at least 16 px on
screen, and no two text elements may overlap. A failure names the page, the width, the chart
and the texts.
"""

from __future__ import annotations

import pytest
from browser_support import PAGE_SECONDS, assert_no_error, open_and_wait

from dashboard import pages

WIDTHS = {1280: 720, 1920: 1080}
MIN_TEXT_PX = 16
# Glyph boxes of neighbouring lines touch; more than this (px, both ways) is an overlap.
TOLERANCE = 2

# Collects, per chart: its title (its own, else the heading above it), the texts that stick
# out of the chart or out of a clip area they are drawn in, and the pairs of texts that overlap.
_CHECK_CHARTS = """
([tolerance, minPx]) => {
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5')];
  const label = (t) => (t.textContent || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const rectOf = (r) => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
  // A clip path in user space: its rect, in the screen coordinates of the element it clips.
  const clipRect = (el) => {
    const ref = (el.getAttribute('clip-path') || '').match(/url\\(["']?#([^"')]+)/);
    if (!ref) return null;
    const rect = document.getElementById(ref[1])?.querySelector('rect');
    const m = el.getScreenCTM();
    if (!rect || !m) return null;
    const x = rect.x.baseVal.value, y = rect.y.baseVal.value;
    const w = rect.width.baseVal.value, h = rect.height.baseVal.value;
    const a = new DOMPoint(x, y).matrixTransform(m);
    const b = new DOMPoint(x + w, y + h).matrixTransform(m);
    return {l: Math.min(a.x, b.x), t: Math.min(a.y, b.y), r: Math.max(a.x, b.x),
            b: Math.max(a.y, b.y)};
  };
  const outside = (r, box) => r.l < box.l - 1 || r.t < box.t - 1 || r.r > box.r + 1 ||
                              r.b > box.b + 1;
  const results = [];
  for (const chart of charts) {
    const svg = chart.querySelector('svg.main-svg');
    if (!svg || !visible(svg)) continue;
    const box = rectOf(svg.getBoundingClientRect());
    if (box.r - box.l < 1 || box.b - box.t < 1) continue;
    const own = chart.querySelector('.gtitle');
    let title = own ? label(own) : '';
    if (!title) {
      const before = headings.filter(
        (h) => h.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING);
      title = before.length ? label(before[before.length - 1]) : '(zonder titel)';
    }
    const texts = [];
    for (const t of chart.querySelectorAll('text')) {
      if (t.closest('.hoverlayer') || !label(t) || !visible(t)) continue;
      const r = rectOf(t.getBoundingClientRect());
      if (r.r - r.l < 1 || r.b - r.t < 1) continue;
      texts.push({el: t, text: label(t), r});
    }
    // the size on screen: the font size times any scaling (plotly shrinks bar labels so)
    const onScreen = (el) => {
      const m = el.getScreenCTM();
      return parseFloat(getComputedStyle(el).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    };
    const small = texts.filter(({el}) => onScreen(el) < minPx - 0.5)
      .map(({el, text}) => `${text} (${onScreen(el).toFixed(1)} px)`);
    const clipped = [];
    for (const {el, text, r} of texts) {
      if (outside(r, box)) { clipped.push(`${text} (buiten de grafiek)`); continue; }
      for (let a = el; a && a !== chart; a = a.parentElement) {
        const clip = a.hasAttribute && a.hasAttribute('clip-path') ? clipRect(a) : null;
        if (clip && outside(r, clip)) { clipped.push(`${text} (afgesneden)`); break; }
      }
    }
    const overlaps = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
        const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
        if (w > tolerance && h > tolerance) {
          overlaps.push(`"${texts[i].text}" over "${texts[j].text}"`);
        }
      }
    }
    results.push({title, texts: texts.length, clipped, overlaps, small});
  }
  return results;
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("spec", pages.PAGES, ids=[p.url_path for p in pages.PAGES])
def test_chart_text_is_whole_and_apart(server, browser, spec, width):
    page = open_and_wait(browser, server.url + spec.url_path, width=width, height=WIDTHS[width])
    try:
        assert_no_error(page)
        # Every chart drawn (plotly.js loads lazily), in the app's font, before measuring.
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                .every(c => c.querySelector('.js-plotly-plot svg.main-svg'))""",
            timeout=PAGE_SECONDS * 1000,
        )
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(300)  # a chart redraws once after its container settles
        charts = page.evaluate(_CHECK_CHARTS, [TOLERANCE, MIN_TEXT_PX])
    finally:
        page.close()
    problems = [
        f"{spec.url_path} @ {width} px, grafiek '{c['title']}': "
        + "; ".join(
            ([f"afgesneden: {', '.join(c['clipped'])}"] if c["clipped"] else [])
            + ([f"overlap: {', '.join(c['overlaps'])}"] if c["overlaps"] else [])
            + ([f"kleiner dan {MIN_TEXT_PX} px: {', '.join(c['small'])}"] if c["small"] else [])
        )
        for c in charts
        if c["clipped"] or c["overlaps"] or c["small"]
    ]
    assert not problems, "\n".join(problems)
    if spec.url_path != "gegevens":
        assert charts and all(c["texts"] for c in charts), f"{spec.url_path}: geen grafiektekst"
