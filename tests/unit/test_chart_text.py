"""Every chart's text readable on a projector: nothing cut off, nothing on top of other text.

Every page of the navigation is opened once at 1280 and once at 1920 px wide (the two
projector widths) in a real Chromium, with the app's own font. For every Plotly chart on it,
each visible text element of the SVG (ticks, axis titles, legend entries, annotations, value
labels, Sankey labels) must lie inside the chart's box and inside every clip area it is drawn
in (a legend cut off at its edge, a value label cut by the plot area), be at least 16 px on
screen, and no two text elements may overlap. A failure names the page, the width, the chart
and the texts.
"""

from __future__ import annotations

import re

from dashboard.paths import REPO_ROOT

# Each of these re-validates the whole layout: called once per band or label, a figure with a
# hundred shapes costs seconds. Builders make lists and set `layout.shapes`/`annotations` once.
LAYOUT_ADDERS = re.compile(r"\.add_(vrect|hrect|vline|hline|shape|annotation)\(")


def test_no_module_adds_shapes_or_annotations_one_by_one():
    calls = [
        f"{path.relative_to(REPO_ROOT)}:{n}: {line.strip()}"
        for path in sorted((REPO_ROOT / "dashboard").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LAYOUT_ADDERS.search(line)
    ]
    assert not calls, "\n".join(calls)
