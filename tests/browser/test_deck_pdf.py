"""The deck's PDF as people read it: every slide a page with its numbers as text (searchable,
read aloud), its words apart, its fonts embedded; read with poppler (`pdftotext`, `pdffonts`)
as a PDF reader would, from one deck command for the whole module."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.format import date_nl
from dashboard.presentation import lecture, slides
from dashboard.publication import Publication
from dashboard.settings import settings

YEAR = 2025
XHTML = "{http://www.w3.org/1999/xhtml}"
# A number as a slide writes it: "9.524", "12", "<5", "2,5"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Chromium embeds the variable Source Sans as Type 3 fonts, whose size poppler can only guess:
# its word boxes are about 1.75 em tall where the letters take about 1 em. The middle of the
# box is where the letters are; two words overlap when those parts do, by more than
# TOLERANCE_PT. A rotated axis title (plotly turns it a quarter to the left) comes letter by
# letter, and there the box is shifted too: compared with the rendered slide's dark pixels,
# its letters stand from 0,15 of the box's width before its left edge to 0,4 into it.
LETTERS_SHARE = 0.6
ROTATED_LETTERS = (-0.15, 0.4)
TOLERANCE_PT = 1.0

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (scripts/setup.sh setup_poppler)"
)


@dataclass(frozen=True)
class Word:
    text: str
    line: int
    vertical: bool  # a rotated line (an axis title): poppler gives it letter by letter
    x0: float
    y0: float
    x1: float
    y1: float

    def letters(self) -> tuple[float, float, float, float]:
        """The box of the letters inside poppler's box: x0, y0, x1, y1."""
        if self.vertical:
            width = self.x1 - self.x0
            left, right = (self.x0 + share * width for share in ROTATED_LETTERS)
            return left, self.y0, right, self.y1
        cut = (self.y1 - self.y0) * (1 - LETTERS_SHARE) / 2
        return self.x0, self.y0 + cut, self.x1, self.y1 - cut


def overlap(a: Word, b: Word) -> bool:
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a.letters(), b.letters()
    wide = min(ax1, bx1) - max(ax0, bx0)
    high = min(ay1, by1) - max(ay0, by0)
    return wide > TOLERANCE_PT and high > TOLERANCE_PT


@pytest.fixture(scope="module")
def deck_pdf(tmp_path_factory) -> Path:
    """The deck as the command writes it, offline (a proxy that does not exist catches
    anything that would go out), with the slide PNGs next to it."""
    folder = tmp_path_factory.mktemp("deck")
    out = folder / "lezing.pdf"
    env = {**os.environ, "BROWSER_PATH": "/usr/bin/chromium"}
    env.update({"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.server.cli", "deck", "--year", str(YEAR),
         "--format", "pdf", "--out", str(out), "--images", str(folder)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def deck(demo_db) -> slides.Deck:
    return lecture.deck(demo_db.run, YEAR, Publication(threshold=settings().publication_threshold))


@pytest.fixture(scope="module")
def pages(deck_pdf) -> list[list[Word]]:
    """Each page's words as poppler finds them, with the line each belongs to."""
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(deck_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    found = []
    for page in ET.fromstring(layout).iter(f"{XHTML}page"):
        words = []
        for line_no, line in enumerate(page.iter(f"{XHTML}line")):
            x0, y0, x1, y1 = (float(line.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax"))
            letters = list(line.iter(f"{XHTML}word"))
            vertical = len(letters) > 1 and y1 - y0 > x1 - x0
            for w in letters:
                box = (float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax"))
                words.append(Word(w.text or "", line_no, vertical, *box))
        found.append(words)
    return found


def test_the_pdf_is_the_deck_a_16_9_page_per_slide(deck_pdf, deck, pages):
    assert deck_pdf.read_bytes().startswith(b"%PDF")
    assert len(pages) == len(deck.slides)
    info = subprocess.run(["pdfinfo", str(deck_pdf)], capture_output=True, text=True, check=True)
    assert "Page size:       960 x 540 pts" in info.stdout  # 13.33 x 7.5 inch, as the PPTX
    assert f"IKO-lezing {YEAR}" in info.stdout
    image = deck_pdf.parent / f"iko-lezing-{YEAR}-landen.png"
    assert image.read_bytes()[16:24] == (2560).to_bytes(4, "big") + (1440).to_bytes(4, "big")


def test_every_page_has_its_numbers_and_credits_as_text(deck, pages, demo_db):
    data_until = date_nl(demo_db.run("export_meta")["data_until"][0])
    for slide, words in zip(deck.slides, pages, strict=True):
        text = " ".join(w.text for w in words)
        said = slide.title + " " + " ".join(f"{f.value} {f.change}" for f in slide.key_figures)
        missing = set(NUMBER.findall(said)) - set(NUMBER.findall(text))
        assert not missing, f"{slide.key}: {sorted(missing)} not as text in: {text}"
        assert slides.SOURCE in text, slide.key
        assert data_until in text, slide.key
        assert slides.DEMO_MARK in text, slide.key


def test_no_two_lines_of_a_page_overlap(deck, pages):
    clashes = [
        f"{slide.key}: {a.text!r} over {b.text!r}"
        for slide, words in zip(deck.slides, pages, strict=True)
        for a, b in itertools.combinations(words, 2)
        if a.line != b.line and overlap(a, b)
    ]
    assert not clashes, "\n".join(clashes)


def test_the_pdf_has_real_fonts(deck_pdf):
    listed = subprocess.run(
        ["pdffonts", str(deck_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(listed) > 2, listed  # two header lines, then one line per embedded font
