"""The mediation page's logic: typed report functions, the Wilson interval and chart builders.

Report functions take the report runner (`dashboard.data.report` on a page, `Database.run` in a
test) and return frames with fixed columns; chart builders turn such a frame into a figure
and never query. Success rates are small-number ratios, so every rate carries its numerator,
its denominator and a 95 % Wilson interval.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl
from scipy import stats

from dashboard.format import MISSING, number
from dashboard.publication import Equation
from dashboard.reports.trends import SHORT_KINDS

Report = Callable[..., pl.DataFrame]

# z for a two-sided 95 % interval: the 0,975 quantile of the standard normal distribution.
Z_95 = float(stats.norm.ppf(0.975))

TYPES = ("IKO", "NIKO")
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
INTERVAL_LABELS = {
    "request_to_start": "verzoek → start (intake)",
    "start_to_end": "start → einde",
}


# -- the Wilson interval and Fisher's exact test --------------------------------------------


# cached: scipy's binomtest takes about a millisecond, the success rates ask for two bounds
# per year and type on every run, and the counts a mediation bureau sees repeat
@functools.cache
def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval for `successes` of `n` as fractions (`z`: the normal quantile,
    Z_95 for 95 %); None when n is 0.

    Unlike the usual p ± z·√(p(1-p)/n) it stays within 0..1 and does not shrink to a point
    at 0 of n or n of n, which matters at the counts a mediation bureau sees (1 of 16).
    """
    _check_count(successes, n)
    if n == 0:
        return None
    confidence = 1 - 2 * float(stats.norm.sf(z))
    ci = stats.binomtest(successes, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


def fisher_exact_p(successes_a: int, n_a: int, successes_b: int, n_b: int) -> float:
    """Two-sided p-value of Fisher's exact test: how likely a split of the successes between
    two years at least this uneven is if both years had the same success rate. Exact (the
    hypergeometric distribution), so it holds at 4 of 27."""
    _check_count(successes_a, n_a)
    _check_count(successes_b, n_b)
    table = [[successes_a, n_a - successes_a], [successes_b, n_b - successes_b]]
    return float(stats.fisher_exact(table).pvalue)


def _check_count(successes: int, n: int) -> None:
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"geen geldige telling: {successes} van {n}")


def rate_text(successes: int, n: int) -> str:
    """ "6 % (1–28 %)": the share and its 95 % interval, whole percents; "–" without a base."""
    interval = wilson_interval(successes, n)
    if interval is None:
        return MISSING
    low, high = interval
    return f"{number(100 * successes / n)} % ({number(100 * low)}–{number(100 * high)} %)"


# The shares a director says aloud: one in N (N rounded as people round it), and the few
# fractions with a small denominator ("2 op de 5", "3 op de 4") for shares of a third and up.
# Nothing above 19 in 20, so a high rate's upper bound goes unsaid: "ten minste 1 op de 2"
# reads better than "tussen 1 op de 2 en 99 op de 100".
_ONE_IN = (*range(2, 21), *range(25, 101, 5), *range(150, 1001, 50))
PLAIN_FRACTIONS: tuple[tuple[int, int], ...] = tuple(
    sorted(
        {(1, n) for n in _ONE_IN}
        | {(n - 1, n) for n in range(3, 21)}
        | {(k, n) for n in (5, 10) for k in range(1, n) if math.gcd(k, n) == 1},
        key=lambda f: f[0] / f[1],
    )
)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def plain_fraction(share: float) -> tuple[int, int]:
    """The `PLAIN_FRACTIONS` entry nearest to `share` (a fraction strictly between 0 and 1),
    near as odds are: 0,15 is 1 in 7, not 1 in 6."""
    return min(PLAIN_FRACTIONS, key=lambda f: abs(_logit(f[0] / f[1]) - _logit(share)))


def _at_most(share: float) -> tuple[int, int] | None:
    below = [f for f in PLAIN_FRACTIONS if f[0] / f[1] <= share]
    return below[-1] if below else None


def _at_least(share: float) -> tuple[int, int] | None:
    above = [f for f in PLAIN_FRACTIONS if f[0] / f[1] >= share]
    return above[0] if above else None


def fraction_text(fraction: tuple[int, int]) -> str:
    """(1, 7) -> "1 op de 7"."""
    return f"{number(fraction[0])} op de {number(fraction[1])}"


