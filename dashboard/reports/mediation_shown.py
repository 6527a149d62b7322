"""The mediation figures as the page and the lecture show them: as they are for staff, and in
publication mode protected, or left out where the rules cannot protect them."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from dashboard.format import month_abbreviation, number
from dashboard.publication import Equation, Publication, protect_frame, recoverable
from dashboard.reports.mediation import (
    TYPES,
    funnel_table,
    kind_nl,
    plain_rate,
    wilson_interval,
)


def count_format(publication: Publication | None) -> Callable[[int], str]:
    """How a count is written: as it is for staff, "<5" for a small one in publication mode."""
    return number if publication is None else publication.count


def cell_format(publication: Publication | None) -> Callable[[Any], str] | None:
    """How a table writes its count cells: numbers for staff; in publication mode the cells
    hold their protected texts already."""
    return number if publication is None else None


def share_text(successes: int, n: int, publication: Publication | None) -> str:
    """ "4 van 27" for staff; in publication mode protected, with the percentage if allowed."""
    if publication is None:
        return f"{number(successes)} van {number(n)}"
    return publication.share(successes, n)


def staff_only(frame: pl.DataFrame, publication: Publication | None) -> pl.DataFrame | None:
    """`frame` for staff; None in publication mode, for what its rules cannot protect: a
    rate's point (its height is a share of a handful), the children per year and type, and
    durations (the shortest and the longest are one mediation each)."""
    return frame if publication is None else None


def own_for_comparison(rates: pl.DataFrame, publication: Publication | None) -> pl.DataFrame:
    """Our own rates beside other services: none in publication mode (they are on the page,
    protected, already)."""
    return rates if publication is None else rates.clear()


def success_metric(
    rates_of_year: Mapping[str, Mapping[str, Any]], publication: Publication | None
) -> tuple[str, str] | None:
    """The year's "Geslaagd" figure (successful of ended, both types) and the line under it:
    the rate in plain words ("ongeveer 1 op de 7") where it may be shown, and each type's
    share. None before any mediation of the year ended."""
    both = rates_of_year.get("samen")
    if both is None or not both["ended"] > 0:
        return None
    count = count_format(publication)
    successes, ended = both["successful"], both["ended"]
    rate = (
        f": {_plain_point(successes, ended)}"
        if publication is None or publication.shows_share(successes, ended)
        else ""
    )
    per_type = " · ".join(
        f"{t} {share_text(rates_of_year[t]['successful'], rates_of_year[t]['ended'], publication)}"
        for t in TYPES
    )
    return (
        f"{count(successes)} van {count(ended)}",
        f"van de beëindigde mediations{rate} · {per_type}",
    )


def _plain_point(successes: int, n: int) -> str:
    """ "ongeveer 1 op de 7": the plain rate without its interval, for a short line."""
    return (plain_rate(successes, n) or "").split(";")[0]


RATE_LINE_LABELS = {"samen": "IKO en NIKO samen", "IKO": "IKO", "NIKO": "NIKO"}


def rate_lines(
    rates_of_year: Mapping[str, Mapping[str, Any]],
    pooled: Pooled | None,
    publication: Publication | None,
) -> list[str]:
    """The year's success rate per type (both together first) as a director reads it aloud:
    "**IKO en NIKO samen**: 4 van 27 geslaagd, **ongeveer 1 op de 7**; waarschijnlijk tussen
    1 op de 17 en 1 op de 3." In publication mode a rate whose counts are hidden is not
    said, only its protected "x van n", and the years together (`pooled`) where they may be
    shown; the words never depend on a hidden count (no "slaagde" for one, "slaagden" for
    more)."""
    lines = []
    for t in ("samen", *TYPES):
        row = rates_of_year.get(t)
        if row is None:
            continue
        label = f"**{RATE_LINE_LABELS[t]}**"
        if not row["ended"]:
            lines.append(f"- {label}: nog geen beëindigde mediations.")
            continue
        text = f"- {label}: {_said(row, publication)}"
        if publication is not None and not publication.shows_share(row["successful"], row["ended"]):
            text += "; te weinig om bij publicatie een verhouding te noemen"
            if pooled is not None and t in pooled.rows:
                text += f". {pooled.years} samen: {_said(pooled.rows[t], publication)}"
        lines.append(text + ".")
    return lines


def _said(row: Mapping[str, Any], publication: Publication | None) -> str:
    """ "4 van 27 geslaagd, **ongeveer 1 op de 7**; waarschijnlijk tussen ...", or only the
    protected "<5 van 16 geslaagd" where publication mode hides the rate."""
    successes, n = row["successful"], row["ended"]
    count = count_format(publication)
    shown = f"{count(successes)} van {count(n)}"
    if publication is not None and not publication.shows_share(successes, n):
        return f"{shown} geslaagd"
    point, _, interval = (plain_rate(successes, n) or "").partition("; ")
    return f"{shown} geslaagd, **{point}**" + (f"; {interval}" if interval else "")


def denominator_lines(
    rates_of_year: Mapping[str, Mapping[str, Any]],
    shown: Mapping[str, Mapping[str, str]],
    publication: Publication | None,
) -> list[str]:
    """Per type, how the stages give the rate's denominator and numerator, as list items."""
    count = count_format(publication)
    return [
        f"- **{t}**: {shown[t]['started']} gestart − {shown[t]['stopped_after_intake']} gestopt "
        f"na de intake = {shown[t]['conducted']} voortgezet; daarvan lopen er "
        f"{shown[t]['running']} nog, dus de noemer is **{count(rates_of_year[t]['ended'])} "
        f"beëindigd** en de teller **{count(rates_of_year[t]['successful'])} met een volledige "
        "overeenkomst**."
        for t in TYPES
    ]


