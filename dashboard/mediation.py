"""The mediation page's logic: typed report functions, the Wilson interval and chart builders.

Report functions take the report runner (`dashboard.ui.report` on a page, `Database.run` in a
test) and return frames with fixed columns; chart builders turn such a frame into a figure
and never query. Success rates are small-number ratios, so every rate carries its numerator,
its denominator and a 95 % Wilson interval.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.charts import (
    GRID_COLOUR,
    LEGEND_RIGHT,
    MIN_FONT_SIZE,
    PALETTE,
    SUBPLOT_TITLES_MARGIN,
    TEXT_COLOUR,
    wrap_label,
)
from dashboard.format import MISSING, number
from dashboard.publication import Equation, Publication

Report = Callable[..., pl.DataFrame]

# z for a two-sided 95 % interval: the 0,975 quantile of the standard normal distribution.
Z_95 = 1.959963984540054

TYPES = ("IKO", "NIKO")
TYPE_COLOURS = {"IKO": PALETTE[0], "NIKO": PALETTE[1], "samen": PALETTE[6]}
TYPE_NAMES = {"IKO": "IKO", "NIKO": "NIKO", "samen": "Samen"}

STAGE_LABELS = {
    "requests": "Verzoeken",
    "started": "Gestart",
    "not_started_court_decided_against": "Niet gestart: besloten op de regiezitting",
    "not_started_parent_declined": "Niet gestart: ouder zag af",
    "not_started_withdrawn": "Niet gestart: verzoek ingetrokken",
    "not_started_other": "Niet gestart: overige reden",
    "not_yet_decided": "Nog niet besloten",
    "stopped_after_intake": "Gestopt na de intake",
    "conducted": "Voortgezet na de intake",
    "full_agreement": "Volledige overeenkomst",
    "partial_agreement": "Gedeeltelijke of spiegelovereenkomst",
    "no_agreement": "Geen overeenkomst",
    "running": "Loopt nog",
}
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
INTERVAL_LABELS = {
    "request_to_start": "verzoek → start (intake)",
    "start_to_end": "start → einde",
}


# -- the Wilson interval ------------------------------------------------------------------


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for `successes` of `n` as fractions; None when n is 0.

    Unlike the usual p ± z·√(p(1-p)/n) it stays within 0..1 and does not shrink to a point
    at 0 of n or n of n, which matters at the counts a mediation bureau sees (1 of 16).
    """
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"geen geldige telling: {successes} van {n}")
    if n == 0:
        return None
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half_width = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == n else min(1.0, centre + half_width)
    return low, high


def fisher_exact_p(successes_a: int, n_a: int, successes_b: int, n_b: int) -> float:
    """Two-sided p-value of Fisher's exact test: how likely a split of the successes between
    two years at least this uneven is if both years had the same success rate.

    Exact (the hypergeometric distribution), so it holds at 4 of 27; a table is summed over
    every table with the same margins that is no more likely than the one seen.
    """
    for successes, n in ((successes_a, n_a), (successes_b, n_b)):
        if n < 0 or not 0 <= successes <= n:
            raise ValueError(f"geen geldige telling: {successes} van {n}")
    total_successes, total = successes_a + successes_b, n_a + n_b
    if total == 0:
        return 1.0
    denominator = math.comb(total, total_successes)

    def probability(k: int) -> float:
        return math.comb(n_a, k) * math.comb(n_b, total_successes - k) / denominator

    seen = probability(successes_a)
    low, high = max(0, total_successes - n_b), min(n_a, total_successes)
    # a relative tolerance: tables as likely as the one seen count, despite rounding
    p = sum(q for k in range(low, high + 1) if (q := probability(k)) <= seen * (1 + 1e-7))
    return min(1.0, p)


def rate_text(successes: int, n: int) -> str:
    """ "6 % (1–28 %)": the share and its 95 % interval, whole percents; "–" without a base."""
    interval = wilson_interval(successes, n)
    if interval is None:
        return MISSING
    low, high = interval
    return f"{number(100 * successes / n)} % ({number(100 * low)}–{number(100 * high)} %)"


def count_text(successes: int, n: int, what: str) -> str:
    """ "1 van 16 beëindigde IKO-mediations": numerator and denominator in words."""
    return f"{number(successes)} van {number(n)} {what}"


