"""What the annual report draft is made of: chapters of paragraphs, tables and charts, apart
from the format they are written in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dashboard.charts.canvas import Canvas


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Table:
    """An editable table: Dutch headers and every cell already as text; `bold_last` marks a
    totals row."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bold_last: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart drawn by a page's builder for the canvas the writer gives it; `alt` says in
    words what it shows (a picture's alt text), `height` its builder's height in pixels."""

    title: str
    alt: str
    build: Callable[[Canvas], go.Figure]


Block = Paragraph | Subheading | Table | Chart


@dataclass(frozen=True)
class Chapter:
    title: str  # "2. Totaal aantal zaken en contactmomenten"
    blocks: tuple[Block, ...]
    key: str = ""  # the report's section ("2" ... "7"), empty for an appendix


@dataclass(frozen=True)
class Document:
    year: int
    title: str
    intro: tuple[str, ...]
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)

    @property
    def stem(self) -> str:
        return f"jaarverslag-{self.year}-concept"
