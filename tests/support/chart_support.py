"""The charts a page shows in AppTest, from whichever element the setting `chart_element`
chooses: `st.plotly_chart` or the dashboard's own element (dashboard/chart_element.py)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


def chart_specs(at: AppTest) -> list[str]:
    """Each chart's figure as plotly JSON, in page order."""
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    for element in at.get("bidi_component"):
        if element.proto.component_name == "iko_grafiek" and element.proto.bytes:
            body = element.proto.bytes.partition(b"\n")[2]  # under the header line
            specs.append(json.dumps(json.loads(body)["figure"]))
    return specs
