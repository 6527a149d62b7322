"""The annual report draft as a Word file (python-docx), and as PDF through LibreOffice.

Headings are Word's Heading 1 and 2, so Word makes the table of contents; tables are Word
tables with their numbers as text the Dutch way; charts are PNG at 300 dpi (python-docx takes
no SVG or EMF), rendered by the lecture's kaleido (one Chromium, no MathJax, our own map
outlines), each with its description as alt text.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dashboard.annual_report.blocks import Chapter, Chart, Document, Paragraph, Subheading, Table
from dashboard.charts.canvas import PRINT_SCALE, PRINT_WIDTH, PRINT_WIDTH_CM, Canvas
from dashboard.presentation.render import Renderer

Progress = Callable[[str, float], None]

# The dashboard's font under its installed name; where it is missing Word takes its own and
# LibreOffice DejaVu Sans (the shipped variable font prints too thin there, unkerned).
FONT = "Source Sans 3"
MARGIN = Cm(2.5)  # A4 less this each side leaves PRINT_WIDTH_CM for text and charts
# A table cell that is a number (or "<5", "×", "–", "+3 %") is right-aligned, as in the report.
_NUMBER_CELL = re.compile(r"^[+\-−]?[<×–]?[\d.,]*\s?%?$")


PDF_MISSING = (
    "geen PDF: LibreOffice (soffice) is niet geïnstalleerd. Installeer "
    "libreoffice-writer-nogui, of maak een Word-bestand (--format docx)."
)


class PdfUnavailable(RuntimeError):
    """LibreOffice (soffice) is not installed: there is no PDF, said in Dutch."""


def _styles(doc) -> None:  # type: ignore[no-untyped-def]
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    # Dutch for the spelling checker and a screen reader
    for style in ("Normal", "Heading 1", "Heading 2", "Title", "Caption"):
        r_pr = doc.styles[style].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "nl-NL")
        r_pr.append(lang)
    for style in ("Heading 1", "Heading 2", "Title"):
        doc.styles[style].font.name = FONT
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = MARGIN


def _toc(doc) -> None:  # type: ignore[no-untyped-def]
    """A table-of-contents field over Heading 1 and 2: Word fills it when the fields are
    updated (F9), LibreOffice when it converts to PDF."""
    paragraph = doc.add_paragraph()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'TOC \\o "1-2" \\h \\z \\u')
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Inhoudsopgave: werk de velden bij (F9) om hem te vullen."
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _table(doc, table: Table) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph(table.caption, style="Caption").paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, header in enumerate(table.headers):
        cell = grid.rows[0].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    # the header row repeats on every page a long table runs over
    header_pr = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_pr.append(repeat)
    # the first column holds the words: as wide as the numbers' columns together, or half of it
    first = PRINT_WIDTH_CM * (0.5 if len(table.headers) <= 4 else 0.3)
    rest = (PRINT_WIDTH_CM - first) / (len(table.headers) - 1)
    for column, width in zip(
        grid.columns, [first] + [rest] * (len(table.headers) - 1), strict=True
    ):
        for cell in column.cells:
            cell.width = Cm(width)
    for r, row in enumerate(table.rows, start=1):
        last = table.bold_last and r == len(table.rows)
        for i, value in enumerate(row):
            paragraph = grid.rows[r].cells[i].paragraphs[0]
            paragraph.add_run(value).bold = last
            if i > 0 and _NUMBER_CELL.match(value):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _chart(doc, chart: Chart, renderer: Renderer) -> None:  # type: ignore[no-untyped-def]
    fig = chart.build(Canvas.printed())
    height = int(fig.layout.height or 420)
    image = renderer.png(fig, width=PRINT_WIDTH, height=height, scale=PRINT_SCALE)
    doc.add_paragraph(chart.title, style="Caption").paragraph_format.keep_with_next = True
    shape = doc.add_picture(io.BytesIO(image), width=Cm(PRINT_WIDTH_CM))
    # alt text: Word's "Alternatieve tekst" is the picture's docPr description
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", chart.alt)
    doc_pr.set("title", chart.title)


def _chapter(doc, chapter: Chapter, renderer: Renderer) -> None:  # type: ignore[no-untyped-def]
    doc.add_heading(chapter.title, level=1)
    for block in chapter.blocks:
        if isinstance(block, Subheading):
            doc.add_heading(block.text, level=2)
        elif isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Table):
            _table(doc, block)
        else:
            _chart(doc, block, renderer)


def docx_bytes(document: Document, progress: Progress | None = None) -> bytes:
    """The draft as a Word file."""
    doc = new_document()
    _styles(doc)
    doc.core_properties.title = document.title
    doc.core_properties.language = "nl-NL"
    doc.add_heading(document.title, level=0)
    for line in document.intro:
        doc.add_paragraph(line)
    _toc(doc)
    with Renderer() as renderer:
        for i, chapter in enumerate(document.chapters):
            if progress:
                progress(chapter.title, i / len(document.chapters))
            _chapter(doc, chapter, renderer)
    buffer = io.BytesIO()
    doc.save(buffer)
    if progress:
        progress("Klaar", 1.0)
    return buffer.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


PDF_TIMEOUT_SECONDS = 180


def pdf_bytes(docx: bytes) -> bytes:
    """The Word file as PDF, by LibreOffice without a screen: real text, the shipped font."""
    program = soffice()
    if program is None:
        raise PdfUnavailable(PDF_MISSING)
    with tempfile.TemporaryDirectory(prefix="iko-jaarverslag-") as tmp:
        folder = Path(tmp)
        source = folder / "jaarverslag.docx"
        source.write_bytes(docx)
        # its own profile: a LibreOffice open on the desktop would otherwise take the job
        profile = (folder / "profiel").as_uri()
        done = subprocess.run(
            [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), str(source)],
            capture_output=True, text=True, timeout=PDF_TIMEOUT_SECONDS, check=False,
        )  # fmt: skip
        out = folder / "jaarverslag.pdf"
        if done.returncode != 0 or not out.is_file():
            raise PdfUnavailable(
                f"LibreOffice maakte geen PDF (code {done.returncode}): "
                f"{(done.stderr or done.stdout).strip()[:300]}"
            )
        return out.read_bytes()