def plain_rate(successes: int, n: int) -> str | None:
    """The success rate as a director says it aloud: "ongeveer 1 op de 7; waarschijnlijk
    tussen 1 op de 17 en 1 op de 3" (the share and its 95 % interval, each bound rounded
    outward to a plain fraction, so the words never claim more certainty than the interval);
    None without a base. None of them and all of them are said as such."""
    interval = wilson_interval(successes, n)
    if interval is None:
        return None
    low, high = interval
    if successes == 0:
        bound = _at_least(high)
        return "geen enkele" + (
            f"; waarschijnlijk hooguit {fraction_text(bound)}" if bound is not None else ""
        )
    if successes == n:
        bound = _at_most(low)
        return "allemaal" + (
            f"; waarschijnlijk ten minste {fraction_text(bound)}" if bound is not None else ""
        )
    text = f"ongeveer {fraction_text(plain_fraction(successes / n))}"
    lower, upper = _at_most(low), _at_least(high)
    if lower is None:
        return text + f"; waarschijnlijk hooguit {fraction_text(upper)}" if upper else text
    if upper is None:
        return text + f"; waarschijnlijk ten minste {fraction_text(lower)}"
    return text + f"; waarschijnlijk tussen {fraction_text(lower)} en {fraction_text(upper)}"


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


# The columns each report query gives, with their types.
REPORT_COLUMNS: dict[str, dict[str, Any]] = {
    "mediation_funnel": {
        "mediation_type": pl.String,
        "step_order": pl.Int32,
        "from_stage": pl.String,
        "to_stage": pl.String,
        "request_count": pl.Int64,
    },
    "mediation_success_trend": {
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
    },
    "mediation_children": {
        "year": pl.Int64,
        "mediation_type": pl.String,
        "child_interviews": pl.Int64,
        "children_heard": pl.Int64,
        "special_guardian_appointments": pl.Int64,
        "special_guardian_children": pl.Int64,
    },
    "mediation_durations": {
        "mediation_type": pl.String,
        "interval_code": pl.String,
        "n": pl.Int64,
        "still_open": pl.Int64,
        "median_days": pl.Float64,
        "p25_days": pl.Float64,
        "p75_days": pl.Float64,
        "min_days": pl.Float64,
        "max_days": pl.Float64,
    },
    "mediation_benchmarks": {
        "service": pl.String,
        "country_iso2": pl.String,
        "year": pl.Int64,
        "population_nl": pl.String,
        "agreement_share_pct": pl.Float64,
        "definition_nl": pl.String,
        "source_note": pl.String,
    },
}


def _typed(run: Report, report: str, **params: Any) -> pl.DataFrame:
    """The rows of `report` run with `params`, in its `REPORT_COLUMNS` and their types: a
    column the query no longer gives is an error that names it, not a chart gone blank."""
    schema = REPORT_COLUMNS[report]
    df = run(report, **params)
    missing = set(schema) - set(df.columns)
    if missing:
        raise ValueError(f"rapport {report} mist kolom(men): {', '.join(sorted(missing))}")
    return df.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])


def funnel(run: Report, year: int) -> pl.DataFrame:
    """The steps from request to outcome per type in `year`, with Dutch stage names."""
    df = _typed(run, "mediation_funnel", year=year)
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
    df = _typed(run, "mediation_success_trend")
    df = df.with_columns(any_agreement=pl.col("successful") + pl.col("partial_agreement"))
    return df.with_columns(
        *_interval_columns("successful", "ended", "success"),
        *_interval_columns("any_agreement", "ended", "agreement"),
    )


def children(run: Report) -> pl.DataFrame:
    """Child interviews and special guardians per year (of receipt) and type."""
    return _typed(run, "mediation_children")


def durations(run: Report, year: int) -> pl.DataFrame:
    """Days from request to start and from start to end per type, for requests of `year`."""
    df = _typed(run, "mediation_durations", year=year)
    return df.with_columns(interval_label=pl.col("interval_code").replace_strict(INTERVAL_LABELS))


def benchmarks(run: Report) -> pl.DataFrame:
    """Agreement shares of other mediation services, each with its population and source."""
    return _typed(run, "mediation_benchmarks")


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


