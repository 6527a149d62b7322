"""The mediation figures as the page and the lecture show them: as they are for staff, and in
publication mode protected, or left out where the rules cannot protect them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from dashboard.format import month_abbreviation, number
from dashboard.publication import Publication
from dashboard.reports.mediation import TYPES, funnel_table, kind_nl, plain_rate
from dashboard.reports.mediation_release import MediationRelease, Pooled, rate_rows


def cell_format(release: MediationRelease) -> Callable[[Any], str] | None:
    """How a table writes its count cells: numbers for staff; in publication mode the cells
    hold their released texts already."""
    return None if release.protects else number


def staff_only(frame: pl.DataFrame, release: MediationRelease) -> pl.DataFrame | None:
    """`frame` for staff; None in publication mode, for what its rules cannot protect: a
    rate's point (its height is a share of a handful), the children per year and type, and
    durations (the shortest and the longest are one mediation each)."""
    return None if release.protects else frame


def own_for_comparison(rates: pl.DataFrame, release: MediationRelease) -> pl.DataFrame:
    """Our own rates beside other services: none in publication mode (they are on the page,
    protected, already)."""
    return rates.clear() if release.protects else rates


def success_metric(release: MediationRelease) -> tuple[str, str] | None:
    """The year's "Geslaagd" figure (successful of ended, both types) and the line under it:
    the rate in plain words ("ongeveer 1 op de 7") where it may be shown, and each type's
    share. None before any mediation of the year ended."""
    both = rate_rows(release).get("samen")
    if both is None or not both["ended"] > 0:
        return None
    rate = (
        f": {_plain_point(both['successful'], both['ended'])}"
        if release.shows_rate("samen")
        else ""
    )
    per_type = " · ".join(f"{t} {release.share(t)}" for t in TYPES)
    return (
        f"{release.count('samen', 'full_agreement')} van {release.count('samen', 'ended')}",
        f"van de beëindigde mediations{rate} · {per_type}",
    )


def _plain_point(successes: int, n: int) -> str:
    """ "ongeveer 1 op de 7": the plain rate without its interval, for a short line."""
    return (plain_rate(successes, n) or "").split(";")[0]


RATE_LINE_LABELS = {"samen": "IKO en NIKO samen", "IKO": "IKO", "NIKO": "NIKO"}


def rate_lines(release: MediationRelease) -> list[str]:
    """The year's success rate per type (both together first) as a director reads it aloud:
    "**IKO en NIKO samen**: 4 van 27 geslaagd, **ongeveer 1 op de 7**; waarschijnlijk tussen
    1 op de 17 en 1 op de 3." In publication mode a rate whose counts are hidden is not
    said, only its released "x van n", and the years together (`pooled`) where they are
    released; the words never depend on a hidden count (no "slaagde" for one, "slaagden" for
    more)."""
    rows, pooled = rate_rows(release), release.pooled
    lines = []
    for t in ("samen", *TYPES):
        row = rows.get(t)
        if row is None:
            continue
        label = f"**{RATE_LINE_LABELS[t]}**"
        if not row["ended"]:
            lines.append(f"- {label}: nog geen beëindigde mediations.")
            continue
        text = f"- {label}: {_said(release, t, row)}"
        if release.protects and not release.shows_rate(t):
            text += "; te weinig om bij publicatie een verhouding te noemen"
            if pooled is not None and t in pooled.rows:
                text += f". {pooled.years} samen: {_said(release, t, pooled.rows[t], pooled.years)}"
        lines.append(text + ".")
    return lines


def _said(
    release: MediationRelease, t: str, row: Mapping[str, Any], year: int | str | None = None
) -> str:
    """ "4 van 27 geslaagd, **ongeveer 1 op de 7**; waarschijnlijk tussen ...", or only the
    released "<5 van 16 geslaagd" where publication mode hides the rate."""
    y = release.year if year is None else year
    shown = f"{release.count(t, 'full_agreement', y)} van {release.count(t, 'ended', y)}"
    if release.protects and not release.shows_rate(t, y):
        return f"{shown} geslaagd"
    point, _, interval = (plain_rate(row["successful"], row["ended"]) or "").partition("; ")
    return f"{shown} geslaagd, **{point}**" + (f"; {interval}" if interval else "")


def denominator_lines(release: MediationRelease) -> list[str]:
    """Per type, how the stages give the rate's denominator and numerator, as list items."""
    shown = release.stages()
    return [
        f"- **{t}**: {shown[t]['started']} gestart − {shown[t]['stopped_after_intake']} gestopt "
        f"na de intake = {shown[t]['conducted']} voortgezet; daarvan lopen er "
        f"{shown[t]['running']} nog, dus de noemer is **{release.count(t, 'ended')} "
        f"beëindigd** en de teller **{release.count(t, 'full_agreement')} met een volledige "
        "overeenkomst**."
        for t in TYPES
    ]


def funnel_caption(year: int, release: MediationRelease) -> str:
    """What the funnels count; in publication mode, that a hidden flow's width says nothing."""
    text = (
        f"Telt de mediationverzoeken die in {year} binnenkwamen, per type (IKO: in een "
        "kinderontvoeringszaak; NIKO: ander internationaal familieconflict), en waar elk verzoek "
        "nu staat: niet gestart (met de reden), gestopt na de intake, of voortgezet tot een "
        "uitkomst."
    )
    if release.protects:
        text += (
            ' Publicatiemodus: een stroom naar een afgeschermd aantal ("<5" of "×") heeft '
            "één vaste breedte; zijn dikte zegt niets over het aantal."
        )
    return text


def funnel_table_shown(steps: pl.DataFrame, release: MediationRelease) -> pl.DataFrame:
    """The steps as a table (`funnel_table`); in publication mode each step's count is the
    released count of the stage it leads to."""
    table = funnel_table(steps)
    if not release.protects:
        return table
    shown = release.stages()
    stage_of = dict(zip(steps["to_label"], steps["to_stage"], strict=False))
    return table.with_columns(
        pl.col("to_label")
        .replace_strict({label: shown[t][stage_of[label]] for label in stage_of}, default=None)
        .alias(t)
        for t in TYPES
    )


def published_rates(release: MediationRelease) -> pl.DataFrame | None:
    """Publication mode: every year's rate as "x van n", released, in place of the charts
    (a point's height is a rate); None for staff, who see the charts."""
    if not release.protects:
        return None
    return (
        release.rates.filter(pl.col("ended") > 0)
        .sort("year", "mediation_type")
        .with_columns(
            kind_nl(),
            shown_rate=pl.struct("year", "mediation_type").map_elements(
                lambda r: release.share(r["mediation_type"], year=r["year"]),
                return_dtype=pl.String,
            ),
        )
    )


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


def children_of_year(counts: pl.DataFrame, release: MediationRelease) -> pl.DataFrame:
    """The year's child interviews and guardians per type and both together ("samen"); in
    publication mode the released texts."""
    if release.protects:
        return release.children(counts)
    per_type = counts.filter(year=release.year)
    total = (
        per_type.drop("year", "mediation_type").sum().with_columns(mediation_type=pl.lit("samen"))
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


def method_lines(release: MediationRelease) -> list[str]:
    """For "Hoe berekend?": how the stages give each type's rate (`denominator_lines`) and
    the statistics behind the plain words, for whoever asks."""
    return [
        *denominator_lines(release),
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
