"""The flow of mediation requests as a Sankey diagram: from request to outcome, each stage's
drop-outs leaving where they happen.

Plotly places a Sankey's nodes itself and writes each label beside its node whatever it
covers: the labels of small drop-outs stacked on top of each other, and a long label ran
under the next column. So the nodes stand where `place_nodes` puts them (arrangement
"fixed"), for the canvas the figure is laid out for: columns as far apart as their labels,
wrapped and measured with the app's font, are wide, and every node in a slot as high as its
label, with the flows as thick as the room left allows.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import fit
from dashboard.charts.canvas import HEIGHT, SCREEN, WIDTH, Canvas
from dashboard.charts.template import MIN_FONT_SIZE, PALETTE, TEXT_COLOUR, rgba
from dashboard.format import number
from dashboard.reports.mediation import STAGE_LABELS, TYPE_NAMES, stage_totals

_GREY = PALETTE[6]
STAGE_COLOURS = {
    "requests": PALETTE[0],
    "started": PALETTE[5],
    "not_started_court_decided_against": _GREY,
    "not_started_parent_declined": _GREY,
    "not_started_withdrawn": _GREY,
    "not_started_other": _GREY,
    "not_yet_decided": "#B8B8B8",
    "stopped_after_intake": _GREY,
    "conducted": PALETTE[5],
    "full_agreement": PALETTE[2],
    "partial_agreement": PALETTE[4],
    "no_agreement": PALETTE[1],
    "running": "#B8B8B8",
}


# The column of each stage in the Sankey diagram: drop-outs leave the flow where they happen.
STAGE_COLUMNS = {
    "requests": 0,
    "started": 1,
    "not_started_court_decided_against": 1,
    "not_started_parent_declined": 1,
    "not_started_withdrawn": 1,
    "not_started_other": 1,
    "not_yet_decided": 1,
    "conducted": 2,
    "stopped_after_intake": 2,
    "full_agreement": 3,
    "partial_agreement": 3,
    "no_agreement": 3,
    "running": 3,
}
COLUMNS = 4

# The width of a flow into the invisible last column of the Sankey diagram (see funnel_figure).
SPACER_VALUE = 1e-6
TRANSPARENT = "rgba(0, 0, 0, 0)"
# Plotly takes a node's x and y only when both are truthy: a position of 0 is no position.
EDGE = 0.001
THICKNESS = 16  # a node's width in pixels
TEXT_PAD = 3  # plotly.js: between a node and its label
# plotly.js d3-sankey: the gap between stacked nodes is at most this share of the plot's
# height, divided by the gaps of the fullest column
PAD_SHARE = 2 / 3
FLOW_HEIGHT = 430  # the figure's height on the screen
# A screen figure has no width: it takes the page's main column, at its narrowest (1280
# pixels wide) this wide.
SCREEN_WIDTH = fit.NARROWEST_FIGURE
MAX_LINES = 3
# A label's lines: plotly.js sets them 1.3 font sizes apart, and Chromium's box of a line is
# 1.32 font sizes high (measured: 37 px at 28 px, 73.4 px for two lines); a slot holds a
# little air more.
LINE_SPACING = 1.3
LINE_BOX = 1.35
LABEL_EXTRA = 0.1


@dataclass(frozen=True)
class Box:
    """A rectangle in the plot area, in pixels from its top left corner."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, tolerance: float = 0.0) -> bool:
        return (
            min(self.right, other.right) - max(self.left, other.left) > tolerance
            and min(self.bottom, other.bottom) - max(self.top, other.top) > tolerance
        )


@dataclass(frozen=True)
class Placement:
    """Where each node stands (its centre, as shares of the plot area's width and height
    from its top left corner), its label as drawn, and the node gap that makes plotly.js
    draw the flows as thick as planned (`per_request` pixels a request)."""

    x: list[float]
    y: list[float]
    labels: list[str]
    pad: float
    per_request: float
    width: float
    height: float
    font_px: float


