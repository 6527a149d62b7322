"""The room reserved for a chart's labels before the browser draws it, and a figure laid out
for its canvas (dashboard.charts.fit).

Whether the browser then draws each chart once is seen in Chromium (the clipping test opens
every chart, and `scripts/bench.py` times the pages); here: the estimate holds the labels it
is made for, never takes room away, and leaves the data alone.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.charts import canvas, fit, template
from dashboard.charts.canvas import SCREEN, Canvas, Frame

LONG = "contactformulier · familie en kennissen"


@pytest.fixture(autouse=True)
def iko_template():
    template.use_iko_template()


def bars(labels, values, **layout) -> go.Figure:
    fig = go.Figure(go.Bar(y=labels, x=values, orientation="h", name="2025"))
    fig.update_layout(**layout)
    return fig


def test_category_labels_get_their_width_at_the_left():
    fig = fit.reserve(bars([LONG, "ouders"], [3, 4]))
    assert fig.layout.margin.l >= fit.text_width(LONG, template.FONT_SIZE) + fit.LABEL_GAP
    # a short label needs far less
    short = fit.reserve(bars(["ouders", "derden"], [3, 4]))
    assert short.layout.margin.l < fig.layout.margin.l - 150


def test_value_axis_labels_count_thousands_and_headroom():
    fig = go.Figure(go.Bar(x=["2024", "2025"], y=[9_500, 9_800]))
    room = fit.estimate(fig.to_plotly_json()["layout"], fig.to_plotly_json()["data"])
    # 9.800 with a tenth of headroom reaches 10.780: labels up to "10.000", six characters
    assert room["l"] >= fit.text_width("10.780", template.FONT_SIZE) + fit.LABEL_GAP


def test_a_builders_own_larger_margin_stays():
    fig = fit.reserve(bars(["a", "b"], [1, 2], margin={"l": 400, "t": 200}))
    assert fig.layout.margin.l == 400
    assert fig.layout.margin.t == 200


def test_the_data_are_not_touched_and_a_second_pass_changes_nothing():
    fig = bars([LONG, "ouders"], [3, 4], title={"text": "Nieuwe zaken"})
    data_before = fig.to_plotly_json()["data"]
    once = fit.reserve(fig)
    margin_once = once.layout.margin.to_plotly_json()
    twice = fit.reserve(once)
    assert twice.to_plotly_json()["data"] == data_before
    assert twice.layout.margin.to_plotly_json() == margin_once


def test_a_title_and_a_legend_above_both_take_room_at_the_top():
    two = go.Figure([go.Bar(x=["a"], y=[1], name="2024"), go.Bar(x=["a"], y=[2], name="2025")])
    alone = fit.estimate(two.to_plotly_json()["layout"], two.to_plotly_json()["data"])["t"]
    two.update_layout(title={"text": "Zaken per jaar"})
    both = fit.estimate(two.to_plotly_json()["layout"], two.to_plotly_json()["data"])["t"]
    assert alone >= template.FONT_SIZE * fit.LEGEND_ROW
    assert both >= alone + template.FONT_SIZE + 4


def test_a_legend_at_the_right_gets_its_widest_entry():
    fig = go.Figure(
        [
            go.Scatter(x=[1, 2], y=[1, 2], name="vakantie Midden"),
            go.Scatter(x=[1], y=[1], name=LONG),
        ]
    )
    fig.update_layout(legend=template.LEGEND_RIGHT)
    room = fit.estimate(fig.to_plotly_json()["layout"], fig.to_plotly_json()["data"])
    assert room["r"] >= fit.text_width(LONG, template.FONT_SIZE) + fit.LEGEND_SIDE


def test_typed_arrays_as_plotly_writes_them_are_read():
    array = np.array([1.5, 12_000.0])
    typed = {"dtype": "f8", "bdata": base64.b64encode(array.tobytes()).decode()}
    assert fit.values(typed) == [1.5, 12_000.0]
    assert fit.values(np.array([[1, 2], [3, 4]])) == [1, 2, 3, 4]
    assert fit.values(None) == []


def test_bold_text_is_measured_wider():
    plain = fit.text_width("Spanje (13) nieuw", 18)
    assert fit.text_width("Spanje (13) <b>nieuw</b>", 18) > plain
    assert fit.text_width("kort<br>een veel langere tweede regel", 18) == pytest.approx(
        fit.text_width("een veel langere tweede regel", 18)
    )


# -- a figure laid out for its canvas (fit.lay_out) -----------------------------------------


def two_series() -> go.Figure:
    return go.Figure(
        [go.Bar(x=["a", "b"], y=[1, 2], name="2024"), go.Bar(x=["a", "b"], y=[2, 3], name="2025")]
    )


def test_on_the_screen_a_figure_is_laid_out_as_reserve_lays_it_out():
    laid_out = fit.lay_out(bars([LONG, "ouders"], [3, 4]), SCREEN)
    reserved = fit.reserve(bars([LONG, "ouders"], [3, 4]))
    assert laid_out.to_plotly_json() == reserved.to_plotly_json()


def test_on_a_slide_the_text_grows_the_legend_goes_below_and_the_frame_is_drawn():
    frame = Frame.of("Zaken per jaar", "2025 · Bron: registratiesysteem Centrum IKO")
    fig = fit.lay_out(two_series(), Canvas.slide(frame))
    assert (fig.layout.width, fig.layout.height) == (canvas.WIDTH, canvas.HEIGHT)
    assert fig.layout.font.size == canvas.MIN_TEXT_PX
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0
    assert fig.layout.title.text == "<b>Zaken per jaar</b>"
    assert fig.layout.title.subtitle.text == frame.subtitle
    assert fig.layout.margin.t == 190  # the title's line and the source's two


def test_a_pages_chart_on_a_slide_keeps_its_screen_margins_grown_with_its_text():
    screen = fit.lay_out(bars([LONG, "ouders"], [3, 4]), SCREEN)
    slide = fit.lay_out(bars([LONG, "ouders"], [3, 4]), Canvas.chart_slide(Frame.of("T", "")))
    assert slide.layout.margin.l >= round(screen.layout.margin.l * canvas.CHART_FONT_SCALE)
    assert slide.layout.title.text == "<b>T</b>"


def test_the_powerpoint_picture_is_the_chart_alone():
    fig = fit.lay_out(two_series(), Canvas.slide_picture(560))
    assert (fig.layout.width, fig.layout.height) == (canvas.WIDTH, 560)
    assert fig.layout.title.text == ""


def test_a_long_message_breaks_at_the_comma_nearest_the_middle():
    assert canvas.title_lines("Kort") == ["Kort"]
    assert canvas.title_lines(
        "Marokko het meest gevreesd, Polen het vaakst bestemming van de kinderen"
    ) == ["Marokko het meest gevreesd,", "Polen het vaakst bestemming van de kinderen"]
