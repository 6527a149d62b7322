"""The one Plotly template every chart uses: Dutch separators, a calm palette, projector fonts.

Chart builders (added with the pages that need them) take a polars DataFrame and return a
figure; they never query. The bundled plotly.js only knows English month names, so builders
write their own Dutch tick labels (`dashboard.format.month_nl`). Show a figure with
`dashboard.ui.show_chart`, which keeps Streamlit's own chart theme from replacing this one.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

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
FONT_FAMILY = "Source Sans Pro, Source Sans 3, Arial, sans-serif"
FONT_SIZE = 18


def iko_template() -> go.layout.Template:
    axis = {
        "gridcolor": GRID_COLOUR,
        "linecolor": GRID_COLOUR,
        "zerolinecolor": GRID_COLOUR,
        "title": {"standoff": 12},
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
            "title": {"font": {"size": FONT_SIZE + 4}, "x": 0, "xanchor": "left"},
            "colorway": list(PALETTE),
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "xaxis": axis,
            "yaxis": axis,
            "legend": {"orientation": "h", "y": -0.2, "title": {"text": ""}},
            "hoverlabel": {"font": {"size": FONT_SIZE}},
            "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        }
    )


def use_iko_template() -> None:
    """Register the template and make it the default for every figure made after this call."""
    pio.templates[TEMPLATE_NAME] = iko_template()
    pio.templates.default = f"plotly_white+{TEMPLATE_NAME}"