def type_noun(mediation_type: str, count: int) -> str:
    """ "IKO-mediation(s)", or "mediations" for both types together."""
    plural = "" if count == 1 else "s"
    if mediation_type == "samen":
        return f"mediation{plural} (IKO en NIKO)"
    return f"{mediation_type}-mediation{plural}"


# -- typed report functions ---------------------------------------------------------------


def _checked(df: pl.DataFrame, schema: Mapping[str, Any], report: str) -> pl.DataFrame:
    missing = set(schema) - set(df.columns)
    if missing:
        raise ValueError(f"rapport {report} mist kolom(men): {', '.join(sorted(missing))}")
    return df.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])


FUNNEL_SCHEMA = {
    "mediation_type": pl.String,
    "step_order": pl.Int32,
    "from_stage": pl.String,
    "to_stage": pl.String,
    "request_count": pl.Int64,
}


def funnel(run: Report, year: int) -> pl.DataFrame:
    """The steps from request to outcome per type in `year`, with Dutch stage names."""
    df = _checked(run("mediation_funnel", year=year), FUNNEL_SCHEMA, "mediation_funnel")
    return df.with_columns(
        from_label=pl.col("from_stage").replace_strict(STAGE_LABELS),
        to_label=pl.col("to_stage").replace_strict(STAGE_LABELS),
    )


def stage_totals(steps: pl.DataFrame) -> dict[str, dict[str, int]]:
    """Per type, the number of requests that reached each stage (from the funnel steps)."""
    totals: dict[str, dict[str, int]] = {}
    for row in steps.iter_rows(named=True):
        per_type = totals.setdefault(row["mediation_type"], {})
        per_type[row["to_stage"]] = row["request_count"]
        if row["from_stage"] == "requests":
            per_type["requests"] = per_type.get("requests", 0) + row["request_count"]
    return totals


def funnel_table(steps: pl.DataFrame) -> pl.DataFrame:
    """The steps as rows (from, to) with one count column per type, in funnel order."""
    return (
        steps.pivot(
            on="mediation_type",
            index=["step_order", "from_label", "to_label"],
            values="request_count",
        )
        .sort("step_order")
        .fill_null(0)
    )


RATES_SCHEMA = {
    "year": pl.Int64,
    "mediation_type": pl.String,
    "source": pl.String,
    "conducted": pl.Int64,
    "successful": pl.Int64,
    "unsuccessful": pl.Int64,
    "ended": pl.Int64,
    "partial_agreement": pl.Int64,
    "running": pl.Int64,
    "is_partial_year": pl.Boolean,
}


def _interval_columns(successes: str, n: str, prefix: str) -> list[pl.Expr]:
    def bound(i: int) -> pl.Expr:
        return pl.struct(successes, n).map_elements(
            lambda r: (
                None
                if r[successes] is None or r[n] is None or r[n] == 0
                else 100 * wilson_interval(r[successes], r[n])[i]
            ),
            return_dtype=pl.Float64,
        )

    share = pl.when(pl.col(n) > 0).then(100 * pl.col(successes) / pl.col(n))
    return [
        share.alias(f"{prefix}_pct"),
        bound(0).alias(f"{prefix}_low_pct"),
        bound(1).alias(f"{prefix}_high_pct"),
    ]


def success_rates(run: Report) -> pl.DataFrame:
    """Per year and type (IKO, NIKO, samen): successful of ended, with the Wilson interval.

    `agreement_*` is the share with a full or partial agreement, the definition the other
    services in the benchmark table use; unknown for a year from published figures only.
    """
    df = _checked(run("mediation_success_trend"), RATES_SCHEMA, "mediation_success_trend")
    df = df.with_columns(any_agreement=pl.col("successful") + pl.col("partial_agreement"))
    return df.with_columns(
        *_interval_columns("successful", "ended", "success"),
        *_interval_columns("any_agreement", "ended", "agreement"),
    )


CHILDREN_SCHEMA = {
    "year": pl.Int64,
    "mediation_type": pl.String,
    "child_interviews": pl.Int64,
    "children_heard": pl.Int64,
    "special_guardian_appointments": pl.Int64,
    "special_guardian_children": pl.Int64,
}


