"""A slide: its types (the deck, a slide, a page's chart as a slide and the period it shows),
the slide's frame (title, period, source, data date, demo mark) and its notes.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import plotly.graph_objects as go

from dashboard.charts.template import FONT_FAMILY, TEXT_COLOUR, wrap_label
from dashboard.format import date_nl, month_name
from dashboard.reports.annual import Tile
from dashboard.reports.periods import YearPeriod

SOURCE = "Bron: registratiesysteem Centrum IKO"
DEMO_MARK = "demonstratiegegevens"
DEMO_COLOUR = "#B3261E"

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


@dataclass(frozen=True)
class Slide:
    """One slide: its file name part, its message, its chart and the speaker notes."""

    key: str
    title: str
    figure: Callable[[], go.Figure] = field(repr=False)
    notes: str
    key_figures: tuple[Tile, ...] = ()


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

    def figure(self, fig: go.Figure) -> go.Figure:
        """The page's figure on this slide, its text a little larger than on screen (not the
        lecture's 28 px: the chart keeps the density it was drawn with)."""
        return on_slide(
            fig, self, self.title, font_scale=CHART_FONT_SCALE, min_text=CHART_MIN_TEXT_PX
        )


def slug(text: str) -> str:
    """ "Lijn 2: lopende zaken (per maand)" -> "lijn-2-lopende-zaken-per-maand"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


# -- a builder's figure at slide size -------------------------------------------------------


def _scaled(node: Any, factor: float, minimum: int) -> Any:
    """Every font size in a figure's dict, scaled and raised to `minimum`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "entrywidth" and node.get("entrywidthmode") == "pixels":
                out[key] = round(value * factor)
            elif key in {"font", "textfont", "tickfont", "insidetextfont", "outsidetextfont"}:
                out[key] = _font(value, factor, minimum)
            else:
                out[key] = _scaled(value, factor, minimum)
        return out
    if isinstance(node, list):
        return [_scaled(v, factor, minimum) for v in node]
    return node


def _font(font: Any, factor: float, minimum: int) -> Any:
    if isinstance(font, list):
        return [_font(f, factor, minimum) for f in font]
    if not isinstance(font, dict):
        return font
    out = {k: _scaled(v, factor, minimum) for k, v in font.items() if k != "size"}
    size = font.get("size")
    if isinstance(size, list):
        out["size"] = [max(minimum, round(s * factor)) for s in size]
    elif isinstance(size, int | float):
        out["size"] = max(minimum, round(size * factor))
    return out


# The gap between stacked Sankey nodes on a slide, in lines of its smallest text.
SANKEY_PAD_LINES = 1.5


def _sankey_on_slide(trace: dict, width: int, min_text: int, char_px: float) -> None:
    """A Sankey diagram's node labels for slide text: wrapped to the gap between its columns
    (a label stands in the gap right of its node), and stacked nodes far enough apart for two
    lines each (the screen's 14 px let the labels of two small ones run into each other)."""
    node = trace.setdefault("node", {})
    node["pad"] = max(node.get("pad", 0), round(SANKEY_PAD_LINES * min_text))
    link = trace.get("link", {})
    labels = list(node.get("label") or [])
    depth = dict.fromkeys(range(len(labels)), 0)
    for _ in labels:  # longest path from a first node: the column (a flow has no cycle)
        for source, target in zip(link.get("source", []), link.get("target", []), strict=True):
            depth[target] = max(depth[target], depth[source] + 1)
    gaps = max(1, max(depth.values(), default=0))
    chars = max(8, int((width - 120) / gaps / char_px))
    node["label"] = [wrap_label(label, chars) for label in labels]


