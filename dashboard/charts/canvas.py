"""Where a chart is drawn: the screen, a slide of the lecture, a page's chart as a slide of its
own, the chart alone as a picture on a PowerPoint slide, or a printed page (the annual
report). Every builder takes a canvas and lays its figure out for it as its last step
(`dashboard.charts.fit.lay_out`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

# The slide in CSS pixels (16:9); images are rendered at twice this.
WIDTH, HEIGHT = 1280, 720
IMAGE_SCALE = 2
# Nothing on a slide smaller than this at 1280 x 720: readable from the back of a hall.
MIN_TEXT_PX = 28
TITLE_PX = 40
# Chart builders size their text for a screen (14-18 px); on a slide it grows by this much,
# and to at least MIN_TEXT_PX.
FONT_SCALE = 1.4
# A page's chart as a slide of its own keeps the density it was drawn with (a heatmap of 16
# categories by 24 months does not fit at 28 px): its text grows less. Title, period and
# source are as on the lecture's slides.
CHART_FONT_SCALE, CHART_MIN_TEXT_PX = 1.1, 18
# On /presentatie the slide fills the window but for a strip this high along its bottom edge:
# the page's controls (buttons, slide number, notes) stand there, never on the slide's text.
CONTROLS_PX = 60
LABEL_CHAR_PX = 15  # a character of MIN_TEXT_PX Source Sans, generously
TITLE_CHARS = 50  # what fits on one line at TITLE_PX, bold, counted generously
# The title's room on a slide, measured: the width less its left and right edge (3 % each),
# less a little for the bold face Chromium draws wider than the font's advances.
TITLE_ROOM_PX = WIDTH * 0.94 - 40


def title_lines(
    title: str, width: Callable[[str], float] = len, room: float = TITLE_CHARS
) -> list[str]:
    """A message on one line if its `width` fits the `room` (by default: in characters), or on
    two, broken after the comma or colon nearest the middle."""
    if width(title) <= room:
        return [title]
    breaks = [i + 1 for i, c in enumerate(title) if c in ",:" and i + 1 < len(title)]
    if not breaks:
        breaks = [i for i, c in enumerate(title) if c == " "]
    cut = min(breaks, key=lambda i: abs(i - len(title) / 2))
    return [title[:cut].strip(), title[cut:].strip()]


@dataclass(frozen=True)
class Frame:
    """What a slide says around its chart: the message in one or two lines, and under it the
    period, source, data date and demo mark (`subtitle`, in plotly's HTML)."""

    title_lines: tuple[str, ...]
    subtitle: str

    @classmethod
    def of(cls, title: str, subtitle: str, width: Callable[[str], float] | None = None) -> Frame:
        """`width`: a title's width in pixels at TITLE_PX, bold (else its length is counted)."""
        if width is None:
            return cls(tuple(title_lines(title)), subtitle)
        return cls(tuple(title_lines(title, width, TITLE_ROOM_PX)), subtitle)


@dataclass(frozen=True)
class Canvas:
    """A chart's size and text: `width` x `height` in CSS pixels (None: the size of the screen
    it is shown on), every text scaled by `text_scale` to at least `min_text` pixels. On a
    slide, `frame` is the title drawn in the figure (None: the chart alone), and a page's
    chart keeps the margins measured for its screen (`screen_margins`). `controls` pixels along
    the bottom of the screen are not the chart's (see CONTROLS_PX)."""

    medium: Literal["screen", "slide", "print"] = "screen"
    width: int | None = None
    height: int | None = None
    text_scale: float = 1.0
    min_text: int = 0
    frame: Frame | None = None
    screen_margins: bool = False
    controls: int = 0

    @classmethod
    def slide(
        cls, frame: Frame | None, *, width: int | None = WIDTH, height: int | None = HEIGHT
    ) -> Canvas:
        """A slide of the lecture: text at least MIN_TEXT_PX. `width` and `height` None: the
        screen it is presented on (its text stays at its pixel size, so never under 28 px)."""
        return cls("slide", width, height, FONT_SCALE, MIN_TEXT_PX, frame)

    @classmethod
    def presented(cls, frame: Frame) -> Canvas:
        """A slide of the lecture on the screen of /presentatie: the window less the strip of
        its controls, text as on the slide (never under MIN_TEXT_PX)."""
        return cls("slide", None, None, FONT_SCALE, MIN_TEXT_PX, frame, controls=CONTROLS_PX)

    @property
    def drawn_height(self) -> int:
        """The height the chart is laid out for: its own, or the slide's on a screen of unknown
        size, less the strip of the controls."""
        return (self.height or HEIGHT) - self.controls

    @classmethod
    def chart_slide(cls, frame: Frame) -> Canvas:
        """A page's chart as a slide of its own ("Dia (PNG)"): its text a little larger than
        on screen, not the lecture's 28 px (it keeps the density it was drawn with)."""
        return cls(
            "slide", WIDTH, HEIGHT, CHART_FONT_SCALE, CHART_MIN_TEXT_PX, frame, screen_margins=True
        )

    @classmethod
    def printed(cls) -> Canvas:
        """The text width of an A4 page: the screen's look, margins measured for the labels,
        at a fixed width (the report's text around it says title and source)."""
        return cls("print", PRINT_WIDTH)

    @classmethod
    def slide_picture(cls, height: int) -> Canvas:
        """The chart of a lecture slide alone, `height` pixels high: PowerPoint has the title
        and the source line as text around it."""
        return cls.slide(None, height=height)


# A printed page: A4 less 2,5 cm each side is 16 cm of text width, 605 CSS pixels at 96 per
# inch; the screen's text sizes (14-18 px) print at 10,5-13,5 pt there. Rendered at 300 dpi.
PRINT_WIDTH_CM = 16.0
PRINT_WIDTH = round(PRINT_WIDTH_CM / 2.54 * 96)
PRINT_DPI = 300
PRINT_SCALE = PRINT_DPI / 96


# Today's page look: the builder's own sizes, margins measured for its labels.
SCREEN = Canvas()