def children(run: Report) -> pl.DataFrame:
    """Child interviews and special guardians per year (of receipt) and type."""
    return _checked(run("mediation_children"), CHILDREN_SCHEMA, "mediation_children")


DURATIONS_SCHEMA = {
    "mediation_type": pl.String,
    "interval_code": pl.String,
    "n": pl.Int64,
    "still_open": pl.Int64,
    "median_days": pl.Float64,
    "p25_days": pl.Float64,
    "p75_days": pl.Float64,
    "min_days": pl.Float64,
    "max_days": pl.Float64,
}


def durations(run: Report, year: int) -> pl.DataFrame:
    """Days from request to start and from start to end per type, for requests of `year`."""
    df = _checked(run("mediation_durations", year=year), DURATIONS_SCHEMA, "mediation_durations")
    return df.with_columns(interval_label=pl.col("interval_code").replace_strict(INTERVAL_LABELS))


BENCHMARKS_SCHEMA = {
    "service": pl.String,
    "country_iso2": pl.String,
    "year": pl.Int64,
    "population_nl": pl.String,
    "agreement_share_pct": pl.Float64,
    "definition_nl": pl.String,
    "source_note": pl.String,
}


def benchmarks(run: Report) -> pl.DataFrame:
    """Agreement shares of other mediation services, each with its population and source."""
    return _checked(run("mediation_benchmarks"), BENCHMARKS_SCHEMA, "mediation_benchmarks")


# -- chart builders -----------------------------------------------------------------------


def _hex_rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


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


# How the stages add up: what the funnel shows beside each stage lets one be computed from
# the others, so publication mode hides along these sums.
FUNNEL_EQUATIONS = (
    Equation(
        "requests",
        (
            "started",
            "not_started_court_decided_against",
            "not_started_parent_declined",
            "not_started_withdrawn",
            "not_started_other",
            "not_yet_decided",
        ),
    ),  # fmt: skip
    Equation("started", ("conducted", "stopped_after_intake")),
    Equation("conducted", ("full_agreement", "partial_agreement", "no_agreement", "running")),
)


def stage_texts(totals: Mapping[str, int], publication: Publication | None) -> dict[str, str]:
    """Each stage's count as shown: as it is for staff, protected in publication mode."""
    values = {stage: int(totals.get(stage, 0)) for stage in STAGE_LABELS}
    if publication is None:
        return {stage: number(v) for stage, v in values.items()}
    return publication.counts(values, FUNNEL_EQUATIONS)


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
    steps: pl.DataFrame, mediation_type: str, *, publication: Publication | None = None
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
                "color": [_hex_rgba(STAGE_COLOURS[s], 0.35) for s in links["to_stage"]]
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
    return fig


def _rate_label(row: Mapping[str, Any], publication: Publication | None = None) -> str:
    ended, successful = row["ended"], row["successful"]
    noun = type_noun(row["mediation_type"], ended)
    if publication is not None:
        text = publication.share(successful, ended, "beëindigde " + noun)
        if row["running"]:
            text += f" (+{publication.count(row['running'])} lopend)"
        return text
    text = f"{count_text(successful, ended, 'beëindigde ' + noun)}: {rate_text(successful, ended)}"
    if row["running"]:
        text += f" (+{number(row['running'])} lopend)"
    return text


