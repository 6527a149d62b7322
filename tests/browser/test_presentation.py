"""The IKO-lezing: the slides, the page /presentatie and the deck command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
from browser_support import PAGE_SECONDS
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard.charts.canvas import CONTROLS_PX
from dashboard.format import date_nl
from dashboard.presentation import slides


def test_the_deck_command_writes_pptx_offline_in_under_a_minute(tmp_path, demo_db):
    out = tmp_path / "lezing-2025.pptx"
    env = {**os.environ, "BROWSER_PATH": "/usr/bin/chromium"}
    # no network: a proxy that does not exist catches anything that would go out
    env.update({"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.server.cli", "deck", "--year", "2025", "--format", "pptx",
         "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert seconds < 60, seconds

    presentation = Presentation(str(out))
    assert (presentation.slide_width, presentation.slide_height) == (12191695, 6858000)
    data_until = date_nl(demo_db.run("export_meta")["data_until"][0])
    assert len(presentation.slides) >= 8
    for page in presentation.slides:
        texts = " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert pictures or "9.524" in texts, texts
        assert "Bron: registratiesysteem Centrum IKO" in texts
        assert data_until in texts
        assert "demonstratiegegevens" in texts
        notes = page.notes_slide.notes_text_frame.text
        assert "Bron: registratiesysteem Centrum IKO" in notes
        for picture in pictures:  # charts at twice the slide's pixels
            assert picture.image.size[0] == 2 * slides.WIDTH


def test_the_world_maps_slide_is_drawn_from_the_shipped_outlines_in_seconds():
    """plotly.js fetches a map's outlines; offline the CDN never answered and the map's
    "Dia (PNG)" never came. The slide comes from `dashboard/static/topojson` at once."""
    import concurrent.futures
    import datetime as dt
    import functools
    import io

    import polars as pl
    from PIL import Image

    from dashboard.charts import countries as countries_charts
    from dashboard.presentation import render
    from dashboard.reports import country_map

    rows = pl.DataFrame(
        {
            "country_iso3": ["MAR", "POL"],
            "country_nl": ["Marokko", "Polen"],
            "outgoing_cases": [9, 4],
        }
    )
    build = functools.partial(
        countries_charts.country_map_figure, rows, "outgoing_cases", "zaken",
        country_map.map_outline_iso3(),
    )  # fmt: skip
    until = dt.date(2025, 12, 31)
    chart = slides.ChartSlide.of(
        "Wereldkaart",
        slides.ChartPeriod.year(2025, until),
        "landen",
        data_until=until,
        is_demo=True,
    )
    with render.Renderer(), concurrent.futures.ThreadPoolExecutor(1) as pool:
        started = time.monotonic()  # Chromium runs: only the map itself is timed
        png = pool.submit(render.chart_png, build, chart).result(timeout=10)
        seconds = time.monotonic() - started
    assert seconds < 10, seconds
    land = Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 24)
    grey = tuple(int(countries_charts.NO_CASES_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    drawn = sum(n for n, colour in land if colour == grey)
    assert drawn > 0.05 * slides.WIDTH * slides.HEIGHT * slides.IMAGE_SCALE**2, drawn


def test_a_year_without_data_gets_a_dutch_message():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.server.cli", "deck", "--year", "1999"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Geen gegevens voor 1999" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.browser
def test_presentation_fills_the_screen_and_follows_the_arrow_keys(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    page.goto(server.url + "presentatie?jaar=2025")
    # the first page of a fresh server builds the demo's marts first: more than one page's time
    page.locator(".st-key-dia_scherm .main-svg").first.wait_for(timeout=2 * PAGE_SECONDS * 1000)
    box = page.locator(".st-key-dia_scherm .js-plotly-plot").bounding_box()
    # the window but for the controls' strip along its bottom edge
    assert box is not None and box["width"] >= 1270, box
    assert box["height"] >= 720 - CONTROLS_PX - 10, box
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    title = page.locator(".st-key-dia_scherm .gtitle").first
    assert "2025: 9.524 zaken" in title.text_content()
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"dia=2"), timeout=PAGE_SECONDS * 1000)
    # the next slide's title: while the chart is redrawn there is briefly none
    page.wait_for_function(
        """() => {
            const title = document.querySelector('.st-key-dia_scherm .gtitle');
            return title !== null && !title.textContent.includes('9.524');
        }""",
        timeout=PAGE_SECONDS * 1000,
    )
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.st-key-dia_scherm svg text')]
            .filter(t => t.textContent.trim())
            .map(t => parseFloat(getComputedStyle(t).fontSize))"""
    )
    assert sizes and min(sizes) >= 28, sorted(sizes)[:5]
    page.close()
