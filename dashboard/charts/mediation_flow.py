"""The flow of mediation requests as a Sankey diagram: from request to outcome, each stage's
drop-outs leaving where they happen."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import fit
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.template import MIN_FONT_SIZE, PALETTE, TEXT_COLOUR, rgba, wrap_label
from dashboard.publication import Publication
from dashboard.reports.mediation import STAGE_LABELS, TYPE_NAMES, stage_texts, stage_totals

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


# A node's label wraps at this many characters: plotly writes it right of its node, in the gap
# before the next column (a fifth of the width, 170 px at 1280), where a longer line runs under
# the next column's nodes.
NODE_LABEL_CHARS = 22
# The width of a flow into the invisible last column of the Sankey diagram (see funnel_figure).
SPACER_VALUE = 1e-6
TRANSPARENT = "rgba(0, 0, 0, 0)"


def node_label(text: str) -> str:
    """`text` in lines of at most `NODE_LABEL_CHARS` characters, broken between words."""
    return wrap_label(text, NODE_LABEL_CHARS)


def funnel_figure(
    steps: pl.DataFrame,
    mediation_type: str,
    *,
    publication: Publication | None = None,
    canvas: Canvas = SCREEN,
) -> go.Figure:
    """A Sankey diagram of one type's requests, from request to outcome.

    `mediation_type` "samen" adds IKO and NIKO up. With `publication` the stage counts are
    protected (and the flows carry no numbers in their hover)."""
    if mediation_type == "samen":
        steps = (
            steps.group_by("step_order", "from_stage", "to_stage", "from_label", "to_label")
            .agg(pl.col("request_count").sum())
            .with_columns(mediation_type=pl.lit("samen"))
        )
    own = steps.filter(pl.col("mediation_type") == mediation_type).sort("step_order")
    totals = stage_totals(own).get(mediation_type, {"requests": 0})
    shown = stage_texts(totals, publication)
    links = own.filter(pl.col("request_count") > 0)
    stages = ["requests"] + [s for s in links["to_stage"].to_list() if s != "requests"]
    # within a column: the flow that goes on first, the drop-outs below it
    stages.sort(key=lambda s: (STAGE_COLUMNS[s], s not in {"started", "conducted"}))
    index = {stage: i for i, stage in enumerate(stages)}
    sources = [index[s] for s in links["from_stage"]]
    targets = [index[s] for s in links["to_stage"]]
    # Plotly writes the labels of its last column to the left of the nodes, across the flows
    # and the column before them ("Gedeeltelijke of spiegelovereenkomst" over "Voortgezet na
    # de intake"). So the last column is an invisible one: a transparent node that every end
    # stage flows into with a width of a millionth of a request. Aligned left, a drop-out
    # stays in the column where it leaves the flow, and every label stands right of its node.
    ends = [i for i in range(len(stages)) if i not in sources]
    spacer = len(stages)
    fig = go.Figure(
        go.Sankey(
            arrangement="perpendicular",
            valueformat=",d",
            node={
                "label": [node_label(f"{STAGE_LABELS[s]}: {shown[s]}") for s in stages] + [""],
                "color": [STAGE_COLOURS[s] for s in stages] + [TRANSPARENT],
                "align": "left",
                "pad": 14,
                "thickness": 16,
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
        height=430,
        annotations=[{"text": "Geen verzoeken", "showarrow": False, "x": 0.5, "y": 0.5}]
        if totals.get("requests", 0) == 0
        else [],
    )
    return fit.lay_out(fig, canvas)