def success_rate_figure(
    rates: pl.DataFrame, year: int, *, publication: Publication | None = None
) -> go.Figure:
    """The success rate of `year` per type: a dot, its 95 % interval, and "x van n" beside it.

    With `publication`, a rate that may not be shown (too small a denominator, or a hidden
    count) keeps only its protected "x van n", without dot or interval."""
    rows = rates.filter(pl.col("year") == year)
    order = ["samen", "NIKO", "IKO"]  # plotly draws the first category at the bottom
    rows = rows.filter(pl.col("mediation_type").is_in(order))
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    labels: list[dict[str, Any]] = []
    for mediation_type in order:
        own = rows.filter(pl.col("mediation_type") == mediation_type)
        if own.is_empty():
            continue
        row = own.row(0, named=True)
        label = TYPE_NAMES[mediation_type]
        if row["ended"] == 0:
            traces.append(
                go.Scatter(
                    x=[0], y=[label], mode="text", text=["nog geen beëindigde mediations"],
                    textposition="middle right", showlegend=False, hoverinfo="skip",
                )
            )  # fmt: skip
            continue
        colour = TYPE_COLOURS[mediation_type]
        hidden = publication is not None and not publication.shows_share(
            row["successful"], row["ended"]
        )
        traces.append(
            go.Scatter(
                x=[None if hidden else row["success_pct"]],
                y=[label],
                mode="markers",
                marker={"size": 16, "color": colour},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [row["success_high_pct"] - row["success_pct"]],
                    "arrayminus": [row["success_pct"] - row["success_low_pct"]],
                    "color": colour,
                    "thickness": 3,
                    "width": 10,
                },
                hovertemplate=_rate_label(row, publication) + "<extra></extra>",
                showlegend=False,
            )
        )
        # "x van n" on a line of its own above the interval, from the left of the plot area
        labels.append(
            {"x": 0, "y": label, "xanchor": "left", "yanchor": "bottom", "yshift": 12,
             "showarrow": False, "text": _rate_label(row, publication), "align": "left",
             "font": {"size": MIN_FONT_SIZE}}
        )  # fmt: skip
    fig.add_traces(traces)
    fig.update_layout(
        height=120 + 90 * len(fig.data),
        annotations=labels,
        xaxis={
            "range": [0, 100],
            "ticksuffix": " %",
            "title": {"text": "geslaagd (volledige overeenkomst),<br>met 95%-interval (Wilson)"},
        },
        yaxis={"categoryorder": "array", "categoryarray": [TYPE_NAMES[t] for t in order]},
    )
    return fig


def year_tick(row: Mapping[str, Any], data_until_text: str) -> str:
    """A year on the trend axis, with what is special about it."""
    text = str(row["year"])
    if row["source"] == "jaarverslag":
        text += "<br>(jaarverslag)"
    elif row["is_partial_year"]:
        text += f"<br>({data_until_text})"
    return text


def _rate_trace(
    own: pl.DataFrame, x: list[float], name: str, colour: str, text: list[str], position: str
) -> go.Scatter:
    """Success rates of one series by year: a dotted line, the 95 % interval as error bars,
    open markers for years that only an annual report has, and `text` at each point."""
    return go.Scatter(
        x=x,
        y=own["success_pct"].to_list(),
        name=name,
        mode="lines+markers+text",
        line={"color": colour, "width": 2, "dash": "dot"},
        marker={
            "size": 14,
            "color": colour,
            "symbol": ["circle-open" if s == "jaarverslag" else "circle" for s in own["source"]],
            "line": {"width": 2, "color": colour},
        },
        error_y={
            "type": "data",
            "symmetric": False,
            "array": (own["success_high_pct"] - own["success_pct"]).to_list(),
            "arrayminus": (own["success_pct"] - own["success_low_pct"]).to_list(),
            "color": colour,
            "thickness": 2,
            "width": 8,
        },
        text=text,
        textposition=position,
        textfont={"color": colour, "size": MIN_FONT_SIZE},
        cliponaxis=False,
        hovertext=[_rate_label(r) for r in own.iter_rows(named=True)],
        hoverinfo="text",
    )


def success_trend_figure(rates: pl.DataFrame, data_until_text: str) -> go.Figure:
    """The success rate per year and type with its 95 % interval and "x van n" at each point.

    A year from published figures only gets open markers; a year not yet complete says so.
    """
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    years = rates.select("year", "source", "is_partial_year").unique("year").sort("year")
    offsets = {"IKO": -0.1, "NIKO": 0.1}
    for mediation_type in TYPES:
        own = rates.filter(
            (pl.col("mediation_type") == mediation_type) & (pl.col("ended") > 0)
        ).sort("year")
        if own.is_empty():
            continue
        colour = TYPE_COLOURS[mediation_type]
        traces.append(
            _rate_trace(
                own,
                [y + offsets[mediation_type] for y in own["year"]],
                mediation_type,
                colour,
                # above the point for IKO, below for NIKO: the two types never share a line
                [
                    f"{number(r['successful'])} van {number(r['ended'])}"
                    + (f"<br>+{number(r['running'])} lopend" if r["running"] else "")
                    for r in own.iter_rows(named=True)
                ],
                "top center" if mediation_type == "IKO" else "bottom center",
            )
        )
    fig.add_traces(traces)
    fig.update_layout(
        height=520,
        xaxis={
            "tickvals": years["year"].to_list(),
            "ticktext": [year_tick(r, data_until_text) for r in years.iter_rows(named=True)],
            "range": [years["year"].min() - 0.6, years["year"].max() + 0.6],
            "showgrid": False,
        },
        # room above 100 % and below 0 % for the "x van n" labels
        yaxis={
            "range": [-22, 122],
            "tickvals": [0, 20, 40, 60, 80, 100],
            "ticktext": [f"{v} %" for v in (0, 20, 40, 60, 80, 100)],
            "title": {"text": "geslaagd, met 95%-interval"},
        },
        legend={"title": {"text": "Type: "}},
    )
    return fig


