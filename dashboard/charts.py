"""The one Plotly template every chart uses: Dutch separators, a calm palette, projector fonts.

Chart builders (added with the pages that need them) take a polars DataFrame and return a
figure; they never query. Every chart is shown with `PLOTLY_CONFIG_NL` (Dutch toolbar and
date formats); builders still write their own Dutch tick labels where a label must be exact
(`dashboard.format.month_nl`). Show a figure with
`dashboard.ui.show_chart`, which keeps Streamlit's own chart theme from replacing this one.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.format import MONTH_ABBREVIATIONS, MONTH_NAMES

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
    # a PNG for a slide: twice the screen's pixels, and a name that says where it came from
    "toImageButtonOptions": {"format": "png", "filename": "iko-dashboard-grafiek", "scale": 2},
    "locale": "nl",
    "locales": {"nl": {"dictionary": _TOOLBAR_NL, "format": _FORMAT_NL}},
}
