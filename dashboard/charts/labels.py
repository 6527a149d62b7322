"""Where the scatter's labels go: a position beside each point (plotly's textposition) so
that no label covers another, a point or a quadrant name, estimated in the pixels of the
chart's plot area on a 1280 px screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScatterLabel:
    key: str
    x: float
    y: float
    text: str


# The scatter's height, and its plot area on a 1280 px screen with the sidebar open (smaller
# than on 1600 px: labels apart here are apart there too); tall enough that labels of points
# one case apart (in the crowded corner near zero) fit above each other.
SCATTER_HEIGHT_PX = 760
SCATTER_PLOT_PX = (680, SCATTER_HEIGHT_PX - 240)
LABEL_CHAR_PX = 8.5
LABEL_HEIGHT_PX = 20  # a line of 16 px text
MARKER_SIZE_PX = 13
MARKER_RADIUS_PX = MARKER_SIZE_PX / 2
TEXT_OVER_TEXT = 10  # how much worse than text over a point
TEXT_OUTSIDE = 10  # cut off by the plot area (or over the axis labels): worse still
LABEL_ROUNDS = 4
# Where a label may go, in order of preference, as plotly's textposition.
LABEL_POSITIONS = (
    "top center", "bottom center", "middle right", "middle left",
    "top right", "top left", "bottom right", "bottom left",
)  # fmt: skip

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels
CORNER_CHAR_PX = 9  # 16 px bold


def corner_box(x: float, y: float, xanchor: str, yanchor: str, text: str) -> Box:
    """Where a quadrant name sits, in the pixels of `place_labels`."""
    width_px, height_px = SCATTER_PLOT_PX
    width, height = len(text) * CORNER_CHAR_PX, 22
    left = x * width_px - (width if xanchor == "right" else 0)
    top = (1 - y) * height_px - (height if yanchor == "bottom" else 0)
    return left, top, left + width, top + height


def label_box(label: ScatterLabel, position: str, to_px: Callable[[float, float], Any]) -> Box:
    """Where plotly draws `label` at `position`, in pixels (y grows downwards)."""
    px, py = to_px(label.x, label.y)
    lines = label.text.split("<br>")
    width = max(len(line) for line in lines) * LABEL_CHAR_PX
    height, gap = len(lines) * LABEL_HEIGHT_PX, MARKER_RADIUS_PX
    vertical, horizontal = position.split()
    left = {
        "center": px - width / 2,
        "right": px + (gap if vertical == "middle" else 0),
        "left": px - width - (gap if vertical == "middle" else 0),
    }[horizontal]
    top = {"top": py - gap - height, "bottom": py + gap, "middle": py - height / 2}[vertical]
    return left, top, left + width, top + height


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0) * max(height, 0)


def place_labels(
    labels: Sequence[ScatterLabel],
    *,
    obstacles: Iterable[tuple[float, float]],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    blocked: Sequence[Box] = (),
) -> dict[str, str]:
    """A textposition per label, so that labels overlap neither each other nor the points.

    Greedy, the labels highest up and furthest right first (the sparse corner, where the
    first choice is free): each takes the first position of `LABEL_POSITIONS` that is clear
    and inside the plot, else the one that overlaps least. Then a few rounds in which each
    label, seeing all the others placed, may move to a better spot (an early label can block
    a later one that had nowhere else to go).
    """
    width_px, height_px = SCATTER_PLOT_PX

    def to_px(x: float, y: float) -> tuple[float, float]:
        return (
            (x - x_range[0]) / (x_range[1] - x_range[0]) * width_px,
            (y_range[1] - y) / (y_range[1] - y_range[0]) * height_px,
        )

    # Text over text is unreadable, text over a point or cut off at the edge much less so.
    points: list[Box] = []
    for x, y in obstacles:
        px, py = to_px(x, y)
        r = MARKER_RADIUS_PX
        points.append((px - r, py - r, px + r, py + r))
    plot = (0.0, 0.0, float(width_px), float(height_px))

    def clash(box: Box, texts: Iterable[Box]) -> float:
        outside = (box[2] - box[0]) * (box[3] - box[1]) - _overlap(box, plot)
        return (
            TEXT_OVER_TEXT * sum(_overlap(box, t) for t in texts)
            + TEXT_OUTSIDE * outside
            + sum(_overlap(box, p) for p in points)
        )

    ordered = sorted(labels, key=lambda lb: (-lb.x - lb.y, lb.key))
    boxes: dict[str, Box] = {}
    positions: dict[str, str] = {}
    for _ in range(LABEL_ROUNDS):
        moved = False
        for label in ordered:
            others = [*blocked, *(b for k, b in boxes.items() if k != label.key)]
            scored = [
                (clash(label_box(label, p, to_px), others), i, p)
                for i, p in enumerate(LABEL_POSITIONS)
            ]
            _, _, best = min(scored)
            moved = moved or positions.get(label.key) != best
            positions[label.key] = best
            boxes[label.key] = label_box(label, best, to_px)
        if not moved:
            break
    return positions