def children_figure(counts: pl.DataFrame) -> go.Figure:
    """Child interviews and special guardian appointments per year and type, with children."""
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("Kindgesprekken", "Bijzondere curator aangewezen"),
        horizontal_spacing=0.08,
    )
    panels = (
        (1, "child_interviews", "children_heard", "gesprekken", "kinderen gehoord"),
        (2, "special_guardian_appointments", "special_guardian_children", "keer", "kinderen"),
    )
    years = sorted(counts["year"].unique().to_list())
    # Horizontal bars, a year per row: the "12 (15 kind.)" labels beside their bars at full
    # size (upright above a dozen narrow bars they would shrink or run into each other).
    bars = [
        go.Bar(
            y=[str(y) for y in own["year"]],
            x=own[count_col].to_list(),
            orientation="h",
            name=mediation_type,
            marker_color=TYPE_COLOURS[mediation_type],
            text=[
                f"{number(c)} ({number(k)} kind.)"
                for c, k in zip(own[count_col], own[children_col], strict=True)
            ],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            textfont={"size": MIN_FONT_SIZE},
            hovertext=[
                f"{mediation_type} {y}: {number(c)} {count_word}, {number(k)} {children_word}"
                for y, c, k in zip(own["year"], own[count_col], own[children_col], strict=True)
            ],
            hoverinfo="text",
            showlegend=col == 1,
            legendgroup=mediation_type,
            xaxis=f"x{'' if col == 1 else col}",
            yaxis=f"y{'' if col == 1 else col}",
        )
        for col, count_col, children_col, count_word, children_word in panels
        for mediation_type in TYPES
        for own in [counts.filter(pl.col("mediation_type") == mediation_type).sort("year")]
    ]
    fig.add_traces(bars)
    top = max(
        1,
        counts["child_interviews"].max() or 0,
        counts["special_guardian_appointments"].max() or 0,
    )
    fig.update_xaxes(range=[0, top * 1.9], showticklabels=False, showgrid=False)
    # top to bottom: the first year, and in each year the first type (as in the legend)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=[str(y) for y in years],
        autorange="reversed",
    )
    fig.update_layout(
        barmode="group",
        height=140 + 2 * 26 * len(years),
        # at the right: the panel titles take the line right above the plot area
        legend=LEGEND_RIGHT,
        margin=SUBPLOT_TITLES_MARGIN,
    )
    return fig