def wrapped(text: str, font_px: float, max_px: float) -> list[str]:
    """`text` in lines no wider than `max_px` at `font_px`, broken between words (a longer
    word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and fit.text_width(joined, font_px) <= max_px:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


@functools.cache
def _narrowest(texts: tuple[str, ...], font_px: float, lines: int) -> tuple[float, list[list[str]]]:
    """The least width at which every text takes at most `lines` lines, and the texts so."""
    widest = max(fit.text_width(t, font_px) for t in texts)
    low = max(fit.text_width(w, font_px) for t in texts for w in t.split())
    while widest - low > 1:
        middle = (low + widest) / 2
        if all(len(wrapped(t, font_px, middle)) <= lines for t in texts):
            widest = middle
        else:
            low = middle
    shaped = [wrapped(t, font_px, widest) for t in texts]
    return max(fit.text_width(line, font_px) for s in shaped for line in s), shaped


def label_height(lines: int, font_px: float) -> float:
    """The height of a node's slot for a label of `lines` lines."""
    return ((lines - 1) * LINE_SPACING + LINE_BOX + LABEL_EXTRA) * font_px


def _per_request(
    columns: list[list[int]], values: list[float], slots: list[float], height: float, gap: float
) -> float:
    """The most pixels a request may take so that every column's slots (each node as high as
    its flow, at least as high as its label) fit in `height`."""

    def fits(scale: float) -> bool:
        return all(
            sum(max(values[i] * scale, slots[i]) for i in column) + gap * (len(column) - 1)
            <= height
            for column in columns
        )

    low, high = 0.0, height / max(sum(values[i] for i in c) for c in columns)
    for _ in range(30):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def _plotly_scale(
    columns: list[list[int]], values: list[float], height: float, pad: float
) -> float:
    """Pixels a request, as plotly.js (its d3-sankey) works it out from the node gap `pad`."""
    fullest = max(len(c) for c in columns)
    gap = min(pad, PAD_SHARE * height / (fullest - 1)) if fullest > 1 else pad
    return min((height - (len(c) - 1) * gap) / sum(values[i] for i in c) for c in columns)


def _width_needed(label_widths: list[float], font_px: float) -> float:
    """The plot width that columns with labels this wide need side by side."""
    between = 0.75 * font_px + THICKNESS / 2  # from a label to the next column's node
    beside = sum(THICKNESS / 2 + TEXT_PAD + w for w in label_widths)
    return THICKNESS / 2 + beside + between * (len(label_widths) - 1)


def place_nodes(
    stages: list[str],
    values: list[float],
    texts: list[str],
    *,
    width: float,
    height: float,
    font_px: float,
) -> Placement:
    """Where the nodes of `stages` (with their flows' `values` and label `texts`) stand in a
    plot area of `width` x `height` pixels with labels of `font_px`: each column's labels on
    as few lines as fit the columns side by side (up to MAX_LINES), chosen so the flows get
    the most room; each node in a slot at least as high as its label, a column from the top."""  # noqa: E501
    columns = [c for c in ([i for i, s in enumerate(stages) if STAGE_COLUMNS[s] == n]
                           for n in range(COLUMNS)) if c]  # fmt: skip
    gap = max(3.0, 0.2 * font_px)
    options = [
        [
            _narrowest(tuple(texts[i] for i in c), font_px, lines)
            for lines in range(1, MAX_LINES + 1)
        ]
        for c in columns
    ]
    best: tuple | None = None
    for combination in itertools.product(*options):
        slots = [0.0] * len(stages)
        for column, (_, shaped) in zip(columns, combination, strict=True):
            for i, lines in zip(column, shaped, strict=True):
                slots[i] = label_height(len(lines), font_px)
        needed = _width_needed([w for w, _ in combination], font_px)
        if best is not None and best[0][0] and needed > width:
            continue
        # side by side: the most room for the flows, then the fewest lines; else the narrowest
        room = round(_per_request(columns, values, slots, height, gap), 2)
        lines = sum(len(s) for _, shaped in combination for s in shaped)
        score = (needed <= width, room if needed <= width else -needed, -lines)
        if best is None or score > best[0]:
            best = (score, combination, slots)
    assert best is not None
    _, combination, slots = best
    widths = [w for w, _ in combination]
    slack = max(0.0, width - _width_needed(widths, font_px)) / len(columns)
    x_px, shaped_of = [0.0] * len(stages), {}
    left = THICKNESS / 2
    for column, (label_width, shaped) in zip(columns, combination, strict=True):
        for i, lines in zip(column, shaped, strict=True):
            x_px[i], shaped_of[i] = left, lines
        left += THICKNESS + TEXT_PAD + label_width + 0.75 * font_px + slack
    scale = _per_request(columns, values, slots, height, gap)
    multi = [c for c in columns if len(c) > 1]
    pad = (
        min((height - scale * sum(values[i] for i in c)) / (len(c) - 1) for c in multi)
        if multi
        else gap
    )
    # plotly.js keeps the gap under two thirds of the height (a fullest column's flows take
    # at least a third), so its scale may come out a little larger than planned: the gaps
    # of a column that then runs over shrink
    scale = _plotly_scale(columns, values, height, pad)
    y_px = [0.0] * len(stages)
    for column in columns:
        heights = [max(values[i] * scale, slots[i]) for i in column]
        between = min(gap, (height - sum(heights)) / (len(column) - 1)) if len(column) > 1 else 0
        top = 0.0
        for i, slot in zip(column, heights, strict=True):
            y_px[i] = top + slot / 2
            top += slot + max(0.0, between)
    share = lambda v, whole: min(1 - EDGE, max(EDGE, v / whole))  # noqa: E731
    return Placement(
        x=[share(v, width) for v in x_px],
        y=[share(v, height) for v in y_px],
        labels=["<br>".join(shaped_of[i]) for i in range(len(stages))],
        pad=pad, per_request=scale, width=width, height=height, font_px=font_px,
    )  # fmt: skip


