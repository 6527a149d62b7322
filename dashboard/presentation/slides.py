"""A slide: its types (the deck, a slide, a page's chart as a slide and the period it shows),
the slide's frame (title, period, source, data date, demo mark) and its notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import plotly.graph_objects as go

from dashboard.charts import fit

# The slide's size, where the presentation looks for it
from dashboard.charts.canvas import HEIGHT as HEIGHT
from dashboard.charts.canvas import IMAGE_SCALE as IMAGE_SCALE
from dashboard.charts.canvas import MIN_TEXT_PX as MIN_TEXT_PX
from dashboard.charts.canvas import TITLE_PX, Canvas, Frame
from dashboard.charts.canvas import WIDTH as WIDTH
from dashboard.format import date_nl, month_name
from dashboard.reports.annual import Tile
from dashboard.reports.periods import YearPeriod

SOURCE = "Bron: registratiesysteem Centrum IKO"
DEMO_MARK = "demonstratiegegevens"
DEMO_COLOUR = "#B3261E"


@dataclass(frozen=True)
class Slide:
    """One slide: its file name part, its message, its chart and the speaker notes. `period`
    is what the chart shows where that is not the deck's year (an average over years)."""

    key: str
    title: str
    figure: Callable[[Canvas], go.Figure] = field(repr=False)  # its builder, for a canvas
    notes: str
    key_figures: tuple[Tile, ...] = ()
    period: ChartPeriod | None = None


@dataclass(frozen=True)
class Deck:
    year: int
    period: str
    data_until: dt.date
    is_demo: bool
    slides: tuple[Slide, ...]

    @property
    def source_line(self) -> str:
        """Period, source and data date: on every slide."""
        return f"{self.period} · {SOURCE} · gegevens tot en met {date_nl(self.data_until)}"

    @property
    def stem(self) -> str:
        """ "iko-lezing-2025": the start of every file name of the deck."""
        return f"iko-lezing-{self.year}"

    def file_name(self, slide: Slide, suffix: str = "png") -> str:
        return f"{self.stem}-{slide.key}.{suffix}"

    def of_slide(self, slide: Slide) -> Deck:
        """The deck's credits as `slide` says them: its own period where it has one."""
        if slide.period is None:
            return self
        return dataclasses.replace(self, period=slide.period.label)


class Credits(Protocol):
    """What a slide says under its title: the period, the data's last day, demo or not. A
    `Deck` has them, and so has a page's chart downloaded as a slide (`ChartSlide`)."""

    @property
    def period(self) -> str: ...
    @property
    def data_until(self) -> dt.date: ...
    @property
    def is_demo(self) -> bool: ...


@dataclass(frozen=True)
class ChartPeriod:
    """The period a page's chart shows: as the slide says it ("2026 t/m 22 november") and as
    its file name does ("2026-tm-2026-11-22")."""

    label: str
    key: str

    @classmethod
    def year(cls, year: int, data_until: dt.date) -> ChartPeriod:
        """A calendar year; the running one says up to which day it counts."""
        if YearPeriod(year, data_until).is_complete:
            return cls(str(year), str(year))
        return cls(
            f"{year} t/m {data_until.day} {month_name(data_until.month)}",
            f"{year}-tm-{data_until.isoformat()}",
        )

    @classmethod
    def years(cls, first: int, last: int, data_until: dt.date) -> ChartPeriod:
        """Calendar years `first` to `last`; a running last year says up to which day."""
        if first == last:
            return cls.year(last, data_until)
        label, key = f"{first}–{last}", f"{first}-{last}"
        if not YearPeriod(last, data_until).is_complete:
            label += f" ({last} t/m {data_until.day} {month_name(data_until.month)})"
            key += f"-tm-{data_until.isoformat()}"
        return cls(label, key)

    @classmethod
    def holidays(cls, years: list[str]) -> ChartPeriod:
        """The holidays of `years` (in order) that a chart averages over: "vakanties
        2024–2026", or each year named where one is missing between them."""
        first, last = years[0], years[-1]
        consecutive = [str(y) for y in range(int(first), int(last) + 1)] == years
        named = f"{first}–{last}" if consecutive and len(years) > 1 else ", ".join(years)
        return cls(f"vakanties {named}", first if first == last else f"{first}-{last}")


@dataclass(frozen=True)
class ChartSlide:
    """A chart of a dashboard page as a slide of its own: the chart's title, the period it
    shows, and the name of its PNG ("iko-2025-caseload-nieuwe-zaken-per-maand-demo.png")."""

    title: str
    period: str
    data_until: dt.date
    is_demo: bool
    file_name: str

    @classmethod
    def of(
        cls,
        title: str,
        period: ChartPeriod,
        page: str,
        *,
        data_until: dt.date,
        is_demo: bool,
        published: bool = False,
    ) -> ChartSlide:
        stem = f"iko-{period.key}-{page}-{slug(title)}"
        # as the table downloads: demo data and publication mode say so in the name
        stem += ("-demo" if is_demo else "") + ("-publicatie" if published else "")
        return cls(title, period.label, data_until, is_demo, f"{stem}.png")

    @property
    def canvas(self) -> Canvas:
        """The canvas the page's chart is built again for: this slide, its text a little
        larger than on screen (not the lecture's 28 px: it keeps the density it was drawn
        with)."""
        return Canvas.chart_slide(frame(self, self.title))


def slug(text: str) -> str:
    """ "Lijn 2: lopende zaken (per maand)" -> "lijn-2-lopende-zaken-per-maand"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def frame(credits: Credits, title: str) -> Frame:
    """What a slide says around its chart: `title`, and under it the period, the source, the
    data's last day and, for demo data, the demo mark."""
    demo = (
        f' · <span style="color:{DEMO_COLOUR}"><b>{DEMO_MARK}</b></span>' if credits.is_demo else ""
    )
    return Frame.of(
        title,
        f"{credits.period} · {SOURCE}<br>gegevens tot en met {date_nl(credits.data_until)}{demo}",
        # measured: a title that fits on one line leaves the chart a line more room
        lambda text: fit.text_width(f"<b>{text}</b>", TITLE_PX),
    )


def slide_figure(deck_: Deck, slide: Slide, **size: Any) -> go.Figure:
    """The slide as one figure: title, source line and chart, at slide size (`size`: width and
    height in pixels)."""
    return slide.figure(Canvas.slide(frame(deck_.of_slide(slide), slide.title), **size))


def presented_figure(deck_: Deck, slide: Slide) -> go.Figure:
    """The slide as one figure for the screen of /presentatie: the window's size, less the strip
    of the page's controls (`Canvas.presented`)."""
    return slide.figure(Canvas.presented(frame(deck_.of_slide(slide), slide.title)))


def notes_text(deck_: Deck, slide: Slide) -> str:
    return f"{slide.notes}\n\n{deck_.of_slide(slide).source_line}." + (
        f" {DEMO_MARK.capitalize()}: geen echte cijfers." if deck_.is_demo else ""
    )