def durations_figure(rows: pl.DataFrame) -> go.Figure:
    """Per type and interval: the median (dot), the middle half (thick bar) and the range."""
    fig = go.Figure()
    labels: list[str] = []
    texts: list[dict[str, Any]] = []
    traces: list[go.Scatter] = []
    for row in rows.iter_rows(named=True):
        label = f"{row['mediation_type']}: {row['interval_label']}"
        labels.append(label)
        colour = TYPE_COLOURS[row["mediation_type"]]
        if not row["n"]:
            texts.append(
                {"x": 0, "y": label, "text": "nog geen", "showarrow": False, "xanchor": "left",
                 "font": {"color": TEXT_COLOUR, "size": MIN_FONT_SIZE}}
            )  # fmt: skip
            traces.append(go.Scatter(x=[None], y=[label], showlegend=False))
            continue
        traces.append(
            go.Scatter(
                x=[row["min_days"], row["max_days"]], y=[label, label], mode="lines",
                line={"color": _hex_rgba(colour, 0.45), "width": 2},
                showlegend=False, hoverinfo="skip",
            )
        )  # fmt: skip
        traces.append(
            go.Scatter(
                x=[row["p25_days"], row["p75_days"]], y=[label, label], mode="lines",
                line={"color": _hex_rgba(colour, 0.6), "width": 14},
                showlegend=False, hoverinfo="skip",
            )
        )  # fmt: skip
        open_text = f", {number(row['still_open'])} nog open" if row["still_open"] else ""
        text = (
            f"mediaan {number(row['median_days'])} dagen (n = {number(row['n'])}{open_text}); "
            f"middelste helft {number(row['p25_days'])}–{number(row['p75_days'])}, "
            f"alle {number(row['min_days'])}–{number(row['max_days'])}"
        )
        traces.append(
            go.Scatter(
                x=[row["median_days"]], y=[label], mode="markers",
                marker={"size": 16, "color": colour, "line": {"color": "white", "width": 2}},
                hovertext=[text], hoverinfo="text", showlegend=False,
            )
        )  # fmt: skip
        # under its row, from the left of the plot area: inside the chart at any width
        texts.append(
            {"x": 0, "y": label, "text": text, "showarrow": False, "xanchor": "left",
             "yanchor": "top", "yshift": -12, "font": {"size": MIN_FONT_SIZE}}
        )  # fmt: skip
    fig.add_traces(traces)
    longest = rows["max_days"].max() or 1
    fig.update_layout(
        height=120 + 90 * len(labels),
        annotations=texts,
        xaxis={
            "title": {"text": "dagen"},
            "range": [0, float(longest) * 1.05],
            "rangemode": "tozero",
        },
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(labels))},
    )
    return fig


