"""Every table fits the page at 1366 and 1920 px: no sideways scroll to reach a column.

One page load per view, measured at both widths by resizing the window (the sidebar open, as
a laptop shows it). A data grid (`stDataFrame`) must not scroll sideways: its Glide scroller
is no wider inside than it shows; an `stTable` is no wider than its container. /gegevens is
seen after a rejected and a published import, so its import log has rows.
"""

from __future__ import annotations

import pytest
from browser_support import ARTIFACTS, SCREENSHOTS, assert_no_error, open_and_wait, serving

WIDTHS = (1366, 1920)
VIEWS = ("jaaroverzicht?jaar=2025", "jaaroverzicht?jaar=2026", "caseload", "gegevens")
# What scrolls in Streamlit 1.67's data grid: Glide's scroller, inside the stDataFrame.
OVERFLOWS = """() => {
    const out = [];
    document.querySelectorAll('[data-testid="stDataFrame"]').forEach((grid, i) => {
        const scroller = grid.querySelector('.dvn-scroller');
        const head = [...grid.querySelectorAll('[role="columnheader"]')]
            .map(h => h.textContent).join(' | ');
        if (scroller && scroller.scrollWidth > scroller.clientWidth + 1)
            out.push(`tabel ${i + 1} (${head}): ${scroller.scrollWidth} px in ` +
                     `${scroller.clientWidth} px`);
    });
    document.querySelectorAll('[data-testid="stTable"]').forEach((table, i) => {
        const inner = table.querySelector('table') || table;
        const room = table.parentElement.clientWidth;
        if (inner.scrollWidth > room + 1)
            out.push(`stTable ${i + 1}: ${inner.scrollWidth} px in ${room} px`);
    });
    return out;
}"""


@pytest.fixture(scope="module")
def import_server(free_port, tmp_path_factory):
    """The demo with a rejected import and a published one in its log."""
    from dashboard.importer import import_files
    from dashboard.importer.published import import_published
    from dashboard.paths import REFERENCE_DIR

    root = tmp_path_factory.mktemp("tabellen")
    home, bad = root / "home", root / "afgewezen"
    bad.mkdir()
    (bad / "cases.csv").write_text("case_id;iets\n1;2\n", encoding="utf-8")
    assert import_files([bad], home, who="Gegevensbeheerder van Centrum IKO").outcome == "rejected"
    figures = REFERENCE_DIR / "published-2020-figures.csv"
    assert import_published(figures, home, who="Gegevensbeheerder").outcome == "published"
    with serving(free_port(), root, ARTIFACTS / "server-tabellen.log", home) as up:
        yield up


def settled_overflows(page) -> list[str]:
    """The overflows once the grids have laid out again at the new width."""
    last = None
    for _ in range(10):
        page.wait_for_timeout(300)
        now = page.evaluate(OVERFLOWS)
        if now == last:
            return now
        last = now
    return last or []


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWS)
def test_no_table_scrolls_sideways(import_server, browser, view) -> None:
    page = open_and_wait(browser, import_server.url + view, width=WIDTHS[0], height=800)
    faults = []
    try:
        assert_no_error(page)
        assert page.locator('[data-testid="stDataFrame"]').count() > 0, view
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            faults += [f"/{view} @ {width} px: {f}" for f in settled_overflows(page)]
            if width == 1366:
                grids = page.locator('[data-testid="stDataFrame"], [data-testid="stTable"]')
                name = view.replace("?jaar=", "-")
                for i in range(grids.count()):
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    grids.nth(i).screenshot(path=str(SCREENSHOTS / f"tabel-{name}-{i + 1}.png"))
    finally:
        page.close()
    assert not faults, "\n".join(faults)
