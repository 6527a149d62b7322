"""A builder's figure laid out for a slide canvas (`fit.lay_out` calls this): every text scaled
for the hall, Sankey labels wrapped to the slide's width, the legend under the chart, side
margins for the larger labels, and the slide's title and source line above it.
"""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go

from dashboard.charts.canvas import (
    LABEL_CHAR_PX,
    MIN_TEXT_PX,
    TITLE_PX,
    WIDTH,
    Canvas,
    Frame,
)
from dashboard.charts.template import FONT_FAMILY, TEXT_COLOUR, wrap_label

SUBTITLE_COLOUR = "#4A5568"
# Where a slide's title and source line stand, in pixels from the slide's top whatever its
# height (measured in Chromium with the shipped Source Sans): the anchor of a title of one and
# of two lines (plotly places a title by its first line: two lines start lower, and go up),
# the bottom of that title, and plotly's gap between title and subtitle.
TITLE_ANCHOR_PX = {1: 18, 2: 61}
TITLE_BOTTOM_PX = {1: 59, 2: 120}
SUBTITLE_GAP_PX = 17
LINE = 1.3  # a line of text, in font sizes
# Between the source line and what stands on the plot area's top edge (panel titles): half a
# line, so that at least a third of one is left where an estimate is a few pixels short.
CLEARANCE_LINES = 0.5
# The gap between stacked Sankey nodes on a slide, in lines of its smallest text.
SANKEY_PAD_LINES = 1.5
FONT_KEYS = frozenset({"font", "textfont", "tickfont", "insidetextfont", "outsidetextfont"})