def summed(totals: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """Each stage's count for IKO and NIKO together."""
    return {s: sum(totals.get(t, {}).get(s, 0) for t in TYPES) for s in STAGE_LABELS}


def per_type_text(shown: Mapping[str, Mapping[str, str]], stage: str) -> str:
    """ "9 IKO · 18 NIKO": a stage's shown count per type."""
    return " · ".join(f"{shown[t][stage]} {t}" for t in TYPES)


def year_rates(rates: pl.DataFrame, year: int) -> dict[str, dict[str, Any]]:
    """The success rate rows of `year` by type (IKO, NIKO, samen)."""
    return {r["mediation_type"]: r for r in rates.filter(year=year).iter_rows(named=True)}


# -- both types together, and what the change means ------------------------------------------

SIGNIFICANCE = 0.05


def _share(successes: int, n: int) -> str:
    return f"{number(100 * successes / n)} % ({number(successes)} van {number(n)})"


def _first_and_last(rates: pl.DataFrame) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The combined rates (IKO and NIKO together) of the first and the last complete year
    with ended mediations; None with fewer than two such years."""
    both = rates.filter(
        (pl.col("mediation_type") == "samen") & (pl.col("ended") > 0) & ~pl.col("is_partial_year")
    ).sort("year")
    if both.height < 2:
        return None
    return both.row(0, named=True), both.row(-1, named=True)


def _fisher_p(first: Mapping[str, Any], last: Mapping[str, Any]) -> float:
    return fisher_exact_p(first["successful"], first["ended"], last["successful"], last["ended"])


def change_sentence(rates: pl.DataFrame) -> str | None:
    """One plain sentence for a director: did the combined success rate (IKO and NIKO
    together) change between the first and the last complete year by more than chance
    explains? Decided by Fisher's exact test on the two years' counts (`change_test_text`
    says how, for whoever asks); None with fewer than two years."""
    years = _first_and_last(rates)
    if years is None:
        return None
    first, last = years
    a, n_a, b, n_b = first["successful"], first["ended"], last["successful"], last["ended"]
    rate_a, rate_b = a / n_a, b / n_b
    direction = "steeg" if rate_b > rate_a else "daalde" if rate_b < rate_a else "bleef"
    text = (
        f"Van {first['year']} naar {last['year']} {direction} het slagingspercentage van IKO en "
        f"NIKO samen van {_share(a, n_a)} naar {_share(b, n_b)}. "
    )
    if rate_a == rate_b:
        return text + "Er is geen verschil om te verklaren."
    more_or_less = "vaker" if rate_b > rate_a else "minder vaak"
    if _fisher_p(first, last) < SIGNIFICANCE:
        return text + (
            "Zo'n verschil is bij deze aantallen geen toeval meer: mediation slaagt "
            f"waarschijnlijk echt {more_or_less}."
        )
    return text + (
        "Zo'n verschil kan bij deze kleine aantallen goed toeval zijn. Uit deze cijfers valt "
        f"dus niet af te leiden dat mediation {more_or_less} slaagt."
    )


def change_test_text(rates: pl.DataFrame) -> str | None:
    """How `change_sentence` decides between chance and a real change: Fisher's exact test,
    its p-value and what that means in a hundred; None where there is no sentence or no
    difference to test."""
    years = _first_and_last(rates)
    if years is None:
        return None
    first, last = years
    if first["successful"] * last["ended"] == last["successful"] * first["ended"]:
        return None
    p = _fisher_p(first, last)
    in_hundred = "minder dan 1" if p < 0.01 else number(100 * p)
    return (
        f"Toeval of niet: de exacte toets van Fisher op de aantallen van {first['year']} en "
        f"{last['year']} geeft {'p < 0,01' if p < 0.01 else 'p = ' + number(p, 2)}. Als "
        "mediation in beide jaren even vaak zou slagen, kwam een verschil van deze omvang in "
        f"{in_hundred} van de 100 gevallen voor; onder de 5 van de 100 "
        f"(p < {number(SIGNIFICANCE, 2)}) noemt deze pagina het geen toeval meer."
    )


def rate_cell(successes: int | None, n: int | None) -> str:
    """ "7 van 21 · 33 % (19–55 %)": count, share and 95 % interval in one cell."""
    if n is None or successes is None:
        return MISSING
    if n == 0:
        return "geen beëindigde"
    return f"{number(successes)} van {number(n)} · {rate_text(successes, n)}"


def rates_by_year(rates: pl.DataFrame) -> pl.DataFrame:
    """One row per year: IKO, NIKO and both together as rate cells, for the table, and where
    the year's figures come from (`kind_nl`, in the words of the trends page: "berekend",
    "jaarverslag", "lopend jaar")."""
    cells = rates.with_columns(
        cell=pl.struct("successful", "ended").map_elements(
            lambda r: rate_cell(r["successful"], r["ended"]), return_dtype=pl.String
        )
    )
    wide = cells.pivot(on="mediation_type", index="year", values="cell")
    meta = rates.select("year", "source", "is_partial_year").unique("year")
    return wide.join(meta, on="year").with_columns(kind_nl()).sort("year", descending=True)


def kind_nl() -> pl.Expr:
    """`kind_nl`: where a year's rate comes from, as the trends page says it in its table
    ("berekend", "jaarverslag", "lopend jaar")."""
    kind = (
        pl.when(pl.col("source") == "jaarverslag")
        .then(pl.lit("jaarverslag"))
        .when(pl.col("is_partial_year"))
        .then(pl.lit("lopend"))
        .otherwise(pl.lit("gegevens"))
    )
    return kind.replace_strict(SHORT_KINDS).alias("kind_nl")