def funnel_table_shown(
    steps: pl.DataFrame,
    shown: Mapping[str, Mapping[str, str]],
    publication: Publication | None,
) -> pl.DataFrame:
    """The steps as a table (`funnel_table`); in publication mode each step's count is the
    shown count of the stage it leads to, protected as in the funnel."""
    table = funnel_table(steps)
    if publication is None:
        return table
    stage_of = dict(zip(steps["to_label"], steps["to_stage"], strict=False))
    return table.with_columns(
        pl.col("to_label")
        .replace_strict({label: shown[t][stage_of[label]] for label in stage_of}, default=None)
        .alias(t)
        for t in TYPES
    )


def published_rates(rates: pl.DataFrame, publication: Publication | None) -> pl.DataFrame | None:
    """Publication mode: every year's rate as "x van n", protected, in place of the charts
    (a point's height is a rate); None for staff, who see the charts."""
    if publication is None:
        return None
    return (
        rates.filter(pl.col("ended") > 0)
        .sort("year", "mediation_type")
        .with_columns(
            kind_nl(),
            shown_rate=pl.struct("successful", "ended").map_elements(
                lambda r: publication.share(r["successful"], r["ended"]), return_dtype=pl.String
            ),
        )
    )


# Where publication mode hides a year's rate, the rate of this many years together (the
# year and those before it) may still be shown.
POOLED_YEARS = 5
RATE_TYPES = ("samen", *TYPES)


@dataclass(frozen=True)
class Pooled:
    """The success rate of the years `first_year` to `last_year` together, per type whose
    pooled counts may be published (`rows`: successful, ended and the rate with its Wilson
    interval, as `success_rates` has them); `rows` empty when none may."""

    first_year: int
    last_year: int
    rows: dict[str, dict[str, Any]]

    @property
    def years(self) -> str:
        """ "2022–2026", or "2026" for a single year."""
        if self.first_year == self.last_year:
            return str(self.last_year)
        return f"{self.first_year}–{self.last_year}"


def pooled_rates(rates: pl.DataFrame, year: int, publication: Publication | None) -> Pooled | None:
    """Publication mode, where a rate of `year` is hidden: the rates of the last POOLED_YEARS
    years up to `year` (those the data has) added up, per type whose sums pass the rules
    and, together with the year counts shown elsewhere ("x van n" of every year), give no
    hidden count away. None for staff, or when every rate of `year` may be shown."""
    if publication is None:
        return None
    own = {r["mediation_type"]: r for r in rates.filter(year=year).iter_rows(named=True)}
    if all(
        publication.shows_share(r["successful"], r["ended"]) for r in own.values() if r["ended"]
    ):
        return None
    window = rates.filter((pl.col("year") <= year) & (pl.col("year") > year - POOLED_YEARS))
    if window["year"].n_unique() < 2:  # the year alone: nothing to add
        return Pooled(year, year, {})
    sums = window.group_by("mediation_type").agg(pl.col("successful", "ended").sum())
    totals = {r["mediation_type"]: r for r in sums.iter_rows(named=True)}
    passing = [
        t
        for t in RATE_TYPES
        if t in totals and publication.shows_share(totals[t]["successful"], totals[t]["ended"])
    ]
    # the largest set of types whose sums give nothing away, "samen" first among equals
    for size in range(len(passing), 0, -1):
        for shown in itertools.combinations(passing, size):
            if not _gives_away(window, totals, set(shown), publication):
                return Pooled(window["year"].min(), year, _rate_rows(totals, shown))
    return Pooled(window["year"].min(), year, {})