def on_slide(fig: go.Figure, canvas: Canvas) -> go.Figure:
    """`fig` at the canvas's size, every text of the chart scaled by its `text_scale` up to at
    least its `min_text`, and (with a `frame`) the message as its title with the period,
    source, data date and demo mark under it; without, the chart alone."""
    spec = fig.to_dict()
    spec["layout"] = _scaled(spec.get("layout", {}), canvas.text_scale, canvas.min_text)
    spec["data"] = [_scaled(t, canvas.text_scale, canvas.min_text) for t in spec.get("data", [])]
    # character widths and line heights below are measured at MIN_TEXT_PX
    char_px = LABEL_CHAR_PX * (canvas.min_text / MIN_TEXT_PX)
    sankeys = [trace for trace in spec["data"] if trace.get("type") == "sankey"]
    for trace in sankeys:
        _sankey_labels(trace, canvas.width or WIDTH, canvas.min_text, char_px)
    _one_line_categories(spec, canvas.drawn_height, canvas.min_text)
    out = go.Figure(spec)
    layout: dict[str, Any] = {
        "width": canvas.width,
        "height": canvas.height,
        "autosize": canvas.width is None,
        "font": {"family": FONT_FAMILY, "size": canvas.min_text, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
    }
    margin = _side_margins(spec, canvas, char_px)
    legend = _legend_below(spec, canvas, char_px, margin)
    if legend is not None:
        layout["legend"], legend_room = legend
        margin["b"] = max(margin.get("b", 0), legend_room)
    if sankeys:
        # the label of the lowest node is centred on it, and its second line hangs below
        margin["b"] = max(margin.get("b", 0), round(SANKEY_PAD_LINES * canvas.min_text))
    layout.update(_fewer_value_ticks(spec["layout"]))
    layout["title"], margin["t"] = _title(
        canvas.frame, margin.get("t", 0), _above_plot(spec["layout"], canvas.min_text)
    )
    layout["margin"] = margin
    out.update_layout(**layout)
    return out


def _scaled(node: Any, factor: float, minimum: int) -> Any:
    """Every font size in a figure's dict, scaled and raised to `minimum`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "entrywidth" and node.get("entrywidthmode") == "pixels":
                out[key] = round(value * factor)
            elif key in FONT_KEYS:
                out[key] = _scaled_font(value, factor, minimum)
            else:
                out[key] = _scaled(value, factor, minimum)
        return out
    if isinstance(node, list):
        return [_scaled(v, factor, minimum) for v in node]
    return node


def _scaled_font(font: Any, factor: float, minimum: int) -> Any:
    if isinstance(font, list):
        return [_scaled_font(f, factor, minimum) for f in font]
    if not isinstance(font, dict):
        return font
    out = {k: _scaled(v, factor, minimum) for k, v in font.items() if k != "size"}
    size = font.get("size")
    if isinstance(size, list):
        out["size"] = [max(minimum, round(s * factor)) for s in size]
    elif isinstance(size, int | float):
        out["size"] = max(minimum, round(size * factor))
    return out


def _sankey_labels(trace: dict, width: int, min_text: int, char_px: float) -> None:
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


def _side_margins(spec: dict[str, Any], canvas: Canvas, char_px: float) -> dict[str, Any]:
    """The builder's margins, the left and right ones grown: they hold labels that are now
    larger, and room for the longest value-axis label, as plotly's automargin does not always
    make it (kaleido)."""
    margin = dict(spec["layout"].get("margin", {}))
    room = _label_room(spec, char_px)
    floor = max(60, round(6 * char_px) + 20)  # a value axis's "10.000"
    margin.update(
        {
            side: max(round(margin.get(side, 0) * canvas.text_scale), floor, room[side])
            for side in "lr"
        }
    )
    return margin


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


def _legend_below(
    spec: dict[str, Any], canvas: Canvas, char_px: float, margin: dict[str, int]
) -> tuple[dict[str, Any], int] | None:
    """The legend in the bottom margin, under the axis labels (above the chart sits the
    title), and the margin its rows need; None for a chart without one. Rows estimated from
    the entries' lengths at MIN_TEXT_PX (about 15 px a character); plotly.js breaks a
    horizontal legend within the plot area's width (`margin`: its side margins), whatever
    its `xref`."""
    names = [t.get("name") or "" for t in spec["data"] if t.get("showlegend", True) is not False]
    names = [n for n in names if n]
    if spec["layout"].get("showlegend", True) is False or not names:
        return None
    ratio = canvas.min_text / MIN_TEXT_PX
    entry_px = round(char_px * max(map(len, names)) + 60 * ratio)
    plot_px = (canvas.width or WIDTH) - margin.get("l", 80) - margin.get("r", 80)
    per_row = max(1, plot_px // entry_px)
    rows = -(-len(dict.fromkeys(names)) // per_row)
    legend = {
        **spec["layout"].get("legend", {}),
        "orientation": "h", "x": 0.02, "xanchor": "left", "xref": "container",
        "y": 0, "yanchor": "bottom", "yref": "container",
        # entries of a fixed width: measured before the web font has loaded they overlap
        "entrywidth": entry_px, "entrywidthmode": "pixels",
    }  # fmt: skip
    # under an x axis with labels (and its title) the legend starts lower
    x_axes = [v for k, v in spec["layout"].items() if k.startswith("xaxis") and isinstance(v, dict)]
    labelled = not x_axes or any(
        a.get("visible", True) is not False and a.get("showticklabels", True) is not False
        for a in x_axes
    )
    return legend, round(((110 if labelled else 30) + 42 * rows) * ratio)


def _fewer_value_ticks(layout: dict[str, Any]) -> dict[str, Any]:
    """Larger text needs fewer value ticks (a builder thins them for its screen size)."""
    ticks = {}
    for key, axis in layout.items():
        if key.startswith("yaxis") and isinstance(axis, dict) and "tickvals" not in axis:
            span = axis.get("domain", [0, 1])
            ticks[key] = {"nticks": max(3, round(6 * (span[1] - span[0])))}
    return ticks


def _above_plot(layout: dict[str, Any], min_text: int) -> float:
    """Pixels that texts standing on the top edge of the plot area reach above it: the panel
    titles of subplots (annotations at the paper's top, anchored at their bottom)."""
    reach = 0.0
    for note in layout.get("annotations") or []:
        on_top = note.get("yref") == "paper" and (note.get("y") or 0) >= 0.999
        if not on_top or note.get("yanchor") != "bottom" or not note.get("text"):
            continue
        size = (note.get("font") or {}).get("size") or min_text
        lines = len(re.split(r"<br\s*/?>", str(note["text"]), flags=re.IGNORECASE))
        # plotly leaves a pixel or two between the plot area and the text's box
        reach = max(reach, lines * size * LINE + 2 + (note.get("yshift") or 0))
    return reach


def _title(frame: Frame | None, top: int, above_plot: float) -> tuple[dict[str, Any], int]:
    """The slide's title and the top margin it needs, with the source line under the title and
    what stands above the plot area (`above_plot` pixels) apart; without a frame none
    (PowerPoint has the title as text)."""
    if frame is None:
        return {"text": ""}, max(top, 50, round(above_plot + 4))
    lines = frame.title_lines
    subtitle_lines = len(re.split(r"<br\s*/?>", frame.subtitle, flags=re.IGNORECASE))
    subtitle_bottom = (
        TITLE_BOTTOM_PX[len(lines)] + SUBTITLE_GAP_PX + subtitle_lines * MIN_TEXT_PX * LINE
    )
    plot_top = subtitle_bottom + CLEARANCE_LINES * MIN_TEXT_PX * LINE + above_plot
    title = {
        "text": "<br>".join(f"<b>{line}</b>" for line in lines),
        "font": {
            "size": TITLE_PX if len(lines) == 1 else TITLE_PX - 4,
            "color": TEXT_COLOUR,
            "family": FONT_FAMILY,
        },
        # from the slide's edge: a chart with long labels on the left has its plot area far
        # to the right, and a title from there ran off the slide
        "x": 0.03,
        "xanchor": "left",
        "xref": "container",
        # in pixels from the top, as the top margin is: a fraction of the height put the title
        # lower on a taller screen, and its source line onto the panel titles
        "y": 1,
        "yref": "container",
        "yanchor": "top",
        "automargin": False,  # the top margin is set for the title and source
        "pad": {"t": TITLE_ANCHOR_PX[len(lines)]},
        "subtitle": {
            "text": frame.subtitle,
            "font": {"size": MIN_TEXT_PX, "color": SUBTITLE_COLOUR},
        },
    }
    return title, max(190 if len(lines) == 1 else 250, round(plot_top))
