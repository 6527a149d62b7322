"""From prevention to abduction: families with a prevention case followed, through their
family id, to an abduction case later; what is said and shown of them.

Typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from pydantic import BaseModel

from dashboard.disclosure import Release
from dashboard.format import date_nl, number, percent
from dashboard.publication import Publication
from dashboard.reports.countries import COUNTING_NOTE, Metric, Period, Runner


class FollowupSummary(BaseModel):
    """From prevention to abduction, linked through the family id."""

    prevention_families: int
    later_abduction_families: int
    same_country_families: int
    later_abduction_pct: float | None
    median_months_to_abduction: float | None
    min_months_to_abduction: float | None
    max_months_to_abduction: float | None
    outgoing_cases: int
    outgoing_with_prevention_cases: int
    outgoing_with_prevention_same_country_cases: int
    outgoing_with_prevention_pct: float | None


def prevention_followup(run: Runner, period: Period) -> FollowupSummary:
    """The families with a first prevention case in `period` and the abduction cases that
    followed (`country_prevention_followup_summary.sql`)."""
    rows = run("country_prevention_followup_summary", **period.params())
    return FollowupSummary(**rows.row(0, named=True))


# The summary's counts and the sums between them: of the families that later had an abduction
# case, those to the country of the threat and the rest (never printed); the same for the
# abduction cases with an earlier prevention case.
FOLLOWUP_SUMS = (
    ("later_abduction_families", ("same_country_families", "other_country_families")),
    ("outgoing_with_prevention_cases",
     ("outgoing_with_prevention_same_country_cases", "outgoing_with_prevention_other_cases")),
)  # fmt: skip


def followup_texts(s: FollowupSummary, publication: Publication | None) -> dict[str, str]:
    """Each count of the summary as written: as it is for staff; in publication mode from one
    released set with its sums, so a printed pair cannot give a hidden rest away."""
    values = s.model_dump()
    values["other_country_families"] = s.later_abduction_families - s.same_country_families
    values["outgoing_with_prevention_other_cases"] = (
        s.outgoing_with_prevention_cases - s.outgoing_with_prevention_same_country_cases
    )
    counts = {k: int(v) for k, v in values.items() if isinstance(v, int)}
    if publication is None:
        return {k: number(v) for k, v in counts.items()}
    release = Release("preventie", publication.threshold, publication.min_denominator, local=True)
    for key, value in counts.items():
        release.cell(
            key, value, printed=not key.endswith(("other_country_families", "other_cases"))
        )
    for total, parts in FOLLOWUP_SUMS:
        release.relate(total, parts)
    return {k: release.text(k) for k in counts if k in release.printed}


def prevention_followup_by_country(
    run: Runner, period: Period, publication: Publication | None = None
) -> pl.DataFrame:
    """Per country of the threat, the families followed from prevention to abduction. With
    `publication`, only countries whose group hides no one: per country these are single
    families with their months."""
    rows = run("country_prevention_followup_by_country", **period.params())
    if publication is None:
        return rows
    return rows.filter(pl.col("families") >= publication.threshold)


def followup_note(period: Period, data_until: dt.date) -> str:
    """How prevention is linked to abduction, and up to which day."""
    return (
        f"{COUNTING_NOTE} Gekoppeld via het gezinsnummer: de eerste preventiezaak van een gezin "
        f"in {period.label} en de eerste ontvoeringszaak van hetzelfde gezin daarna (tot en met "
        f"{date_nl(data_until)}). Recente preventiezaken hebben nog weinig tijd gehad. Kleine "
        "aantallen: niet zonder meer op een openbare dia."
    )


def followup_metrics(s: FollowupSummary, publication: Publication | None = None) -> list[Metric]:
    """The three key figures of the link: families with prevention, of them later an
    abduction (with its share), and the median months in between. With `publication`, no
    share that gives a hidden count away and no median of a group under the threshold."""
    shown = followup_texts(s, publication)
    later = s.later_abduction_families
    share_shown = publication is None or (
        publication.shows_share(later, s.prevention_families)
        and shown["later_abduction_families"] == number(later)
    )
    median_shown = publication is None or later >= publication.threshold
    return [
        Metric("Gezinnen met een preventiezaak", shown["prevention_families"]),
        Metric(
            "Daarna een ontvoeringszaak",
            shown["later_abduction_families"],
            percent(s.later_abduction_pct) if share_shown else None,
        ),
        Metric(
            "Mediaan tot de ontvoeringszaak",
            f"{number(s.median_months_to_abduction, 1)} mnd" if median_shown else "–",
        ),
    ]


def earlier_prevention_sentence(
    s: FollowupSummary, period: Period, publication: Publication | None = None
) -> str:
    """The link the other way round: abductions that had an earlier prevention case."""
    n = s.outgoing_with_prevention_cases
    shown = followup_texts(s, publication)
    share = (
        f" ({percent(s.outgoing_with_prevention_pct)})"
        if publication is None
        or (
            publication.shows_share(n, s.outgoing_cases)
            and shown["outgoing_with_prevention_cases"] == number(n)
        )
        else ""
    )
    # the verb never tells a hidden count of one from more
    verb = "had" if n == 1 and publication is None else "hadden"
    return (
        f"Andersom: van de {shown['outgoing_cases']} uitgaande ontvoeringszaken in "
        f"{period.label} {verb} er {shown['outgoing_with_prevention_cases']}{share} "
        f"eerder een preventiezaak van hetzelfde "
        f"gezin, {shown['outgoing_with_prevention_same_country_cases']} daarvan over "
        "hetzelfde land."
    )


def followup_sentence(
    s: FollowupSummary, period: Period, publication: Publication | None = None
) -> str:
    """The link in words, with its denominators. With `publication`, protected counts, and
    no durations for a group under the threshold (its shortest and longest are families)."""
    if s.prevention_families == 0:
        return f"Geen preventiezaken van ouders in {period.label}."
    shown = followup_texts(s, publication)
    later = s.later_abduction_families
    share = (
        f" ({percent(s.later_abduction_pct)})"
        if publication is None
        or (
            publication.shows_share(later, s.prevention_families)
            and shown["later_abduction_families"] == number(later)
        )
        else ""
    )
    text = (
        f"Van de {shown['prevention_families']} gezinnen met een eerste preventiezaak in "
        f"{period.label} kregen er {shown['later_abduction_families']}{share} later een "
        "ontvoeringszaak"
    )
    if publication is not None:
        if later >= publication.threshold:
            text += (
                f", na een mediaan van {number(s.median_months_to_abduction, 1)} maanden; "
                f"{shown['same_country_families']} van hen naar het land van de dreiging"
            )
        return text + "."
    if s.later_abduction_families:
        text += (
            f", na een mediaan van {number(s.median_months_to_abduction, 1)} maanden (kortst "
            f"{number(s.min_months_to_abduction, 1)}, "
            f"langst {number(s.max_months_to_abduction, 1)})"
            f"; {number(s.same_country_families)} van hen naar het land van de dreiging"
        )
    return text + "."