def on_slide(
    fig: go.Figure,
    deck: Credits,
    title: str,
    *,
    width: int | None = WIDTH,
    height: int | None = HEIGHT,
    with_title: bool = True,
    font_scale: float = FONT_SCALE,
    min_text: int = MIN_TEXT_PX,
) -> go.Figure:
    """A chart builder's figure as a slide: `width` x `height`, every text of the chart
    scaled by `font_scale` up to at least `min_text`, and (with `with_title`) the message as
    its title with the period, source, data date and demo mark under it. Without, the chart
    alone (for PowerPoint, which has the title as text). `width` and `height` None: the size
    of the screen it is shown on (the presentation page; text stays at its pixel size, so
    never under 28 px). A page's chart downloaded as a slide has smaller chart text
    (CHART_FONT_SCALE, CHART_MIN_TEXT_PX): it was drawn for a screen, not for the lecture."""
    spec = fig.to_dict()
    spec["layout"] = _scaled(spec.get("layout", {}), font_scale, min_text)
    spec["data"] = [_scaled(trace, font_scale, min_text) for trace in spec.get("data", [])]
    # character widths and line heights below are measured at MIN_TEXT_PX
    ratio = min_text / MIN_TEXT_PX
    char_px = LABEL_CHAR_PX * ratio
    sankey = False
    for trace in spec["data"]:
        if trace.get("type") == "sankey":
            sankey = True
            _sankey_on_slide(trace, width or WIDTH, min_text, char_px)
    _one_line_categories(spec, height or HEIGHT, min_text)
    out = go.Figure(spec)
    layout: dict[str, Any] = {
        "width": width,
        "height": height,
        "autosize": width is None,
        "font": {"family": FONT_FAMILY, "size": min_text, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
    }
    margin = dict(spec["layout"].get("margin", {}))
    # a builder's fixed side margins hold labels that are now larger; and room for the
    # longest value-axis label, as plotly's automargin does not always make it (kaleido)
    room = _label_room(spec, char_px)
    floor = max(60, round(6 * char_px) + 20)  # a value axis's "10.000"
    margin.update(
        {side: max(round(margin.get(side, 0) * font_scale), floor, room[side]) for side in "lr"}
    )
    names = [t.get("name") or "" for t in spec["data"] if t.get("showlegend", True) is not False]
    names = [n for n in names if n]
    if spec["layout"].get("showlegend", True) is not False and names:
        # In the bottom margin, under the axis labels: above the chart sits the title. Rows
        # estimated from the entries' lengths at MIN_TEXT_PX (about 15 px a character).
        entry_px = round(char_px * max(map(len, names)) + 60 * ratio)
        per_row = max(1, ((width or WIDTH) - 80) // entry_px)
        rows = -(-len(dict.fromkeys(names)) // per_row)
        layout["legend"] = {
            **spec["layout"].get("legend", {}),
            "orientation": "h", "x": 0.02, "xanchor": "left", "xref": "container",
            "y": 0, "yanchor": "bottom", "yref": "container",
            # entries of a fixed width: measured before the web font has loaded they overlap
            "entrywidth": entry_px, "entrywidthmode": "pixels",
        }  # fmt: skip
        margin["b"] = max(margin.get("b", 0), round((110 + 42 * rows) * ratio))
    if sankey:
        # the label of the lowest node is centred on it, and its second line hangs below
        margin["b"] = max(margin.get("b", 0), round(SANKEY_PAD_LINES * min_text))
    # Larger text needs fewer value ticks (a builder thins them for its screen size)
    for key, axis in spec["layout"].items():
        if key.startswith("yaxis") and isinstance(axis, dict) and "tickvals" not in axis:
            span = axis.get("domain", [0, 1])
            layout[key] = {"nticks": max(3, round(6 * (span[1] - span[0])))}
    lines = title_lines(title)
    if with_title:
        demo = (
            f' · <span style="color:{DEMO_COLOUR}"><b>{DEMO_MARK}</b></span>'
            if deck.is_demo
            else ""
        )
        layout["title"] = {
            "text": "<br>".join(f"<b>{line}</b>" for line in lines),
            "font": {
                "size": TITLE_PX if len(lines) == 1 else TITLE_PX - 4,
                "color": TEXT_COLOUR,
                "family": FONT_FAMILY,
            },
            # from the slide's edge: a chart with long labels on the left has its plot
            # area far to the right, and a title from there ran off the slide
            "x": 0.03,
            "xanchor": "left",
            "xref": "container",
            # plotly places a title's top by its first line only: two lines start a line lower
            "y": 0.975 if len(lines) == 1 else 0.915,
            "yref": "container",
            "yanchor": "top",
            "automargin": False,  # the top margin below is set for the title and source
            "pad": {"t": 0},
            "subtitle": {
                "text": f"{deck.period} · {SOURCE}<br>gegevens tot en met "
                f"{date_nl(deck.data_until)}{demo}",
                "font": {"size": MIN_TEXT_PX, "color": "#4A5568"},
            },
        }
        margin["t"] = 190 if len(lines) == 1 else 250
    else:
        layout["title"] = {"text": ""}
        margin["t"] = max(margin.get("t", 0), 50)
    layout["margin"] = margin
    out.update_layout(**layout)
    return out


def _one_line_categories(spec: dict[str, Any], height: int, min_text: int) -> None:
    """Category labels a builder broke over two lines for a narrow screen column (the
    heatmap's 16 categories), on one line when the slide's rows are too low for two: the
    left margin then grows to the longest label (`_label_room`)."""
    for key, axis in spec["layout"].items():
        labels = (
            axis.get("ticktext") if key.startswith("yaxis") and isinstance(axis, dict) else None
        )
        if not labels or not any("<br>" in str(t) for t in labels):
            continue
        text_px = max(min_text, (axis.get("tickfont") or {}).get("size") or 0)
        # about 60 % of a slide is plot area under the title, the source and the axis labels
        if 0.6 * height / len(labels) < 2.4 * text_px:
            axis["ticktext"] = [str(t).replace("<br>", " ") for t in labels]


def _label_room(spec: dict[str, Any], char_px: float) -> dict[str, int]:
    """Pixels for the longest category or tick label on the left and on the right."""

    def width(texts: list[Any]) -> int:
        plain = [re.sub(r"<[^>]+>", "", str(t)) for t in texts if isinstance(t, str)]
        return round(max((len(t) for t in plain), default=0) * char_px) + 30 if plain else 0

    room = {"l": 0, "r": 0}
    for key, axis in spec["layout"].items():
        if key.startswith("yaxis") and isinstance(axis, dict) and axis.get("ticktext"):
            side = "r" if axis.get("side") == "right" else "l"
            room[side] = max(room[side], width(list(axis["ticktext"])))
    for trace in spec["data"]:
        y = trace.get("y")
        if y is not None and len(y) and all(isinstance(v, str) for v in y):  # categories
            room["l"] = max(room["l"], width(list(y)))
    return room


LABEL_CHAR_PX = 15  # a character of MIN_TEXT_PX Source Sans, generously
TITLE_CHARS = 50  # what fits on one line at TITLE_PX, bold


def title_lines(title: str) -> list[str]:
    """A message on one line, or on two, broken after the comma or colon nearest the middle."""
    if len(title) <= TITLE_CHARS:
        return [title]
    breaks = [i + 1 for i, c in enumerate(title) if c in ",:" and i + 1 < len(title)]
    if not breaks:
        breaks = [i for i, c in enumerate(title) if c == " "]
    cut = min(breaks, key=lambda i: abs(i - len(title) / 2))
    return [title[:cut].strip(), title[cut:].strip()]


def slide_figure(deck_: Deck, slide: Slide, **size: Any) -> go.Figure:
    """The slide as one figure: title, source line and chart, at slide size."""
    return on_slide(slide.figure(), deck_, slide.title, **size)


def notes_text(deck_: Deck, slide: Slide) -> str:
    return f"{slide.notes}\n\n{deck_.source_line}." + (
        f" {DEMO_MARK.capitalize()}: geen echte cijfers." if deck_.is_demo else ""
    )
