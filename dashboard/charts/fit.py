"""A chart laid out for its canvas (`lay_out`, every builder's last step), and room for its
labels, reserved before the browser draws it.

plotly.js grows a margin to fit what stands in it (`automargin` on axes and the title, the
legend, a colour bar), but it does so by drawing the chart, measuring, and drawing it again:
in Chromium every chart on our pages was drawn two or three times, and the drawing of a
dozen charts in one task is what keeps a page blank for seconds (profiled: half of the
charts' time went to these redraws). So each figure's margins are set, once, when its
builder lays it out for the screen, to what those labels will need, measured with the app's own font
(shipped in `dashboard/static/fonts/`). Automargin stays on: where an estimate falls short,
plotly.js still grows the margin, as before, and nothing is ever cut off because of this. An
estimate errs on the side of a few pixels too many.

Only what pushes a margin from the edge of the plot area is counted: the tick labels and
title of an axis at the plot's outer edge, a title at the top, a legend above or at the
right, a colour bar. Subplot titles and annotations are the builder's business, as before.
"""

from __future__ import annotations

import base64
import math
import re
from functools import cache
from typing import Any

import numpy as np
import plotly.graph_objects as go
from PIL import ImageFont

from dashboard.charts import slide_layout
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.template import FONT_DIR, FONT_SIZE

# Measured from charts drawn in Chromium (their final `_size` against these estimates):
TEXT_SCALE = 1.05  # Chromium draws the text this much wider than the font's advances
LINE = 1.3  # a line of text, in font sizes
TITLE_LINE = 1.6  # a line of the chart title, in its font size
LABEL_GAP = 12  # between tick labels and the plot area, and the labels' own padding
RIGHT_LABEL_GAP = 10  # more for labels at the right
AXIS_TITLE_LINE = 1.3  # a line of an axis title with its standoff, in its font size
LEGEND_SYMBOL = 46  # a legend entry's symbol and the gaps around its text, in a row
LEGEND_SIDE = 50  # the same for a legend in a column at the right
LEGEND_ROW = 1.45  # a legend row, in font sizes
LEGEND_PAD = 16  # above and below a legend's rows
COLOURBAR_PAD = 20  # around a colour bar and its labels
END_LABEL = 16  # the most the last label of a bottom axis sticks out at the right
SPARE = 6  # pixels more than the estimate, for rounding and kerning
BOLD = 1.08  # bold text is this much wider
# A legend or colour bar at x = 1.02 stands 2 % of the plot's width to its right: for a figure
# without a width, that of the widest chart (the main column at 1920 pixels).
WIDEST_PLOT = 1400
# The width a legend above a chart may take before it wraps, when the figure has no width:
# the page's main column at 1280 pixels, less the side margins.
NARROWEST_FIGURE = 762

# Trace types that show in a legend unless told not to (heatmaps and maps have a colour bar).
LEGEND_TRACES = frozenset({"bar", "scatter"})

_TAG = re.compile(r"<[^>]+>")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / "SourceSans3VF-Upright.ttf"), size)


def text_width(text: Any, size: float) -> float:
    """The widest line of `text` (plotly's HTML subset: <br>, <b>, <i>) in pixels."""
    widest = 0.0
    for line in re.split(r"<br\s*/?>", str(text), flags=re.IGNORECASE):
        bold = "<b>" in line.lower()
        width = _font(round(size)).getlength(_TAG.sub("", line))
        widest = max(widest, width * TEXT_SCALE * (BOLD if bold else 1.0))
    return widest


def text_lines(text: Any) -> int:
    return len(re.split(r"<br\s*/?>", str(text), flags=re.IGNORECASE))


def lay_out(fig: go.Figure, canvas: Canvas = SCREEN) -> go.Figure:
    """A builder's last step: `fig` laid out for `canvas`. On the screen, its margins reserved
    for its labels (`reserve`); on a slide, its text scaled for the hall, its legend under the
    chart and the slide's title above it (`slide_layout.on_slide`); a page's chart on a slide
    keeps the margins measured for its screen, grown with its text."""
    if canvas.medium in ("screen", "print"):
        return reserve(fig)
    if canvas.screen_margins:
        fig = reserve(fig)
    return slide_layout.on_slide(fig, canvas)


def reserve(fig: go.Figure) -> go.Figure:
    """`fig` with each margin at least the room its labels need (see the module's text)."""
    spec = fig.to_plotly_json()
    layout, data = spec.get("layout", {}), spec.get("data", [])
    needed = estimate(layout, data)
    margin = dict(layout.get("margin") or {})
    template_margin = (layout.get("template") or {}).get("layout", {}).get("margin", {})
    grown = {}
    for side, room in needed.items():
        current = margin.get(side, template_margin.get(side, 0))
        if room > current:
            grown[side] = math.ceil(room)
    if grown:
        fig.update_layout(margin=grown)
    return fig