def label_boxes(placement: Placement, values: list[float]) -> tuple[list[Box], list[Box]]:
    """The labels' and the nodes' rectangles, in pixels of the plot area, as plotly.js draws
    them from `placement`: a label right of its node, its lines centred on it."""
    labels, nodes = [], []
    font = placement.font_px
    for x, y, label, value in zip(placement.x, placement.y, placement.labels, values, strict=True):
        cx, cy = x * placement.width, y * placement.height
        half = value * placement.per_request / 2
        nodes.append(Box(cx - THICKNESS / 2, cy - half, cx + THICKNESS / 2, cy + half))
        lines = label.split("<br>")
        text_h = label_height(len(lines), font) - LABEL_EXTRA * font
        left = cx + THICKNESS / 2 + TEXT_PAD
        widest = max(fit.text_width(line, font) for line in lines)
        labels.append(Box(left, cy - text_h / 2, left + widest, cy + text_h / 2))
    return labels, nodes


def _plot_area(fig: go.Figure, canvas: Canvas) -> tuple[float, float]:
    """The plot area of a laid-out figure in pixels: on the screen in the page's narrowest
    main column; on a slide shown full screen (no size), at the smallest slide."""
    if canvas.medium == "screen":
        width, height = SCREEN_WIDTH, fig.layout.height or FLOW_HEIGHT
    else:
        width, height = canvas.width or WIDTH, canvas.height or HEIGHT
    margin, template = fig.layout.margin, fig.layout.template.layout.margin
    side = {k: getattr(margin, k) if getattr(margin, k) is not None else getattr(template, k) or 0
            for k in "lrtb"}  # fmt: skip
    return width - side["l"] - side["r"], height - side["t"] - side["b"]


# The width of every flow into a stage publication mode hides ("<5" or "×").
HIDDEN_FLOW = 5


