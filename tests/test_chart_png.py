"""Every chart on the pages downloads as a slide: 16:9, with its title, the period it shows,
the source, the data date and the demo mark, under a name that says what it is."""

from __future__ import annotations

import datetime as dt
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_support import PAGE_SECONDS, assert_no_error, open_and_wait
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from test_presentation import NOT_COUNTS, SMALL_COUNT, figure_texts

from dashboard import pages
from dashboard.db import open_database
from dashboard.format import date_nl
from dashboard.paths import REPO_ROOT
from dashboard.presentation import slides

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
CHART_PAGES = [p for p in pages.PAGES if p.url_path not in {"presentatie", "gegevens"}]
LABEL = "Dia (PNG)"

Download = tuple[str, Callable[[], bytes]]


@pytest.fixture
def downloads(monkeypatch) -> list[Download]:
    """The PNG downloads a page run offers, as Streamlit registers them: a file name and what
    makes the file when the button is clicked (never during the run)."""
    seen: list[Download] = []
    register = MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        if mimetype == "image/png":
            seen.append((file_name, data))
        return register(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


@pytest.fixture(scope="module")
def data_until() -> dt.date:
    return open_database().run("export_meta")["data_until"][0]


def open_page(page: pages.PageSpec, seen: list[Download], **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()
    seen.clear()  # "/" shows the first page; only `page` counts
    at.switch_page(page.script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def slide_of(download: Download):  # type: ignore[no-untyped-def]
    """The slide figure a download renders: the page's chart built again for the slide."""
    build, chart = download[1].args  # type: ignore[attr-defined]
    return build(canvas=chart.canvas), chart


@pytest.mark.parametrize("page", CHART_PAGES, ids=lambda p: p.url_path)
def test_every_chart_offers_a_slide_png_named_for_what_it_shows(page, downloads):
    at = open_page(page, downloads)

    charts = at.get("plotly_chart")
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL]
    assert charts and len(buttons) == len(charts) == len(downloads)
    # made on click: Streamlit holds a function for the file, not the file
    assert all(b.proto.deferred_file_id and b.proto.ignore_rerun for b in buttons)
    # one name per title and period (trends shows a measure twice: the same name)
    names = [name for name, _ in downloads]
    shown = {(slide_of(d)[1].title, slide_of(d)[1].period) for d in downloads}
    assert len(set(names)) == len(shown), names
    for name in names:
        assert re.fullmatch(rf"iko-[0-9a-z-]+-{page.url_path}-[0-9a-z-]+-demo\.png", name), name


def test_file_name_says_period_page_chart_and_filter(downloads, data_until):
    caseload = next(p for p in pages.PAGES if p.url_path == "caseload")
    open_page(caseload, downloads, van="januari 2025", tot="december 2025", lijn="Lijn 1")
    names = [name for name, _ in downloads]
    assert names[0] == "iko-2025-01-tm-2025-12-caseload-nieuwe-zaken-per-maand-lijn-1-demo.png"

    landen = next(p for p in pages.PAGES if p.url_path == "landen")
    open_page(landen, downloads, jaar=str(data_until.year))  # the running year
    running = f"{data_until.year}-tm-{data_until.isoformat()}"
    assert f"iko-{running}-landen-hkov-landen-en-andere-landen-demo.png" in [
        name for name, _ in downloads
    ]


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


@pytest.mark.parametrize("page", CHART_PAGES, ids=lambda p: p.url_path)
def test_in_publication_mode_no_slide_shows_a_count_from_one_to_four(page, downloads):
    at = open_page(page, downloads, jaar="2025", publicatie="1")
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL]
    offered = [b for b in buttons if not b.proto.disabled]
    # a chart that does not protect its small counts offers no PNG (the button says why)
    assert len(offered) == len(downloads) and len(buttons) == len(at.get("plotly_chart"))
    if page.url_path in {"landen", "mediation"}:  # their charts protect what they show
        assert offered
    for download in downloads:
        assert download[0].endswith("-demo-publicatie.png"), download[0]
        fig, chart = slide_of(download)
        for text in [chart.title, *figure_texts(fig)]:
            # not counts: markup, years, week numbers, decimals, percentages, durations
            plain = re.sub(NOT_COUNTS, " ", text)
            plain = re.sub(r"\d+\.", " ", plain)  # a place in a ranking ("3. Suriname")
            assert not SMALL_COUNT.search(plain), (download[0], text)


def test_chart_period_of_a_year_and_of_years():
    until = dt.date(2026, 11, 22)
    assert slides.ChartPeriod.year(2025, until) == slides.ChartPeriod("2025", "2025")
    assert slides.ChartPeriod.year(2026, until) == slides.ChartPeriod(
        "2026 t/m 22 november", "2026-tm-2026-11-22"
    )
    assert slides.ChartPeriod.years(2020, 2025, until) == slides.ChartPeriod(
        "2020–2025", "2020-2025"
    )
    assert slides.ChartPeriod.years(2024, 2026, until).label == ("2024–2026 (2026 t/m 22 november)")
    assert slides.slug("Ontvoering: richting en HKOV, Curaçao (ëén)") == (
        "ontvoering-richting-en-hkov-curacao-een"
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