def _rate_rows(totals: Mapping[str, Mapping[str, Any]], shown: tuple[str, ...]) -> dict:
    rows = {}
    for t in shown:
        successes, n = totals[t]["successful"], totals[t]["ended"]
        low, high = wilson_interval(successes, n)
        rows[t] = {"mediation_type": t, "successful": successes, "ended": n, "running": 0,
                   "success_pct": 100 * successes / n, "success_low_pct": 100 * low,
                   "success_high_pct": 100 * high}  # fmt: skip
    return rows


def no_rate_text(pooled: Pooled, publication: Publication) -> str:
    """Why a year in publication mode has no rate to show, not even over several years."""
    text = (
        "Geen percentage te tonen: bij publicatie staat een percentage alleen bij ten minste "
        f"{publication.min_denominator} beëindigde mediations, en niet als de geslaagde of de "
        f"overige er {publication.small} zijn (nul mag)."
    )
    if pooled.first_year == pooled.last_year:
        return text
    return text + (
        f" Ook {pooled.years} samen kan niet: zo'n totaal haalt die grenzen niet, of verraadt "
        "met de getoonde jaarcijfers een afgeschermd aantal."
    )


def _gives_away(
    window: pl.DataFrame,
    totals: Mapping[str, Mapping[str, Any]],
    shown: set[str],
    publication: Publication,
) -> bool:
    """Whether the sums of the types `shown`, with every year's "x van n" as publication mode
    shows it, let a hidden year count be worked out: through the sums (a year's count is
    the sum less the other years', IKO and NIKO add up to "samen", the ended are successful
    plus the rest), or because hidden counts of 1 to 4 can only add up to the sum one way."""
    values: dict[Hashable, int] = {}
    for r in window.iter_rows(named=True):
        key = (r["mediation_type"], r["year"])
        values[(*key, "s")], values[(*key, "e")] = r["successful"], r["ended"]
        values[(*key, "u")] = r["ended"] - r["successful"]
    for t, r in totals.items():
        values[(t, "sum", "s")], values[(t, "sum", "e")] = r["successful"], r["ended"]
        values[(t, "sum", "u")] = r["ended"] - r["successful"]
    years = sorted(set(window["year"]))
    equations = [
        Equation((t, y, "e"), ((t, y, "s"), (t, y, "u"))) for t in totals for y in [*years, "sum"]
    ]
    equations += [
        Equation((t, "sum", m), tuple((t, y, m) for y in years)) for t in totals for m in "seu"
    ]
    equations += [Equation(("samen", y, m), tuple((t, y, m) for t in TYPES))
                  for y in [*years, "sum"] for m in "seu" if ("samen", y, m) in values
                  and all((t, y, m) in values for t in TYPES)]  # fmt: skip
    secret = {
        k for k, v in values.items() if k[1] != "sum" and k[2] != "u" and publication.is_small(v)
    }
    unknown = secret | {k for k in values if k[2] == "u" and k[1] != "sum"}
    # what the year counts give away already (IKO and NIKO from "samen") is not the sums' doing
    before = recoverable(values, unknown | {k for k in values if k[1] == "sum"}, equations)
    unknown |= {k for k in values if k[1] == "sum" and k[0] not in shown}
    if (secret & recoverable(values, unknown, equations)) - before:
        return True
    for t in shown:
        for m in "se":
            hidden = [values[(t, y, m)] for y in years if (t, y, m) in secret]
            rest = values[(t, "sum", m)] - sum(
                values[(t, y, m)] for y in years if (t, y, m) not in secret
            )
            if hidden and rest in (len(hidden), len(hidden) * (publication.threshold - 1)):
                return True
    return False


CHILD_COLUMNS = (
    "child_interviews", "children_heard", "special_guardian_appointments",
    "special_guardian_children",
)  # fmt: skip