def funnel_figure(
    steps: pl.DataFrame,
    mediation_type: str,
    *,
    shown: Mapping[str, str] | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """A Sankey diagram of one type's requests, from request to outcome, its nodes placed
    for `canvas` (`place_nodes`).

    `mediation_type` "samen" adds IKO and NIKO up. `shown`: each stage's count as publication
    mode releases it (the flows carry no numbers in their hover); None: as it is."""
    if mediation_type == "samen":
        steps = (
            steps.group_by("step_order", "from_stage", "to_stage", "from_label", "to_label")
            .agg(pl.col("request_count").sum())
            .with_columns(mediation_type=pl.lit("samen"))
        )
    own = steps.filter(pl.col("mediation_type") == mediation_type).sort("step_order")
    totals = stage_totals(own).get(mediation_type, {"requests": 0})
    if shown is None:
        shown = {stage: number(totals.get(stage, 0)) for stage in STAGE_LABELS}
    links = own.filter(pl.col("request_count") > 0)
    # a flow's width is its count: a hidden stage's flow gets one width for all, or the chart
    # (and the figure the browser gets) would give the hidden count away
    hidden = [s for s in STAGE_LABELS if shown[s] != number(totals.get(s, 0))]
    links = links.with_columns(
        request_count=pl.when(pl.col("to_stage").is_in(hidden))
        .then(HIDDEN_FLOW)
        .otherwise(pl.col("request_count"))
    )
    stages = ["requests"] + [s for s in links["to_stage"].to_list() if s != "requests"]
    # within a column: the flow that goes on first, the drop-outs below it
    stages.sort(key=lambda s: (STAGE_COLUMNS[s], s not in {"started", "conducted"}))
    index = {stage: i for i, stage in enumerate(stages)}
    sources = [index[s] for s in links["from_stage"]]
    targets = [index[s] for s in links["to_stage"]]
    # Plotly writes the labels of its last column to the left of the nodes, across the flows
    # and the column before them. So the last column is an invisible one: a transparent node
    # that every end stage flows into with a width of a millionth of a request, and every
    # label stands right of its node.
    ends = [i for i in range(len(stages)) if i not in sources]
    spacer = len(stages)
    texts = [f"{STAGE_LABELS[s]}: {shown[s]}" for s in stages]
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            valueformat=",d",
            node={
                "label": texts + [""],
                "color": [STAGE_COLOURS[s] for s in stages] + [TRANSPARENT],
                # a node's column is its step from the request (what `place_nodes` assumes)
                "align": "left",
                "thickness": THICKNESS,
                "line": {"width": 0},
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": sources + ends,
                "target": targets + [spacer] * len(ends),
                "value": links["request_count"].to_list() + [SPACER_VALUE] * len(ends),
                "color": [rgba(STAGE_COLOURS[s], 0.35) for s in links["to_stage"]]
                + [TRANSPARENT] * len(ends),
                "hovertemplate": "%{source.label} → %{target.label}<extra></extra>",
            },
            textfont={"size": MIN_FONT_SIZE, "color": TEXT_COLOUR},
        )
    )
    fig.update_layout(
        title=f"{TYPE_NAMES.get(mediation_type, mediation_type)}: {shown['requests']} verzoeken",
        height=FLOW_HEIGHT,
        annotations=[{"text": "Geen verzoeken", "showarrow": False, "x": 0.5, "y": 0.5}]
        if totals.get("requests", 0) == 0
        else [],
    )
    fig = fit.lay_out(fig, canvas)
    if links.is_empty():
        return fig
    return _with_nodes_placed(fig, canvas, stages, texts, sources, targets, links)


def _with_nodes_placed(
    fig: go.Figure,
    canvas: Canvas,
    stages: list[str],
    texts: list[str],
    sources: list[int],
    targets: list[int],
    links: pl.DataFrame,
) -> go.Figure:
    """`fig` (laid out for `canvas`) with its nodes placed: where they stand depends on the
    plot area and the text size the canvas gave it."""
    inflow: dict[int, int] = {}
    outflow: dict[int, int] = {}
    for source, target, value in zip(sources, targets, links["request_count"], strict=True):
        outflow[source] = outflow.get(source, 0) + value
        inflow[target] = inflow.get(target, 0) + value
    # a node is as high as the larger of what flows in and what flows out (d3-sankey)
    values = [float(max(inflow.get(i, 0), outflow.get(i, 0))) for i in range(len(stages))]
    width, height = _plot_area(fig, canvas)
    placed = place_nodes(
        stages, values, texts, width=width, height=height, font_px=fig.data[0].textfont.size
    )
    return fig.update_traces(
        node={"x": [*placed.x, 1 - EDGE], "y": [*placed.y, 0.5],
              "label": [*placed.labels, ""], "pad": placed.pad},
        selector={"type": "sankey"},
    )  # fmt: skip
