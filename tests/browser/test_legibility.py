"""Every chart and slide legible in every state people reach: a matrix in a real Chromium.

States (tests/support/states.py): the demo as shipped, a demo reaching back to 2015, the demo
with published annual figures for 2015–2023 imported, and publication mode on the demo. One
server per data state; each page is opened once per state and measured at 1280, 1366 and 1920
px wide by resizing the same window. Every slide of /presentatie is measured at 1280×720 and
1920×1080, with its controls counting as content, in the demo and with published history.

For every Plotly chart, each visible text element of its SVG must lie inside the chart and
inside every clip area it is drawn in, be at least 16 px on screen (28 px on a slide), and no
two texts may overlap (tests/support/legibility_support.py). A failure names the state, the
page or slide, the width, the chart and both texts.

On a laptop's screen (1366×768) the answer comes first: in the demo and in publication mode the
first chart of every page (on /jaaroverzicht the first key figure) starts in the first screen.
"""

from __future__ import annotations

import pytest
from browser_support import (
    ARTIFACTS,
    PAGE_SECONDS,
    SCREENSHOTS,
    assert_no_error,
    open_and_wait,
    serving,
)
from legibility_support import (
    MIN_TEXT_PX,
    SLIDE_MIN_TEXT_PX,
    measure,
    problems,
)
from states import make_state

from dashboard import pages

WIDTHS = (1280, 1366, 1920)
# A laptop: the width and the height of its window. Other widths are measured 800 px high.
LAPTOP = (1366, 768)
# The laptop's width measured last: the page's full screenshot at that width grows the window,
# which redraws every chart, and then there is no other width to shrink it back for.
MEASURE_ORDER = (*(w for w in WIDTHS if w != LAPTOP[0]), LAPTOP[0])
# What answers the page, and its name in a failure; /gegevens has no chart.
FIRST_CHART = ('[data-testid="stPlotlyChart"]', "de eerste grafiek")
FIRST_ANSWER = {"jaaroverzicht": ('[data-testid="stMetric"]', "het eerste kerncijfer")}
FIRST_SCREEN_VIEWS = ("demo", "publicatiemodus")
# The top of the first `selector` under the main area's top, scrolled to the top; None if none.
FIRST_TOP = """(selector) => {
    const main = document.querySelector('[data-testid="stMain"]');
    main.scrollTop = 0;
    const first = document.querySelector(selector);
    return first && first.getBoundingClientRect().top - main.getBoundingClientRect().top;
}"""
SLIDE_SIZES = ((1280, 720), (1920, 1080))
# The views of the matrix: a data state and the URL parameters it is seen with.
VIEWS = {
    "demo": ("demo", ""),
    "publicatiemodus": ("demo", "publicatie=1"),
    "sinds2015": ("sinds2015", ""),
    "gepubliceerd": ("gepubliceerd", ""),
}
SLIDE_STATES = ("demo", "gepubliceerd")
# The slides the presenter can add: measured in one state, with the deck they join.
ADDED_SLIDES = {"demo": "&waarom_dia=1"}
PAGE_SPECS = [p for p in pages.PAGES if p.url_path != "presentatie"]
# Everything of /presentatie that floats over the slide.
CONTROLS = (
    '.st-key-dia_knoppen button, .st-key-dia_knoppen [data-testid="stSelectbox"], '
    '.st-key-dia_knoppen [data-testid="stCaptionContainer"], .st-key-dia_knoppen a'
)
# All text of the slide's chart: it changes when the next slide is drawn.
SLIDE_TEXT = """() => [...document.querySelectorAll('.st-key-dia_scherm svg.main-svg text')]
    .map(t => t.textContent).join('|')"""
