"""Every chart on the pages downloads as a slide: 16:9, with its title, the period it shows,
the source, the data date and the demo mark, under a name that says what it is."""

from __future__ import annotations

import datetime as dt
import re
import struct
from pathlib import Path

import pytest
from browser_support import PAGE_SECONDS, assert_no_error, open_and_wait
from chart_png_support import LABEL, open_page, slide_of

from dashboard import pages
from dashboard.format import date_nl
from dashboard.presentation import slides


@pytest.fixture(scope="module")
def data_until(demo_db) -> dt.date:
    return demo_db.run("export_meta")["data_until"][0]


def test_the_download_is_a_slide_size_png_with_title_period_source_and_date(downloads, data_until):
    caseload = next(p for p in pages.PAGES if p.url_path == "caseload")
    open_page(caseload, downloads, van="januari 2025", tot="december 2025", lijn="Lijn 1")
    first = downloads[0]

    fig, chart = slide_of(first)
    assert (fig.layout.width, fig.layout.height) == (slides.WIDTH, slides.HEIGHT)
    assert "Nieuwe zaken per maand, Lijn 1" in fig.layout.title.text
    subtitle = fig.layout.title.subtitle.text
    assert subtitle.startswith("jan 2025 t/m dec 2025 · ")
    assert slides.SOURCE in subtitle
    assert f"gegevens tot en met {date_nl(data_until)}" in subtitle
    assert slides.DEMO_MARK in subtitle

    png = first[1]()  # what the click makes: kaleido in the system Chromium
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (
        slides.WIDTH * slides.IMAGE_SCALE,
        slides.HEIGHT * slides.IMAGE_SCALE,
    )


@pytest.mark.browser
def test_a_click_in_the_browser_downloads_the_slide(server, browser):
    # the real server runs the button's function on the click, outside any page run
    page = open_and_wait(browser, server.url + "landen", width=1280, height=900)
    try:
        assert_no_error(page)
        with page.expect_download(timeout=PAGE_SECONDS * 1000) as download:
            page.get_by_role("button", name=LABEL).first.click()
        name = download.value.suggested_filename
        assert re.fullmatch(
            r"iko-\d{4}-landen-gevreesd-is-niet-hetzelfde-als-ontvoerd-de-top-10-demo\.png", name
        )
        png = Path(download.value.path()).read_bytes()
        assert struct.unpack(">II", png[16:24]) == (
            slides.WIDTH * slides.IMAGE_SCALE,
            slides.HEIGHT * slides.IMAGE_SCALE,
        )
    finally:
        page.close()


def test_slides_are_drawn_in_the_apps_own_font():
    """kaleido's Chromium finds the shipped Source Sans under the name the charts ask for: a
    line drawn as "Source Sans" is as wide as the font file makes it (measured with Pillow), and
    not as wide as the fallback (DejaVu Sans, a sixth wider)."""
    import io

    import plotly.graph_objects as go
    from PIL import Image

    from dashboard.charts import fit
    from dashboard.presentation import render as deck
    from dashboard.presentation import slides

    text = "Marokko het meest gevreesd 0123456789"

    def inked_width(family: str) -> int:
        title = {"text": text, "font": {"family": family, "size": 28}}
        axes = {"visible": False}
        fig = go.Figure(layout={"title": title, "xaxis": axes, "yaxis": axes})
        with deck.Renderer() as renderer:
            png = renderer.png(fig, width=900, height=120)
        ink = Image.open(io.BytesIO(png)).convert("L").point(lambda v: 255 if v < 128 else 0)
        left, _, right, _ = ink.getbbox()
        return (right - left) / slides.IMAGE_SCALE

    # as wide as dashboard.charts.fit measures it for the screen (Chromium's width there)
    font_file = fit.text_width(text, 28)
    assert inked_width("Source Sans") == pytest.approx(font_file, rel=0.03)
    assert inked_width("DejaVu Sans") > font_file * 1.1