def _size(font: dict[str, Any] | None, default: float) -> float:
    return float((font or {}).get("size") or default)


def estimate(layout: dict[str, Any], data: list[dict[str, Any]]) -> dict[str, float]:
    """The room in pixels each side of the plot area needs; 0 where nothing pushes."""
    base = _size(layout.get("font"), FONT_SIZE)
    room = {"l": 0.0, "r": 0.0, "t": 0.0, "b": 0.0}
    axes = {k: v for k, v in layout.items() if re.fullmatch(r"[xy]axis\d*", k)}
    for name in ("xaxis", "yaxis"):
        axes.setdefault(name, {})
    for name, axis in axes.items():
        side = _axis_side(name, axis, axes)
        if side is None:
            continue
        room[side] = max(room[side], _axis_room(name, axis, data, side, base))
        if side == "b" and axis.get("showticklabels", True) is not False:
            # the last label, centred on a tick at the plot's right edge, half sticks out
            labels = _tick_labels(name, axis, data)
            if labels:
                tick_size = _size(axis.get("tickfont"), base)
                # (on a bar chart it stands half a bar in: count at most 16 pixels)
                half = min(text_width(labels[-1], tick_size) / 2, END_LABEL)
                room["r"] = max(room["r"], half + SPARE)
    title = layout.get("title") or {}
    if title.get("text") and title.get("automargin", True) is not False:
        size = _size(title.get("font"), base + 4)
        pad = (title.get("pad") or {}).get("t", 10)
        room["t"] = max(room["t"], pad + text_lines(title["text"]) * size * TITLE_LINE + SPARE)
    room["r"] = max(room["r"], _colourbar_room(data, base))
    legend = _legend_room(layout, data, base, room)
    if legend is not None:
        side, pixels = legend
        # a legend above sits under the title
        room[side] = room[side] + pixels if side == "t" else max(room[side], pixels)
    return room


def _axis_side(name: str, axis: dict[str, Any], axes: dict[str, Any]) -> str | None:
    """The margin an axis's labels push, or None for an axis inside the figure."""
    if axis.get("visible") is False:
        return None
    letter = name[0]
    other = "x" if letter == "y" else "y"
    anchor = axis.get("anchor")
    anchored = axes.get(f"{other}axis{anchor[1:]}" if anchor and anchor != "free" else "", {})
    domain = anchored.get("domain", [0, 1])
    side = axis.get("side") or ("left" if letter == "y" else "bottom")
    if axis.get("overlaying"):
        domain = axes.get(f"{other}axis", {}).get("domain", [0, 1])
    if side == "left" and domain[0] <= 0:
        return "l"
    if side == "right" and domain[1] >= 1:
        return "r"
    if side == "bottom" and domain[0] <= 0:
        return "b"
    if side == "top" and domain[1] >= 1:
        return "t"
    return None


def _axis_room(name: str, axis: dict[str, Any], data: list[dict], side: str, base: float) -> float:
    tick_size = _size(axis.get("tickfont"), base)
    room = 0.0
    if axis.get("showticklabels", True) is not False:
        labels = _tick_labels(name, axis, data)
        if labels:
            if side in "lr":
                gap = LABEL_GAP if side == "l" else LABEL_GAP + RIGHT_LABEL_GAP
                room = max(text_width(t, tick_size) for t in labels) + gap
            else:
                room = max(text_lines(t) for t in labels) * tick_size * LINE + LABEL_GAP
    title = axis.get("title") or {}
    if title.get("text"):
        size = _size(title.get("font"), base)
        room += text_lines(title["text"]) * size * AXIS_TITLE_LINE
    return room + SPARE if room else 0.0


def values(array: Any) -> list[Any]:
    """A trace's data array as a list: a list, a numpy array, or plotly's typed-array JSON
    (`{"dtype": "f8", "bdata": "<base64>"}`)."""
    if array is None:
        return []
    if isinstance(array, dict):
        if "bdata" not in array:
            return []
        flat = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        return flat.tolist()
    if isinstance(array, np.ndarray):
        return array.ravel().tolist()
    if isinstance(array, list | tuple):
        return [
            x
            for item in array
            for x in (values(item) if isinstance(item, list | tuple | np.ndarray) else [item])
        ]
    return [array]