# How many chart views were measured, per test: written to test-artifacts/legibility.txt.
MEASURED: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _write_counts():
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{name}: {n}" for name, n in sorted(MEASURED.items())]
    lines.append(f"samen: {sum(MEASURED.values())} grafiekweergaven gemeten")
    (ARTIFACTS / "legibility.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def state_homes(tmp_path_factory):
    root = tmp_path_factory.mktemp("toestanden")
    return {state: make_state(state, root) for state in ("sinds2015", "gepubliceerd")}


@pytest.fixture(scope="module")
def servers(server, state_homes, free_port, tmp_path_factory):
    """A function from a data state to its server; one server for each state, started when
    first asked for and kept until the module ends."""
    started = {"demo": server}
    stack = []

    def get(state: str):
        if state not in started:
            cm = serving(
                free_port(),
                tmp_path_factory.mktemp("elders"),
                ARTIFACTS / f"server-{state}.log",
                state_homes[state],
            )
            started[state] = cm.__enter__()
            stack.append(cm)
        return started[state]

    yield get
    for cm in reversed(stack):
        cm.__exit__(None, None, None)


def screenshot(page, path) -> None:
    """The whole page at the window's width: Streamlit scrolls inside its main element, so the
    window grows to the content first (and stays so: take it last)."""
    width = page.viewport_size["width"]
    height = page.evaluate(
        """() => document.querySelector('[data-testid="stMain"]').scrollHeight"""
    )
    page.set_viewport_size({"width": width, "height": max(800, int(height) + 40)})
    page.wait_for_timeout(300)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def first_screen_faults(page, view: str, spec) -> list[str]:
    """The first chart (FIRST_ANSWER) must start within a laptop's first screen (LAPTOP);
    saves that screen beside the full page."""
    if spec.url_path == "gegevens":
        return []
    selector, name = FIRST_ANSWER.get(spec.url_path, FIRST_CHART)
    top = page.evaluate(FIRST_TOP, selector)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{view}-{spec.url_path}-{LAPTOP[0]}x{LAPTOP[1]}.png"))
    where = f"{view}, /{spec.url_path} @ {LAPTOP[0]}×{LAPTOP[1]}"
    if top is None:
        return [f"{where}: {name} ontbreekt ({selector})"]
    if top > LAPTOP[1]:
        return [f"{where}: {name} begint op {top:.0f} px, onder het eerste scherm"]
    return []


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("spec", PAGE_SPECS, ids=[p.url_path for p in PAGE_SPECS])
def test_every_chart_is_legible_at_every_width(servers, browser, view, spec):
    state, query = VIEWS[view]
    url = servers(state).url + spec.url_path + (f"?{query}" if query else "")
    page = open_and_wait(browser, url, width=WIDTHS[0], height=800)
    faults, measured = [], 0
    try:
        assert_no_error(page)
        assert page.locator("h1").first.inner_text().strip() == spec.title
        if view == "demo":
            assert "Demonstratiegegevens" in page.locator("body").inner_text()
            # the default year stays out of the URL (Streamlit binds the widget to it)
            assert page.url == url, page.url
        for width in MEASURE_ORDER:
            height = LAPTOP[1] if width == LAPTOP[0] else 800
            page.set_viewport_size({"width": width, "height": height})
            charts = measure(page, MIN_TEXT_PX)
            if width == LAPTOP[0] and view in FIRST_SCREEN_VIEWS:
                faults += first_screen_faults(page, view, spec)
            if width == 1366:
                screenshot(page, SCREENSHOTS / f"{view}-{spec.url_path}-{width}.png")
            faults += problems(charts, f"{view}, /{spec.url_path} @ {width} px")
            measured += len(charts)
            if spec.url_path != "gegevens":
                assert charts and all(c["texts"] for c in charts), (
                    f"{view}, /{spec.url_path} @ {width} px: geen grafiek of grafiek zonder tekst"
                )
    finally:
        page.close()
    MEASURED[f"{view} /{spec.url_path}"] = measured
    assert page.outside_requests == [], "de pagina vroeg iets van buiten deze machine"
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("state", SLIDE_STATES)
def test_every_slide_is_legible_with_its_controls(servers, browser, state):
    base = servers(state).url + "presentatie?jaar=2025" + ADDED_SLIDES.get(state, "")
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    faults = []
    try:
        page.goto(base)
        page.locator(".st-key-dia_scherm .main-svg").first.wait_for(timeout=2 * PAGE_SECONDS * 1000)
        count = int(page.evaluate(
            """() => document.querySelectorAll(
                '.st-key-dia_knoppen [data-testid="stSelectbox"]').length &&
                parseInt((document.querySelector('.st-key-dia_knoppen').innerText
                          .match(/van (\\d+)/) || [0, 0])[1])"""
        ))  # fmt: skip
        assert count >= 8 + (state in ADDED_SLIDES), count
        for number in range(1, count + 1):
            if number > 1:
                before = page.evaluate(SLIDE_TEXT)
                page.keyboard.press("ArrowRight")
                page.wait_for_url(f"**dia={number}**", timeout=PAGE_SECONDS * 1000)
                # the next slide drawn: while the chart is replaced there is briefly none
                page.wait_for_function(
                    f"(was) => {{ const now = ({SLIDE_TEXT})(); return now && now !== was; }}",
                    arg=before,
                    timeout=PAGE_SECONDS * 1000,
                )
            for width, height in SLIDE_SIZES:
                page.set_viewport_size({"width": width, "height": height})
                charts = measure(page, SLIDE_MIN_TEXT_PX, CONTROLS)
                assert charts and all(c["texts"] for c in charts), f"{state}, dia {number}"
                faults += problems(charts, f"{state}, dia {number} @ {width}×{height}")
                MEASURED[f"{state} dia {number}"] = MEASURED.get(f"{state} dia {number}", 0) + 1
    finally:
        page.close()
    assert not faults, "\n".join(faults)
