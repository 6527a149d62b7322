"""/presentatie's controls (arrows, slide number, notes, download, back to the dashboard) never
stand on a slide's text, at the sizes the lecture is given at."""

from __future__ import annotations

import re

import pytest
from browser_support import PAGE_SECONDS

from dashboard.charts.canvas import MIN_TEXT_PX
from dashboard.presentation import slides

# A projector and a full-HD screen; both 16:9 like the slides.
SIZES = [(1280, 720), (1920, 1080)]
# Closer than this counts as touching.
CLEAR_PX = 2

# Every control's box against every text of the slide's figure; and the texts under 28 px.
_CHECK = """
([clear, minPx]) => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const name = (el) => (el.innerText || el.getAttribute('aria-label') ||
    el.getAttribute('data-testid') || el.tagName).replace(/\\s+/g, ' ').trim().slice(0, 30);
  const controls = [...document.querySelectorAll(
      '.st-key-dia_knoppen :is(button, input, a, [data-testid="stCaptionContainer"])')]
    .map((el) => ({name: name(el), r: box(el)})).filter(({r}) => r.r > r.l && r.b > r.t);
  const texts = [...document.querySelectorAll('.st-key-dia_scherm svg text')]
    .filter((t) => t.textContent.trim() && !t.closest('.hoverlayer'))
    .map((t) => ({text: t.textContent.trim().slice(0, 40), r: box(t),
                  px: parseFloat(getComputedStyle(t).fontSize)}))
    .filter(({r}) => r.r > r.l && r.b > r.t);
  const covered = [];
  for (const c of controls) for (const t of texts) {
    const w = Math.min(c.r.r, t.r.r) - Math.max(c.r.l, t.r.l);
    const h = Math.min(c.r.b, t.r.b) - Math.max(c.r.t, t.r.t);
    if (w > -clear && h > -clear) covered.push(`"${c.name}" op "${t.text}"`);
  }
  const small = texts.filter((t) => t.px < minPx - 0.5).map((t) => `${t.text} (${t.px} px)`);
  const title = document.querySelector('.st-key-dia_scherm .gtitle');
  return {title: title ? title.textContent : '', controls: controls.length,
          texts: texts.length, covered, small};
}
"""
_NEW_TITLE = """
(previous) => {
  const title = document.querySelector('.st-key-dia_scherm .gtitle');
  return title !== null && title.textContent !== previous;
}
"""
_TWO_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


_DRAWN_AT = """
([width, height]) => {
  const svg = document.querySelector('.st-key-dia_scherm svg.main-svg');
  return svg !== null && svg.getBoundingClientRect().width === width &&
    document.querySelector('.st-key-dia_knoppen').getBoundingClientRect().bottom <= height;
}
"""


@pytest.mark.browser
def test_the_controls_never_cover_the_text_of_a_slide(server, browser):
    # One page for every slide and both sizes: the arrow key leafs on, as the presenter does,
    # and the window is resized on each slide (plotly redraws it, Streamlit does not rerun).
    width, height = SIZES[0]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="nl-NL")
    try:
        page.goto(server.url + "presentatie?jaar=2025&dia=1")
        page.locator(".st-key-dia_scherm .main-svg").first.wait_for(timeout=2 * PAGE_SECONDS * 1000)
        counter = page.locator(".st-key-dia_knoppen").get_by_text(re.compile(r"^van \d+$"))
        count = int(counter.inner_text().split()[-1])
        problems, previous = [], None
        for number in range(1, count + 1):
            if number > 1:
                page.keyboard.press("ArrowRight")
                page.wait_for_function(_NEW_TITLE, arg=previous, timeout=PAGE_SECONDS * 1000)
            for width, height in SIZES if number % 2 else reversed(SIZES):
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_function(_DRAWN_AT, arg=[width, height], timeout=10_000)
                page.evaluate(_TWO_FRAMES)
                found = page.evaluate(_CHECK, [CLEAR_PX, MIN_TEXT_PX])
                previous = found["title"]
                assert found["controls"] >= 5 and found["texts"], (number, found)
                where = f"{width}×{height}, dia {number} ('{found['title']}')"
                problems += [f"{where}: {c}" for c in found["covered"]]
                if width == slides.WIDTH:  # the slides' own size: nothing under 28 px
                    problems += [
                        f"{where}: kleiner dan {MIN_TEXT_PX} px: {s}" for s in found["small"]
                    ]
        assert count >= 8
        assert not problems, "\n".join(problems)
    finally:
        page.close()