def _on_axis(name: str, trace: dict[str, Any]) -> bool:
    letter, number = name[0], name[5:]
    return (trace.get(f"{letter}axis") or letter) == letter + number


def _tick_labels(name: str, axis: dict[str, Any], data: list[dict]) -> list[str]:
    """The tick labels an axis will show, or their widest likely form for a value axis."""
    if axis.get("ticktext") is not None:
        return [str(t) for t in axis["ticktext"]]
    letter = name[0]
    shown = [
        v
        for trace in data
        if _on_axis(name, trace) and trace.get("type", "scatter") in ("bar", "scatter", "heatmap")
        for v in values(trace.get(letter))
        if v is not None
    ]
    if axis.get("type") == "category" or any(isinstance(v, str) for v in shown):
        if axis.get("type") in ("date", "linear"):
            return []  # dates on a value axis: plotly.js chooses the labels
        return [str(v) for v in dict.fromkeys(shown)]
    numbers = [abs(v) for v in shown if isinstance(v, int | float) and v == v]
    top = max([*numbers, *(abs(v) for v in axis.get("range") or [] if isinstance(v, int | float))],
              default=None)  # fmt: skip
    if top is None:
        return []
    # The widest label is at most the range's top with plotly's headroom (a tenth), written
    # with thousands separators (digits are all as wide); a small range writes a decimal.
    label = f"{math.ceil(top * 1.1):,}".replace(",", ".")
    decimals = re.search(r"\.(\d+)f", axis.get("tickformat") or "")
    if decimals and int(decimals.group(1)):
        label += "," + "0" * int(decimals.group(1))
    elif top < 10:
        label += ",5"
    if any(v < 0 for v in shown if isinstance(v, int | float)):
        label = "−" + label
    return [label]


def _legend_room(
    layout: dict[str, Any], data: list[dict], base: float, room: dict[str, float]
) -> tuple[str, float] | None:
    if layout.get("showlegend") is False:
        return None
    names = [
        str(t["name"])
        for t in data
        if t.get("name")
        and t.get("showlegend", t.get("type", "scatter") in LEGEND_TRACES) is not False
    ]
    names = list(dict.fromkeys(names))
    shown = len(data) > 1 or layout.get("showlegend") is True
    if not names or not shown:
        return None
    legend = layout.get("legend") or {}
    template_legend = (layout.get("template") or {}).get("layout", {}).get("legend", {})
    orientation = legend.get("orientation", template_legend.get("orientation", "v"))
    x = legend.get("x", template_legend.get("x", 1.02))
    y = legend.get("y", template_legend.get("y", 1))
    size = _size(legend.get("font") or template_legend.get("font"), base)
    title = (legend.get("title") or {}).get("text") or ""
    if orientation == "v" and x >= 1:
        widest = max(text_width(n, size) for n in [*names, title])
        return "r", (x - 1) * WIDEST_PLOT + widest + LEGEND_SIDE + SPARE
    if orientation == "h" and y >= 1:
        width = (layout.get("width") or NARROWEST_FIGURE) - room["l"] - room["r"]
        plot_height = (layout.get("height") or 450) - room["b"] - room["t"]
        entries = [text_width(n, size) + LEGEND_SYMBOL for n in names]
        if title:
            entries.insert(0, text_width(title, size) + 10)
        rows, used = 1, 0.0
        for entry in entries:
            if used and used + entry > width:
                rows, used = rows + 1, 0.0
            used += entry
        return "t", rows * size * LEGEND_ROW + LEGEND_PAD + (y - 1) * plot_height + SPARE
    return None


def _colourbar_room(data: list[dict], base: float) -> float:
    room = 0.0
    for trace in data:
        if trace.get("type") not in ("heatmap", "choropleth") or trace.get("showscale") is False:
            continue
        numbers = [abs(v) for v in values(trace.get("z")) if isinstance(v, int | float)]
        label = f"{math.ceil(max(numbers, default=0)):,}".replace(",", ".")
        bar = trace.get("colorbar") or {}
        title = (bar.get("title") or {}).get("text") or ""
        affixed = [f"{bar.get('tickprefix', '')}{t}{bar.get('ticksuffix', '')}"
                   for t in (bar.get("ticktext") or [label])]  # fmt: skip
        labels = [text_width(t, base) for t in affixed]
        x = bar.get("x", 1.02)
        thickness = bar.get("thickness", 30) + COLOURBAR_PAD
        widest = max([*labels, text_width(title, base)])
        room = max(room, (x - 1) * WIDEST_PLOT + thickness + widest)
    return room + SPARE if room else 0.0
