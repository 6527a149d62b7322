"""The IKO-lezing: the slides, the page /presentatie and the deck command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_support import PAGE_SECONDS
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from streamlit.testing.v1 import AppTest

from dashboard.charts import template
from dashboard.db import open_database
from dashboard.format import date_nl
from dashboard.paths import REPO_ROOT
from dashboard.presentation import lecture, slides
from dashboard.publication import Publication

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
# A count from 1 to 4 as a word of its own: "3 zaken", "(2)", "4 van"; not "2025" or "<5".
SMALL_COUNT = re.compile(r"(?<![\d.,<−-])[1-4](?![\d.,])")
NOT_COUNTS = re.compile(
    r"<[^>]+>|%\{[^}]*\}|\d{4}|week \d+|\d+,\d|[+-]?\d+ %|Lijn \d|plaats \d+"
    r"|\d+ (?:weken|dagen|maanden)"
)


@pytest.fixture(scope="module")
def deck() -> slides.Deck:
    template.use_iko_template()
    return lecture.deck(open_database().run, 2025, Publication())


def figure_texts(fig) -> list[str]:
    """What a figure writes as numbers of cases: titles, annotations, trace and node labels
    (axis ticks are scales, not counts)."""
    layout = fig.layout
    out = [layout.title.text or ""]
    out += [a.text or "" for a in layout.annotations]
    for trace in fig.data:
        for attr in ("text", "hovertemplate", "hovertext"):
            value = getattr(trace, attr, None)
            if isinstance(value, str):
                out.append(value)
            elif value is not None:
                out += [str(v) for v in value]
        node = getattr(trace, "node", None)
        if node is not None and node.label is not None:
            out += list(node.label)
    return out


def test_the_deck_has_the_slides_the_lecture_needs(deck):
    keys = [s.key for s in deck.slides]
    assert keys == [
        "kerncijfers", "maanden", "vakantiepieken", "landen", "hkov", "mediation",
        "slagingspercentage", "trend",
    ]  # fmt: skip
    titles = {s.key: s.title for s in deck.slides}
    # messages computed from the demo data (calibrated on the annual report 2025)
    assert titles["kerncijfers"] == "2025: 9.524 zaken, 12 % minder dan in 2024"
    assert titles["landen"] == "Marokko het meest gevreesd, Polen het vaakst bestemming"
    assert titles["slagingspercentage"].startswith("<5 van 27 ")
    assert deck.source_line == (
        "2025 · Bron: registratiesysteem Centrum IKO · gegevens tot en met "
        + date_nl(deck.data_until)
    )


def test_no_count_from_one_to_four_on_any_slide_or_in_its_notes(deck):
    for slide in deck.slides:
        fig = slides.slide_figure(deck, slide)
        texts = [slide.title, slide.notes, *figure_texts(fig)]
        for text in texts:
            # not counts: markup, years, week numbers, decimals, percentages, durations
            plain = re.sub(NOT_COUNTS, " ", text)
            plain = re.sub(r"\d+\.", " ", plain)  # a place in a ranking ("3. Suriname")
            assert not SMALL_COUNT.search(plain), (slide.key, text)


def test_every_slide_is_16_9_with_its_source_and_no_text_under_28_px(deck):
    for slide in deck.slides:
        fig = slides.slide_figure(deck, slide)
        assert (fig.layout.width, fig.layout.height) == (1280, 720)
        subtitle = fig.layout.title.subtitle.text
        assert "Bron: registratiesysteem Centrum IKO" in subtitle
        assert date_nl(deck.data_until) in subtitle
        assert "demonstratiegegevens" in subtitle
        sizes = [a.font.size for a in fig.layout.annotations if a.font.size is not None]
        sizes += [t.textfont.size for t in fig.data if getattr(t, "textfont", None)
                  and isinstance(t.textfont.size, int | float)]  # fmt: skip
        assert all(size >= slides.MIN_TEXT_PX for size in sizes), (slide.key, sizes)


def test_the_presentation_page_navigates_with_its_buttons_and_the_url():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"jaar": "2025", "dia": "4"})
    at.run()
    at.switch_page("page_scripts/presentatie.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="dia").value == 4
    at.button(key="dia_volgende").click().run()
    assert at.selectbox(key="dia").value == 5
    at.button(key="dia_vorige").click().run()
    at.button(key="dia_vorige").click().run()
    assert at.selectbox(key="dia").value == 3
    assert not at.exception


def test_the_deck_command_writes_pptx_offline_in_under_a_minute(tmp_path):
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
    data_until = date_nl(open_database().run("export_meta")["data_until"][0])
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


def test_the_deck_command_writes_a_pdf(tmp_path):
    out = tmp_path / "lezing.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.server.cli", "deck", "--year", "2025", "--format", "pdf",
         "--out", str(out), "--images", str(tmp_path)],
        env={**os.environ, "BROWSER_PATH": "/usr/bin/chromium"},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = Path(out).read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 8
    image = tmp_path / "iko-lezing-2025-landen.png"
    assert image.read_bytes()[16:24] == (2560).to_bytes(4, "big") + (1440).to_bytes(4, "big")


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
    assert box is not None and box["width"] >= 1270 and box["height"] >= 700, box
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
