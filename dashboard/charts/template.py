"""The one Plotly template every chart uses: Dutch separators, a calm palette, projector fonts.

The font is the app's own: Streamlit serves "Source Sans" (`@font-face` in its CSS), and the
charts ask for exactly that family, with no fallback, so text is measured and drawn at the
widths the page has. For a renderer outside the browser (kaleido's Chromium, for slides) the
same font files ship in `dashboard/static/fonts/` with a fontconfig file that gives them that
name: start the renderer with `font_environment()` in its environment (for kaleido, set it in
`os.environ` before kaleido starts Chromium) and it draws offline with the same letters.

Margins grow with their labels (`automargin` on axes and title), the legend sits in its own
row above the plot area, and text is at least `MIN_FONT_SIZE` px: builders that need shapes or
annotations build them as lists and set them once (`fig.update_layout(shapes=[...])`), never
with a loop of `fig.add_*` calls, which re-validate the whole layout on every call.

Chart builders (added with the pages that need them) take a polars DataFrame and a canvas
(`dashboard.charts.canvas`: the screen, a slide) and return a figure laid out for it
(`dashboard.charts.fit.lay_out`); they never query. Every chart is shown with
`PLOTLY_CONFIG_NL` (Dutch toolbar and date formats); builders still write their own Dutch tick
labels where a label must be exact (`dashboard.format.month_nl`). Show a figure with
`dashboard.widgets.show_chart`, which keeps Streamlit's own chart theme from replacing this one.
"""

from __future__ import annotations

import textwrap
from functools import cache
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.format import MONTH_ABBREVIATIONS, MONTH_NAMES
from dashboard.paths import STATIC_DIR

TEMPLATE_NAME = "iko"

# Deep blue first (the app's primary colour), then colours that stay apart on a washed-out
# projector and for the common colour-vision deficiencies (Okabe-Ito, slightly darkened).
PALETTE = (
    "#1B3F8B",  # deep blue
    "#D55E00",  # vermilion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#6B6B6B",  # grey
    "#8C6D1F",  # ochre
)
TEXT_COLOUR = "#14213D"
GRID_COLOUR = "#D9DEE8"
FONT_FAMILY = "Source Sans"
FONT_SIZE = 18
MIN_FONT_SIZE = 16  # the smallest chart text, on screen and on a projector
FONT_DIR = STATIC_DIR / "fonts"
# The horizontal legend: its own row above the plot area, from the left. Anchored to the top
# of the plot area, so plotly.js grows the top margin to fit it (under a title, which sits at
# the top of the container).
LEGEND_ABOVE = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "y": 1.02,
    "yanchor": "bottom",
    "title": {"text": ""},
}


# Beside subplots, whose titles take the line right above the plot area (a legend above would
# share that line): its own column at the right, which plotly.js widens the margin for.
LEGEND_RIGHT = {
    "orientation": "v",
    "x": 1.02,
    "xanchor": "left",
    "y": 1,
    "yanchor": "top",
    "title": {"text": ""},
}


# The top margin of a figure whose subplots have titles: plotly.js does not grow the margin for
# them (they are annotations), so it leaves them the room of one line.
SUBPLOT_TITLES_MARGIN = {"t": 50}


