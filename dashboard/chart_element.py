"""The dashboard's own chart element: plotly.js loaded once per page, each chart drawn once.

Streamlit's `st.plotly_chart` draws every figure twice (its theme effect hands react-plotly a
new copy on mount), draws all charts of a page in one long task, and asks for plotly.js only
when the first chart mounts. This element (an `st.components.v2` component in the page, no
iframe) draws with the plotly.js that ships in `dashboard/static/` (served at `/app/static/`):
`preload` starts loading it with the page, and `show` hands each chart over as bytes that are
serialised once per figure and shared by every session. The drawing itself is in
`dashboard/static/chart_element.js`. The setting `chart_element` chooses this element or
`st.plotly_chart` (see `dashboard.widgets.show_chart`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, Literal

import orjson
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from dashboard.paths import STATIC_DIR

# plotly.js-dist-min from the npm registry, the closest version to the one Streamlit 1.67
# bundles in st.plotly_chart (4.2.0 is not published there), so figures look the same.
PLOTLY_JS = STATIC_DIR / "plotly.min.js"
ELEMENT_JS = STATIC_DIR / "chart_element.js"
# The hidden element that starts loading plotly.js.
PRELOAD_KEY = "grafieken_laden"
# What st.plotly_chart draws a figure without a height at.
DEFAULT_HEIGHT = 450


def _version(path: Any) -> str:
    # in the URL, so a browser keeps the file until a new version of it is deployed
    return hashlib.blake2b(path.read_bytes(), digest_size=6).hexdigest()


# The component's own module: small, because Streamlit sends it with every chart of every run.
# It loads plotly.js and the element's script once per page (in this order, fetched at once),
# and hands each chart to the script.
_MODULE = """
const FILES = %s;
function load() {
  if (!window.ikoChartsReady) {
    const hide = document.createElement("style");
    hide.textContent = ".st-key-%s { display: none; }";
    document.head.appendChild(hide);
    const base = new URL("app/static/", document.baseURI);
    const add = (file) => new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(file, base).href;
      script.async = false;
      script.onload = resolve;
      script.onerror = () => reject(new Error(file));
      document.head.appendChild(script);
    });
    window.ikoChartsReady = Promise.all(FILES.map(add)).then(() => window.ikoCharts);
  }
  return window.ikoChartsReady;
}
export default function (component) {
  const ready = load();
  const root = component.parentElement;
  if (component.data == null) return;
  let gone = false;
  ready.then(
    (charts) => gone || charts.show(component),
    (error) => { root.textContent = `De grafiek kon niet laden (${error.message}).`; },
  );
  return () => { gone = true; if (window.ikoCharts) window.ikoCharts.remove(root); };
}
"""

_element: Any = None


def _component() -> Any:
    # registered on first use, not at import: the module is imported by code that never
    # shows a chart (the tests of the payload, the CLI)
    global _element
    if _element is None:
        files = [f"{p.name}?v={_version(p)}" for p in (PLOTLY_JS, ELEMENT_JS)]
        _element = st.components.v2.component(
            "iko_grafiek", js=_MODULE % (json.dumps(files), PRELOAD_KEY), isolate_styles=False
        )
    return _element


def preload() -> None:
    """Start loading plotly.js with the page, before its first chart is built (an element
    that shows nothing)."""
    _component()(key=PRELOAD_KEY, data=None, height=0)


def _figure_json(fig: go.Figure) -> bytes:
    # Once per figure: a figure from `widgets.figure` is shared by every session, and so is
    # this, kept on it (how st.plotly_chart serialises it, with orjson).
    cached = getattr(fig, "_element_json", None)
    if cached is None:
        cached = pio.to_json(fig, validate=False, engine="orjson").encode()
        fig._element_json = cached
    return cached


def payload(
    fig: go.Figure,
    config: Mapping[str, Any],
    *,
    select: bool = False,
    name: str = "",
    stretch: bool = False,
) -> bytes:
    """What the element gets for one chart: a header line (JSON: the hash of the rest, the
    height, whether the chart fills the height of its container, a name for the draw counts),
    then the figure, its plotly.js config and whether a click selects, as JSON. Kept on the
    figure for each config, so a page run only looks it up."""
    key = (orjson.dumps(dict(config), option=orjson.OPT_SORT_KEYS), select, name, stretch)
    made: dict[tuple, bytes] = getattr(fig, "_element_payloads", None) or {}
    if key in made:
        return made[key]
    body = b"".join(
        (b'{"figure":', _figure_json(fig), b',"config":', key[0], b',"select":',
         b"true" if select else b"false", b"}")
    )  # fmt: skip
    head = {
        "hash": hashlib.blake2b(body, digest_size=8).hexdigest(),
        "height": fig.layout.height or DEFAULT_HEIGHT,
        "name": name,
        "stretch": stretch,
    }
    made = {**made, key: orjson.dumps(head) + b"\n" + body}
    fig._element_payloads = made
    return made[key]


def show(
    fig: go.Figure,
    config: Mapping[str, Any],
    *,
    key: str | None = None,
    on_select: str | None = None,
    name: str = "",
    height: Literal["content", "stretch"] = "content",
    **_: Any,
) -> Any:
    """`fig` in the element; with `on_select="rerun"` a click on a point selects it and reruns
    the page (or its fragment), and the selection is in the session state under `key` as
    st.plotly_chart puts it there (`{"selection": {"points": [...], ...}}`). With
    `height="stretch"` the chart fills the height of its container (the presentation)."""
    select = on_select is not None and on_select != "ignore"
    callbacks = {"on_selection_change": _selected} if select else {}
    data = payload(fig, config, select=select, name=name, stretch=height == "stretch")
    return _component()(key=key, data=data, height=height, **callbacks)


def _selected() -> None:
    # the selection is read from the session state; the rerun is all a click needs
    pass