def children_of_year(
    counts: pl.DataFrame, year: int, publication: Publication | None
) -> pl.DataFrame:
    """The year's child interviews and guardians per type and both together ("samen"); in
    publication mode protected against that total, which is the column total."""
    per_type = counts.filter(year=year)
    total = (
        per_type.drop("year", "mediation_type").sum().with_columns(mediation_type=pl.lit("samen"))
    )
    if publication is not None:
        per_type = protect_frame(
            per_type, publication, count_columns=CHILD_COLUMNS, column_totals=True,
            row_key="mediation_type",
        )  # fmt: skip
        total = total.with_columns(
            pl.col(c).map_elements(publication.count, return_dtype=pl.String) for c in CHILD_COLUMNS
        )
    return pl.concat([per_type.drop("year"), total], how="diagonal")


def partial_year_text(data_until: dt.date) -> str:
    """ "t/m 22 nov": how the rates mark the year that runs."""
    return f"t/m {data_until.day} {month_abbreviation(data_until.month)}"


def trend_caption(rates: pl.DataFrame) -> str:
    """What the rates over the years count, in plain words, and which years come from the
    annual report (open points, "(jaarverslag)" on the axis and in the table)."""
    text = (
        "Per jaar van ontvangst en per type: hoeveel van de beëindigde mediations zijn "
        "geslaagd; bij elk punt staat 'x van n'. De streep geeft aan waar het werkelijke "
        "slagingspercentage bij zulke kleine aantallen waarschijnlijk ligt: als de strepen van "
        "twee jaren elkaar overlappen, kan het verschil ook toeval zijn."
    )
    published_years = rates.filter(source="jaarverslag")["year"].unique().sort().to_list()
    if published_years:
        return text + (
            f" Jaren met een open punt ({', '.join(map(str, published_years))}) komen uit het "
            "jaarverslag, niet uit de gegevens."
        )
    return text + (
        " Alle jaren komen uit de gegevens; een jaar waarvoor alleen het jaarverslag cijfers "
        "heeft, zou hier met een open punt en '(jaarverslag)' verschijnen."
    )


RATE_CAPTION = (
    "Per type de mediations die na de intake zijn voortgezet en zijn beëindigd, en hoeveel "
    "daarvan met een volledige overeenkomst. De streep geeft aan waar het werkelijke "
    "slagingspercentage bij zulke kleine aantallen waarschijnlijk ligt."
)


def method_lines(
    rates_of_year: Mapping[str, Mapping[str, Any]],
    shown: Mapping[str, Mapping[str, str]],
    publication: Publication | None,
) -> list[str]:
    """For "Hoe berekend?": how the stages give each type's rate (`denominator_lines`) and
    the statistics behind the plain words, for whoever asks."""
    return [
        *denominator_lines(rates_of_year, shown, publication),
        "",
        "- **Slagingspercentage**: het aantal met een volledige overeenkomst (de teller) "
        "gedeeld door het aantal beëindigde mediations (de noemer). Mediations die nog lopen, "
        "tellen pas mee als ze zijn beëindigd.",
        "- **De streep (95%-interval)** is het Wilson-scoreinterval: bij zulke kleine "
        "aantallen ligt het werkelijke slagingspercentage daar met 95 % zekerheid binnen. "
        "'Waarschijnlijk tussen … en …' zijn de grenzen van dat interval, naar buiten "
        "afgerond op een eenvoudige verhouding (zoals 1 op de 17 of 3 op de 5); 'ongeveer …' "
        "is het percentage zelf, afgerond op de dichtstbijzijnde.",
        "- **Samen**: IKO en NIKO opgeteld, teller bij teller en noemer bij noemer (niet het "
        "gemiddelde van twee percentages).",
    ]


def combined_caption(by_year: pl.DataFrame, data_until: dt.date) -> str:
    """What the table of both types together counts, and that the running year is partial."""
    text = (
        "Per jaar van ontvangst: geslaagd van de beëindigde mediations, het percentage en "
        "tussen haakjes waar het waarschijnlijk ligt (95%-interval). Samen: IKO en NIKO "
        "opgeteld. Bron: berekend uit de gegevens, of uit het jaarverslag voor een jaar "
        "zonder gegevens."
    )
    if not by_year["is_partial_year"].any():
        return text
    return text + (
        f" {data_until.year} loopt nog ({partial_year_text(data_until)}): lopende mediations "
        "tellen pas mee als ze zijn beëindigd."
    )