def rgba(colour: str, alpha: float) -> str:
    """A palette colour ("#1B3F8B") with transparency `alpha`, for flows and bands."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def font_environment() -> dict[str, str]:
    """Environment for a renderer outside the browser: fontconfig finds the shipped font
    under the family name the charts ask for ("Source Sans")."""
    return {"FONTCONFIG_FILE": str(FONT_DIR / "fonts.conf")}


def headroom(top: float, share: float = 0.15) -> list[float]:
    """A value axis range from 0 with room above the highest bar for its value label."""
    return [0, (top or 1) * (1 + share)]


def _spanning(shape: str, x0: Any, x1: Any, axis: int | None, *, paper: bool) -> dict[str, Any]:
    """A layout shape from `x0` to `x1` on the x axis numbered `axis`, over the full height of
    that subplot (its y axis domain), or of the whole figure when `paper`."""
    suffix = "" if axis in (None, 1) else str(axis)
    return {
        "type": shape,
        "x0": x0,
        "x1": x1,
        "xref": f"x{suffix}",
        "y0": 0,
        "y1": 1,
        "yref": "paper" if paper else f"y{suffix} domain",
    }


def vrect(x0: Any, x1: Any, *, row: int | None = None, **style: Any) -> dict[str, Any]:
    """A vertical band as a layout shape, over the full height of subplot `row` (or of the
    whole figure when `row` is None); collect them and set `layout.shapes` once."""
    return {**_spanning("rect", x0, x1, row, paper=row is None), **style}


def vline(x: Any, *, row: int | None = None, col: int | None = None, **line: Any) -> dict:
    """A vertical line as a layout shape, over subplot `row`/`col` (axes numbered row-major
    by make_subplots; pass the axis number as `col` for a one-row figure)."""
    axis = col if col is not None else row
    return {**_spanning("line", x, x, axis, paper=False), "line": line}


def iko_template() -> go.layout.Template:
    axis = {
        "gridcolor": GRID_COLOUR,
        "linecolor": GRID_COLOUR,
        "zerolinecolor": GRID_COLOUR,
        "title": {"standoff": 12, "font": {"size": FONT_SIZE}},
        "tickfont": {"size": FONT_SIZE},
        # No `nticks` here: on a category axis it would drop category names. Value axes space
        # their ticks for the width themselves; month and year axes thin their own tick lists.
        "automargin": True,
        # "12.000", not plotly's default "12k" (an English abbreviation on a Dutch slide)
        "exponentformat": "none",
        "separatethousands": True,
    }
    return go.layout.Template(
        layout={
            # Decimal comma and thousands dot: plotly renders 9524 as "9.524", 12.5 as "12,5".
            "separators": ",.",
            "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
            "title": {
                "font": {"size": FONT_SIZE + 4},
                "x": 0,
                "xanchor": "left",
                "xref": "paper",
                # at the top of the container, so the legend's row sits between it and the plot
                "yref": "container",
                "y": 1,
                "yanchor": "top",
                "pad": {"t": 10},
                "automargin": True,
            },
            "colorway": list(PALETTE),
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "xaxis": axis,
            "yaxis": axis,
            "legend": {**LEGEND_ABOVE, "font": {"size": FONT_SIZE}},
            "hoverlabel": {"font": {"size": FONT_SIZE, "family": FONT_FAMILY}},
            "annotationdefaults": {"font": {"size": FONT_SIZE}},
            # Bar value labels never shrink below the chart text: one that does not fit inside
            # its bar is drawn at full size anyway (builders place such labels outside).
            "uniformtext": {"minsize": MIN_FONT_SIZE, "mode": "show"},
            "margin": {"l": 10, "r": 10, "t": 20, "b": 10, "pad": 4},
        }
    )


# The trace types the dashboard draws: these keep plotly_white's trace defaults.
DRAWN_TRACES = ("bar", "scatter", "heatmap", "choropleth", "sankey")


@cache
def use_iko_template() -> None:
    """Register the template and make it the default for every figure made after this call
    (once per process: the app calls it on every run).

    Our layer goes over plotly_white, merged once here: a default named "plotly_white+iko"
    is merged anew by every `go.Figure()` (a quarter of a second each, profiled on caseload),
    and the full plotly_white carries defaults for two dozen trace types that every new
    figure copies; only the ones drawn here are kept.
    """
    merged = pio.templates.merge_templates(pio.templates["plotly_white"], iko_template())
    pio.templates[TEMPLATE_NAME] = go.layout.Template(
        layout=merged.layout,
        data={t: merged.data[t] for t in DRAWN_TRACES if merged.data[t]},
    )
    pio.templates.default = TEMPLATE_NAME


def load_trace_types() -> None:
    """Build one figure of every trace type drawn: plotly loads each type's validators on
    first use, seconds that would otherwise fall on the first visitor's page run."""
    go.Figure([{"type": kind} for kind in DRAWN_TRACES])


# plotly.js speaks English in its toolbar and formats dates with English month names; its
# `locales` config takes a language inline (the bundled locale files are not loaded by
# Streamlit). The keys are plotly.js's own English texts.
_TOOLBAR_NL = {
    "Autoscale": "Automatisch schalen",
    "Box Select": "Rechthoek selecteren",
    "Compare data on hover": "Gegevens vergelijken bij aanwijzen",
    "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
    "Download plot": "Grafiek downloaden",
    "Download plot as a PNG": "Grafiek downloaden als PNG",
    "Download plot as JSON": "Grafiek downloaden als JSON",
    "Image download succeeded": "Afbeelding gedownload",
    "Lasso Select": "Lasso-selectie",
    "Pan": "Verschuiven",
    "Preparing image - this may take a few seconds": "Afbeelding maken, een ogenblik",
    "Reset": "Herstellen",
    "Reset axes": "Assen herstellen",
    "Reset view": "Weergave herstellen",
    "Reset views": "Weergaven herstellen",
    "Show closest data on hover": "Dichtstbijzijnde gegevens tonen bij aanwijzen",
    "Sorry, there was a problem downloading your image!": "Het downloaden van de afbeelding "
    "is mislukt.",
    "Toggle Spike Lines": "Hulplijnen aan/uit",
    "Toggle show closest data on hover": "Dichtstbijzijnde gegevens aan/uit",
    "Zoom": "Zoomen",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
}
_FORMAT_NL = {
    "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
    "months": list(MONTH_NAMES),
    "shortMonths": list(MONTH_ABBREVIATIONS),
    "periods": ["AM", "PM"],
    "dateTime": "%a %e %b %Y %X",
    "date": "%d-%m-%Y",
    "time": "%H:%M:%S",
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€ ", ""],
    "year": "%Y",
    "month": "%b %Y",
    "dayMonth": "%e %b",
    "dayMonthYear": "%e %b %Y",
}
PLOTLY_CONFIG_NL = {
    # No camera: its PNG has the screen's shape and no title, period, source or date. The
    # "Dia (PNG)" button under a chart makes the image to pass on (`widgets.slide_download`).
    "modeBarButtonsToRemove": ["toImage"],
    "locale": "nl",
    "locales": {"nl": {"dictionary": _TOOLBAR_NL, "format": _FORMAT_NL}},
}


def wrap_label(text: str, chars: int) -> str:
    """`text` (a chart label) in lines of at most `chars` characters, broken between words
    (a longer word keeps its own line)."""
    return "<br>".join(textwrap.wrap(text.replace("<br>", " "), chars, break_long_words=False))
