"""What the chart element is given for a chart: the figure serialised once and shared, under a
hash that changes exactly when the figure, its config or its click behaviour does."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from dashboard import chart_element

pytestmark = pytest.mark.unit

CONFIG = {"displaylogo": False, "locale": "nl"}


def _figure(values: list[int], height: int | None = 300) -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b", "c"], y=values), layout={"height": height})


def _read(payload: bytes) -> tuple[dict, dict]:
    head, _, body = payload.partition(b"\n")
    return json.loads(head), json.loads(body)


def test_the_payload_holds_the_figure_config_and_click_behaviour_under_a_header():
    fig = _figure([1, 2, 3])
    head, body = _read(chart_element.payload(fig, CONFIG, select=True, name="Zaken"))
    assert head["height"] == 300 and head["name"] == "Zaken" and len(head["hash"]) == 16
    assert body["figure"]["data"][0]["y"] == [1, 2, 3]
    assert body["config"] == CONFIG and body["select"] is True
    # a figure without a height is drawn at st.plotly_chart's height
    assert _read(chart_element.payload(_figure([1], None), CONFIG))[0]["height"] == 450


def test_the_hash_follows_the_figure_its_config_and_clicks():
    def hash_of(fig: go.Figure, config: dict = CONFIG, select: bool = False) -> str:
        return _read(chart_element.payload(fig, config, select=select))[0]["hash"]

    same = hash_of(_figure([1, 2, 3]))
    assert hash_of(_figure([1, 2, 3])) == same  # a figure built again for the same data
    assert hash_of(_figure([1, 2, 4])) != same
    assert hash_of(_figure([1, 2, 3]), {**CONFIG, "locale": "en"}) != same
    assert hash_of(_figure([1, 2, 3]), select=True) != same
    # the config's key order is no change
    assert hash_of(_figure([1, 2, 3]), dict(reversed(CONFIG.items()))) == same


def test_a_figure_is_serialised_once_and_its_payload_kept_on_it():
    fig = _figure([1, 2, 3])
    first = chart_element.payload(fig, CONFIG, name="Zaken")
    # a later page run (any session) gets the very same bytes, not a new serialisation
    assert chart_element.payload(fig, CONFIG, name="Zaken") is first
    figure_json = fig._element_json
    chart_element.payload(fig, CONFIG, select=True)
    assert fig._element_json is figure_json
