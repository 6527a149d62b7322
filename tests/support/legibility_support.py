"""Measuring the text of the charts and slides in a real browser: what the legibility tests
run on a page (see tests/browser/test_legibility.py)."""

from __future__ import annotations

from browser_support import PAGE_SECONDS

MIN_TEXT_PX = 16
SLIDE_MIN_TEXT_PX = 28
# Glyph boxes of neighbouring lines touch; more than this (px, both ways) is an overlap.
TOLERANCE = 2

# Collects, per chart: its title (its own, else the heading above it), the texts that stick
# out of the chart or out of a clip area they are drawn in, the pairs of texts that overlap,
# the texts smaller than the minimum, and the texts that lie under a control (`controls`: a CSS
# selector of elements that float over the page, e.g. the slide buttons).
CHECK_CHARTS = """
([tolerance, minPx, controls]) => {
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
    const covers = controls ? [...document.querySelectorAll(controls)]
      .filter((c) => visible(c) && !c.closest('.js-plotly-plot'))
      .map((c) => ({c, r: rectOf(c.getBoundingClientRect())}))
      .filter(({r}) => r.r - r.l >= 1 && r.b - r.t >= 1) : [];
    const covered = [];
    for (const {text, r} of texts) {
      for (const {c, r: k} of covers) {
        // within 2 px of a control counts as under it: the text touches the button
        const w = Math.min(r.r, k.r + 2) - Math.max(r.l, k.l - 2);
        const h = Math.min(r.b, k.b + 2) - Math.max(r.t, k.t - 2);
        if (w > 0 && h > 0) {
          const name = label(c) || c.getAttribute('aria-label') || c.tagName.toLowerCase();
          covered.push(`"${text}" onder "${name}"`);
          break;
        }
      }
    }
    // a Sankey label on a node (of the next column)
    const nodes = [...chart.querySelectorAll('.sankey .node-rect')]
      .map((n) => rectOf(n.getBoundingClientRect()))
      .filter((r) => r.r - r.l >= 1 && r.b - r.t >= 1);
    const onNodes = [];
    for (const label of chart.querySelectorAll('.sankey .node-label')) {
      const t = rectOf(label.getBoundingClientRect());
      if (!label.textContent || t.r - t.l < 1) continue;
      for (const n of nodes) {
        const w = Math.min(t.r, n.r) - Math.max(t.l, n.l);
        const h = Math.min(t.b, n.b) - Math.max(t.t, n.t);
        if (w > tolerance && h > tolerance) { onNodes.push(label.textContent); break; }
      }
    }
    results.push({title, texts: texts.length, clipped, overlaps, small, covered, onNodes});
  }
  return results;
}
"""

WAIT_FOR_CHARTS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(c => c.querySelector('.js-plotly-plot svg.main-svg'))"""

# Every shown chart drawn at its container's width. After the window is resized Streamlit gives
# the chart its new width and plotly.js draws it again: under load that came up to 2 s later,
# and measured before, a chart is measured at the width it had (a hidden chart has no width).
CHARTS_AT_WIDTH = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(c => c.clientWidth > 0)
    .every(c => {
        const svg = c.querySelector('.js-plotly-plot svg.main-svg');
        return svg && Math.abs(parseFloat(svg.getAttribute('width')) - c.clientWidth) <= 1;
    })"""

# Where every chart text and every Sankey node is: what may still move once a chart has its
# width (plotly.js moves the nodes into place for about a second).
LAYOUT = """() => [...document.querySelectorAll('.js-plotly-plot text, .sankey .node-rect')]
  .map((e) => { const b = e.getBoundingClientRect(); return `${b.x},${b.y},${b.width}`; })
  .join(';')"""
HAS_SANKEY = "() => document.querySelector('.sankey .node-rect') !== null"
# How long the layout must stand still: a Sankey's nodes slide, so they are compared over a
# longer pause than the other texts, which plotly.js places in one go.
STILL_MS = 200
SANKEY_STILL_MS = 500


def measure(page, min_px: int, controls: str = "") -> list[dict]:
    """The faults of every chart on the page (CHECK_CHARTS), once all are drawn at their width
    and still."""
    page.wait_for_function(WAIT_FOR_CHARTS, timeout=PAGE_SECONDS * 1000)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function(CHARTS_AT_WIDTH, timeout=PAGE_SECONDS * 1000)
    pause = SANKEY_STILL_MS if page.evaluate(HAS_SANKEY) else STILL_MS
    before = None
    while (now := page.evaluate(LAYOUT)) != before:
        before = now
        page.wait_for_timeout(pause)
    return page.evaluate(CHECK_CHARTS, [TOLERANCE, min_px, controls])


def problems(charts: list[dict], where: str) -> list[str]:
    """One line per chart with a fault, naming `where` (state, page, width) and the texts."""
    kinds = (
        ("clipped", "afgesneden"),
        ("overlaps", "overlap"),
        ("small", "te klein"),
        ("covered", "onder een knop"),
        ("onNodes", "op een knoop"),
    )
    return [
        f"{where}, grafiek '{c['title']}': "
        + "; ".join(f"{name}: {', '.join(c[key])}" for key, name in kinds if c.get(key))
        for c in charts
        if any(c.get(key) for key, _ in kinds)
    ]
