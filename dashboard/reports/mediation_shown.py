"""The mediation figures as the page and the lecture show them: as they are for staff, and in
publication mode protected, or left out where the rules cannot protect them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from dashboard.format import month_abbreviation, number
from dashboard.publication import Publication, protect_frame
from dashboard.reports.mediation import TYPES, funnel_table, rate_text


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
    the rate with its interval where it may be shown, and each type's share. None before any
    mediation of the year ended."""
    both = rates_of_year.get("samen")
    if both is None or not both["ended"] > 0:
        return None
    count = count_format(publication)
    successes, ended = both["successful"], both["ended"]
    rate = (
        f"{rate_text(successes, ended)}, 95%-interval · "
        if publication is None or publication.shows_share(successes, ended)
        else ""
    )
    per_type = " · ".join(
        f"{t} {share_text(rates_of_year[t]['successful'], rates_of_year[t]['ended'], publication)}"
        for t in TYPES
    )
    return (
        f"{count(successes)} van {count(ended)}",
        f"van de beëindigde mediations; {rate}{per_type}",
    )


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
            shown_rate=pl.struct("successful", "ended").map_elements(
                lambda r: publication.share(r["successful"], r["ended"]), return_dtype=pl.String
            )
        )
    )


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
    """What the rates over the years count, and which years come from the annual report."""
    text = (
        "Telt per jaar van ontvangst de beëindigde mediations (noemer) en die met een volledige "
        "overeenkomst (teller), per type; bij elk punt staat 'x van n', de streep is het "
        "95%-interval (Wilson). Overlappende strepen betekenen dat een verschil tussen twee "
        "jaren ook toeval kan zijn."
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


def combined_caption(by_year: pl.DataFrame, data_until: dt.date) -> str:
    """What the table of both types together counts, and that the running year is partial."""
    text = (
        "Per jaar van ontvangst: geslaagd van de beëindigde mediations, het percentage en het "
        "95%-interval (Wilson). Samen: IKO en NIKO opgeteld (teller bij teller, noemer bij "
        "noemer)."
    )
    if not by_year["is_partial_year"].any():
        return text
    return text + (
        f" {data_until.year} loopt nog ({partial_year_text(data_until)}): lopende mediations "
        "tellen pas mee als ze zijn beëindigd."
    )