def benchmark_figure(bench: pl.DataFrame, own: pl.DataFrame, year: int) -> go.Figure:
    """Other services' agreement shares beside ours on their definition (full or partial).

    `own` is `success_rates` output; for `year` it shows the full-or-partial share of IKO and
    NIKO with the 95 % interval, so like is compared with like as far as the figures allow.
    """
    fig = go.Figure()
    traces: list[go.Bar | go.Scatter] = []  # added at once, not one call each
    for service, rows in bench.sort("year").group_by("service", maintain_order=True):
        name = f"{service[0]} ({rows['country_iso2'][0]})"
        traces.append(
            go.Scatter(
                x=rows["agreement_share_pct"].to_list(),
                y=[name] * rows.height,
                mode="markers",
                marker={"size": 11, "color": _GREY, "symbol": "diamond"},
                hovertext=[
                    f"{name} {r['year']}: {number(r['agreement_share_pct'])} % "
                    f"({r['definition_nl']}); {r['population_nl']}"
                    for r in rows.iter_rows(named=True)
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )
    ours = own.filter(
        (pl.col("year") == year)
        & pl.col("mediation_type").is_in(TYPES)
        & pl.col("agreement_pct").is_not_null()
    )
    for row in ours.iter_rows(named=True):
        colour = TYPE_COLOURS[row["mediation_type"]]
        name = f"Centrum IKO, {row['mediation_type']} {year}"
        label = count_text(
            row["any_agreement"], row["ended"], "volledig of gedeeltelijk"
        ) + ": " + rate_text(row["any_agreement"], row["ended"])  # fmt: skip
        traces.append(
            go.Scatter(
                x=[row["agreement_pct"]],
                y=[name],
                mode="markers",
                marker={"size": 15, "color": colour},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [row["agreement_high_pct"] - row["agreement_pct"]],
                    "arrayminus": [row["agreement_pct"] - row["agreement_low_pct"]],
                    "color": colour,
                    "thickness": 3,
                },
                hovertext=[label],
                hoverinfo="text",
                showlegend=False,
            )
        )
    fig.add_traces(traces)
    fig.update_layout(
        height=140 + 55 * len(fig.data),
        xaxis={
            "range": [0, 100],
            "ticksuffix": " %",
            "title": {"text": "aandeel met (volledige of gedeeltelijke) overeenkomst"},
            "gridcolor": GRID_COLOUR,
        },
    )
    return fig


# -- both types together, and what the change means ------------------------------------------

SIGNIFICANCE = 0.05


def _share(successes: int, n: int) -> str:
    return f"{number(100 * successes / n)} % ({number(successes)} van {number(n)})"


def change_sentence(rates: pl.DataFrame) -> str | None:
    """One plain sentence for a director: did the combined success rate (IKO and NIKO
    together) change between the first and the last complete year by more than chance
    explains? Fisher's exact test on the two years' counts; None with fewer than two years."""
    both = rates.filter(
        (pl.col("mediation_type") == "samen") & (pl.col("ended") > 0) & ~pl.col("is_partial_year")
    ).sort("year")
    if both.height < 2:
        return None
    first, last = both.row(0, named=True), both.row(-1, named=True)
    a, n_a, b, n_b = first["successful"], first["ended"], last["successful"], last["ended"]
    p = fisher_exact_p(a, n_a, b, n_b)
    rate_a, rate_b = a / n_a, b / n_b
    direction = "steeg" if rate_b > rate_a else "daalde" if rate_b < rate_a else "bleef"
    text = (
        f"Van {first['year']} naar {last['year']} {direction} het slagingspercentage van IKO en "
        f"NIKO samen van {_share(a, n_a)} naar {_share(b, n_b)}. "
    )
    if rate_a == rate_b:
        return text + "Er is geen verschil om te verklaren."
    in_hundred = "minder dan 1" if p < 0.01 else number(100 * p)
    chance = (
        f"als mediation in beide jaren even vaak zou slagen, kwam een verschil van deze omvang "
        f"in {in_hundred} van de 100 gevallen voor (toets van Fisher, "
        f"{'p < 0,01' if p < 0.01 else 'p = ' + number(p, 2)})"
    )
    more_or_less = "vaker" if rate_b > rate_a else "minder vaak"
    if p < SIGNIFICANCE:
        return text + (
            f"Zo'n verschil is bij deze aantallen geen toeval meer: {chance}. Mediation slaagt "
            f"waarschijnlijk echt {more_or_less}."
        )
    return text + (
        f"Zo'n verschil kan bij deze kleine aantallen goed toeval zijn: {chance}. Uit deze "
        f"cijfers valt dus niet af te leiden dat mediation {more_or_less} slaagt."
    )


def rate_cell(successes: int | None, n: int | None) -> str:
    """ "7 van 21 · 33 % (19–55 %)": count, share and 95 % interval in one cell."""
    if n is None or successes is None:
        return MISSING
    if n == 0:
        return "geen beëindigde"
    return f"{number(successes)} van {number(n)} · {rate_text(successes, n)}"


def rates_by_year(rates: pl.DataFrame) -> pl.DataFrame:
    """One row per year: IKO, NIKO and both together as rate cells, for the table."""
    cells = rates.with_columns(
        cell=pl.struct("successful", "ended").map_elements(
            lambda r: rate_cell(r["successful"], r["ended"]), return_dtype=pl.String
        )
    )
    wide = cells.pivot(on="mediation_type", index="year", values="cell")
    meta = rates.select("year", "source", "is_partial_year").unique("year")
    return wide.join(meta, on="year").sort("year", descending=True)


def combined_trend_figure(rates: pl.DataFrame, data_until_text: str) -> go.Figure:
    """IKO and NIKO together per year: the success rate, its 95 % interval and "x van n"."""
    own = rates.filter((pl.col("mediation_type") == "samen") & (pl.col("ended") > 0)).sort("year")
    colour = TYPE_COLOURS["samen"]
    fig = go.Figure(
        _rate_trace(
            own,
            own["year"].to_list(),
            "IKO en NIKO samen",
            colour,
            [
                f"{number(r['successful'])} van {number(r['ended'])}"
                for r in own.iter_rows(named=True)
            ],
            # above the point, inside the chart (beside the last one it would run off the edge)
            "top center",
        ).update(showlegend=False)
    )
    years = own.select("year", "source", "is_partial_year")
    fig.update_layout(
        height=380,
        xaxis={
            "tickvals": years["year"].to_list(),
            "ticktext": [year_tick(r, data_until_text) for r in years.iter_rows(named=True)],
            "range": [(years["year"].min() or 0) - 0.6, (years["year"].max() or 0) + 0.6],
            "showgrid": False,
        },
        # room above 100 % for the "x van n" over an interval that reaches it
        yaxis={
            "range": [-5, 115],
            "tickvals": [0, 20, 40, 60, 80, 100],
            "ticktext": [f"{v} %" for v in (0, 20, 40, 60, 80, 100)],
            "title": {"text": "geslaagd, met 95%-interval"},
        },
    )
    return fig
