"""The IKO-lezing as a file: PowerPoint (16:9) or PDF, the same slides as `/presentatie`.

Offline: kaleido renders the figures in the system Chromium (`BROWSER_PATH`, never a
download), MathJax off, map outlines from our own files, started once for all slides.
PowerPoint gets each chart as a picture at twice the slide's pixels, with the title and the
source line as text and the exact numbers in the speaker notes; the PDF has every slide, text
included, as vector drawing with real text (searchable, sharp when enlarged), one per page.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import kaleido
import pikepdf
import plotly.graph_objects as go
from kaleido import PageGenerator
from kaleido.errors import JavascriptError
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard.charts import template
from dashboard.charts.canvas import Canvas
from dashboard.presentation import slides
from dashboard.presentation.slides import HEIGHT, IMAGE_SCALE, WIDTH, Deck
from dashboard.reports.country_map import TOPOJSON_FILE

Format = Literal["pptx", "pdf"]
Progress = Callable[[str, float], None]

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def _browser_environment() -> None:
    """Point kaleido at the system Chromium and at the shipped font, before it starts."""
    if not os.environ.get("BROWSER_PATH"):
        found = next((c for c in CHROMIUM_CANDIDATES if Path(c).is_file()), None)
        found = found or shutil.which("chromium")
        if found is None:
            raise RuntimeError(
                "Geen Chromium gevonden: zet BROWSER_PATH op het programma (bv. /usr/bin/chromium)."
            )
        os.environ["BROWSER_PATH"] = found
    # kaleido's Chromium finds fonts through fontconfig: this adds the shipped Source Sans
    for name, value in template.font_environment().items():
        os.environ.setdefault(name, value)


RETRIES = 3
# plotly.js fetches a map's outlines from `topojsonURL`, by default cdn.plot.ly: offline that
# never answered and the map's slide download waited for minutes. Ours, as files, for every
# figure (a figure without a map never asks).
TOPOJSON_URL = TOPOJSON_FILE.parent.as_uri() + "/"
# kaleido prints a PDF page at the figure's size with a margin of 0.1 inch, shrinking the
# slide to fit; the slide has its own margins, so the page is the slide, edge to edge.
_NO_PAGE_MARGIN = "<style>@page { margin: 0 }</style>"


def _page() -> PageGenerator:
    """kaleido's page with MathJax off (it would be fetched from a CDN). The font comes from
    fontconfig (`_browser_environment`): Chromium reads the shipped TrueType files, where it
    fell back to DejaVu Sans for the web-font files and for a font given inside the page."""
    page = PageGenerator(mathjax=False)
    page.header = page.header.replace("<title>", _NO_PAGE_MARGIN + "<title>", 1)
    return page


# kaleido's server is one per process and answers one call at a time: a second thread's
# call could take the first one's image. Starting it and every image go through this lock.
_KALEIDO = threading.RLock()
_started = False


class Renderer:
    """kaleido (one Chromium) for the whole process: started on first use, then kept for the
    next deck or chart download (starting Chromium costs seconds); one image at a time."""

    def __enter__(self) -> Renderer:
        global _started
        with _KALEIDO:
            if not _started:
                _browser_environment()
                template.use_iko_template()
                kaleido.start_sync_server(page_generator=_page(), silence_warnings=True)
                _started = True  # kaleido stops it when the process ends
                # The first image waits for the page to load its scripts: made here.
                self.png(
                    go.Figure(layout={"title": {"text": "Source Sans"}}), width=200, height=100
                )
        return self

    def __exit__(self, *exc: object) -> None:
        pass  # kept running for the next one

    def png(
        self, fig, *, width: int = WIDTH, height: int = HEIGHT, scale: float = IMAGE_SCALE
    ) -> bytes:  # type: ignore[no-untyped-def]
        """`scale`: image pixels per CSS pixel (a slide 2, a printed page 300 dpi / 96)."""
        return self._render(
            fig, {"format": "png", "width": width, "height": height, "scale": scale}
        )

    def pdf(self, fig, *, width: int = WIDTH, height: int = HEIGHT) -> bytes:  # type: ignore[no-untyped-def]
        """`fig` as a one-page PDF of `width` x `height` CSS pixels (1280 x 720: 13.33 x 7.5
        inch, PowerPoint's 16:9), drawn as vectors with its text as text."""
        return self._render(fig, {"format": "pdf", "width": width, "height": height, "scale": 1})

    def _render(self, fig, opts: dict[str, object]) -> bytes:  # type: ignore[no-untyped-def]
        for attempt in range(RETRIES):
            try:
                with _KALEIDO:
                    return kaleido.calc_fig_sync(fig, opts=opts, topojson=TOPOJSON_URL)
            except JavascriptError:
                # On a busy machine the first render can run before kaleido's page has
                # loaded its scripts ("kaleido_scopes is not defined"); a second one works.
                if attempt == RETRIES - 1:
                    raise
                time.sleep(1)
        raise AssertionError("unreachable")


def chart_png(build: Callable[..., go.Figure], chart: slides.ChartSlide) -> bytes:
    """A page's chart as a slide PNG (twice 1280 x 720): `build(canvas=...)`, its builder, for
    the slide's canvas: title, period, source, data date and demo mark around the chart, as on
    the lecture's slides."""
    with Renderer() as renderer:
        return renderer.png(build(canvas=chart.canvas))


def _each_slide(
    deck: Deck, draw: Callable[[go.Figure], bytes], progress: Progress | None
) -> list[bytes]:
    """Each slide as one figure (title, source line, chart), drawn by `draw`."""
    out = []
    for i, slide in enumerate(deck.slides):
        if progress:
            progress(f"Dia {i + 1} van {len(deck.slides)}: {slide.key}", i / len(deck.slides))
        out.append(draw(slides.slide_figure(deck, slide)))
    return out


def slide_pngs(deck: Deck, renderer: Renderer, progress: Progress | None = None) -> list[bytes]:
    """Each slide as a full image at twice 1280 x 720."""
    return _each_slide(deck, renderer.png, progress)


def slide_pdfs(deck: Deck, renderer: Renderer, progress: Progress | None = None) -> list[bytes]:
    """Each slide as a one-page vector PDF with real text."""
    return _each_slide(deck, renderer.pdf, progress)


def pdf_bytes(deck: Deck, pages: list[bytes]) -> bytes:
    """The one-page PDFs as one document, titled and in Dutch (for a screen reader)."""
    merged = pikepdf.Pdf.new()
    # the sources stay open until the merged file is saved: their pages are copied then
    sources = [pikepdf.Pdf.open(io.BytesIO(page)) for page in pages]
    for source in sources:
        merged.pages.extend(source.pages)
    merged.docinfo["/Title"] = f"IKO-lezing {deck.year}"
    merged.Root.Lang = pikepdf.String("nl-NL")
    buffer = io.BytesIO()
    merged.save(buffer)
    for source in sources:
        source.close()
    return buffer.getvalue()


# -- PowerPoint --------------------------------------------------------------------------

TEXT = RGBColor(0x14, 0x21, 0x3D)
GREY = RGBColor(0x4A, 0x55, 0x68)
RED = RGBColor(0xB3, 0x26, 0x1E)
BLUE = RGBColor(0x1B, 0x3F, 0x8B)
FONT = "Source Sans 3"  # PowerPoint on the presenter's machine: the installed name
MARGIN = Inches(0.45)
TITLE_TOP, TITLE_HEIGHT = Inches(0.25), Inches(1.0)
SOURCE_HEIGHT = Inches(0.45)
CHART_TOP = Inches(1.75)


def _text(slide, left, top, width, height, text, size, colour=TEXT, bold=False):  # type: ignore[no-untyped-def]
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour
    return box


def pptx_bytes(deck: Deck, renderer: Renderer, progress: Progress | None = None) -> bytes:
    """The deck as PowerPoint: per slide the message, the source line, the chart (or the key
    figures as text) and the speaker notes."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    blank = presentation.slide_layouts[6]
    content_width = SLIDE_WIDTH - 2 * MARGIN
    for i, slide in enumerate(deck.slides):
        if progress:
            progress(f"Dia {i + 1} van {len(deck.slides)}: {slide.key}", i / len(deck.slides))
        page = presentation.slides.add_slide(blank)
        _text(page, MARGIN, TITLE_TOP, content_width, TITLE_HEIGHT, slide.title, 32, bold=True)
        source = _text(
            page, MARGIN, TITLE_TOP + TITLE_HEIGHT, content_width, SOURCE_HEIGHT,
            deck.of_slide(slide).source_line, 18, GREY,
        )  # fmt: skip
        if deck.is_demo:
            run = source.text_frame.paragraphs[0].add_run()
            run.text = f" · {slides.DEMO_MARK}"
            run.font.size, run.font.bold, run.font.name = Pt(18), True, FONT
            run.font.color.rgb = RED
        chart_height = SLIDE_HEIGHT - CHART_TOP - Inches(0.2)
        if slide.key_figures:
            _key_figure_boxes(page, slide.key_figures, content_width, chart_height)
        else:
            pixels_h = round(HEIGHT * chart_height / SLIDE_HEIGHT)
            fig = slide.figure(Canvas.slide_picture(pixels_h))
            image = renderer.png(fig, height=pixels_h)
            page.shapes.add_picture(io.BytesIO(image), Emu(0), CHART_TOP, SLIDE_WIDTH, chart_height)
        page.notes_slide.notes_text_frame.text = slides.notes_text(deck, slide)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _key_figure_boxes(page, figures, width, height) -> None:  # type: ignore[no-untyped-def]
    columns = 4
    cell_w = int(width / columns)
    cell_h = int(height / 2)
    for i, f in enumerate(figures):
        row, col = divmod(i, columns)
        left, top = MARGIN + col * cell_w, CHART_TOP + row * cell_h
        box = _text(page, left, top, cell_w, Inches(0.9), f.value, 48, BLUE, bold=True)
        box.text_frame.paragraphs[0].alignment = 2  # centre
        label = _text(page, left, top + Inches(0.95), cell_w, Inches(0.5), f.label, 20)
        label.text_frame.paragraphs[0].alignment = 2
        if f.change:
            change = _text(page, left, top + Inches(1.4), cell_w, Inches(0.5), f.change, 16, GREY)
            change.text_frame.paragraphs[0].alignment = 2


def write(
    deck: Deck,
    out: Path,
    fmt: Format,
    *,
    images_dir: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the deck to `out`; with `images_dir`, every slide's PNG there too
    ("iko-lezing-2025-landen.png")."""
    out.write_bytes(deck_bytes(deck, fmt, progress=progress, images_dir=images_dir))
    return out


def deck_bytes(
    deck: Deck, fmt: Format, *, progress: Progress | None = None, images_dir: Path | None = None
) -> bytes:
    """The deck as PowerPoint or PDF bytes (for the command and the download button)."""
    with Renderer() as renderer:
        if fmt == "pptx":
            data = pptx_bytes(deck, renderer, progress)
        else:
            data = pdf_bytes(deck, slide_pdfs(deck, renderer, progress))
        images = slide_pngs(deck, renderer, progress) if images_dir is not None else []
    if images_dir is not None:
        images_dir.mkdir(parents=True, exist_ok=True)
        for slide, image in zip(deck.slides, images, strict=True):
            (images_dir / deck.file_name(slide)).write_bytes(image)
    if progress:
        progress("Klaar", 1.0)
    return data
