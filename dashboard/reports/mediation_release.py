"""Every mediation count the page or the deck shows, as one released set: the year's funnel
per type and both together, every year's "x van n", the years pooled where a year's rate is
hidden, and the year's child interviews; with the sums that tie them together, so that no
tile, sentence, table, chart, download or note can be subtracted from another.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from dashboard.disclosure import Release
from dashboard.publication import Publication
from dashboard.reports.mediation import (
    FUNNEL_EQUATIONS,
    STAGE_LABELS,
    TYPES,
    stage_totals,
    wilson_interval,
)

ALL = ("samen", *TYPES)
CHILD_COLUMNS = (
    "child_interviews", "children_heard", "special_guardian_appointments",
    "special_guardian_children",
)  # fmt: skip
# Where publication mode hides a year's rate, the rate of this many years together (the
# year and those before it) may still be shown.
POOLED_YEARS = 5


@dataclass(frozen=True)
class Pooled:
    """The success rate of the years `first_year` to `last_year` together, per type whose
    pooled counts are released (`rows`: successful, ended and the rate with its Wilson
    interval, as `success_rates` has them); `rows` empty when none may."""

    first_year: int
    last_year: int
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def years(self) -> str:
        """ "2022–2026", or "2026" for a single year."""
        if self.first_year == self.last_year:
            return str(self.last_year)
        return f"{self.first_year}–{self.last_year}"


def key(year: int | str, mediation_type: str, measure: str) -> tuple[Hashable, ...]:
    return ("mediation", year, mediation_type, measure)


@dataclass
class MediationRelease:
    """The released mediation numbers of `year` (and every year's rate) for one page or deck."""

    release: Release
    year: int
    rates: pl.DataFrame
    pooled: Pooled | None = None

    @property
    def protects(self) -> bool:
        return self.release.protects

    @property
    def publication(self) -> Publication:
        return Publication(self.release.threshold or 5, self.release.min_denominator)

    def count(self, mediation_type: str, measure: str, year: int | str | None = None) -> str:
        return self.release.text(key(self.year if year is None else year, mediation_type, measure))

    def stages(self) -> dict[str, dict[str, str]]:
        """Each funnel stage's text per type and for both together, as the page shows them."""
        return {t: {s: self.count(t, s) for s in STAGE_LABELS} for t in (*TYPES, "samen")}

    def share(self, mediation_type: str, what: str = "", year: int | str | None = None) -> str:
        """ "5 van 11 (45 %)": successful of ended, as the rules allow."""
        y = self.year if year is None else year
        return self.release.share(
            key(y, mediation_type, "full_agreement"), key(y, mediation_type, "ended"), what
        )

    def shows_rate(self, mediation_type: str, year: int | str | None = None) -> bool:
        y = self.year if year is None else year
        return self.release.shows_rate(
            key(y, mediation_type, "full_agreement"), key(y, mediation_type, "ended")
        )

    def running(self, mediation_type: str, year: int | str | None = None) -> str:
        return self.count(mediation_type, "running", year)

    def pooled_share(self, mediation_type: str, what: str = "") -> str:
        assert self.pooled is not None
        return self.share(mediation_type, what, self.pooled.years)

    def children(self, counts: pl.DataFrame) -> pl.DataFrame:
        """The year's child interviews and guardians per type and both together, as text."""
        return pl.DataFrame(
            [
                {"mediation_type": t, **{c: self.count(t, c) for c in CHILD_COLUMNS}}
                for t in ALL
                if t == "samen" or not counts.filter(year=self.year, mediation_type=t).is_empty()
            ]
        )


def mediation_release(
    steps: pl.DataFrame,
    rates: pl.DataFrame,
    children: pl.DataFrame | None,
    year: int,
    publication: Publication | None,
    name: str = "mediation",
) -> MediationRelease:
    """The one released set of the mediation numbers of `year` (`publication` None: staff,
    every number as it is)."""
    release = Release(
        name,
        threshold=None if publication is None else publication.threshold,
        min_denominator=10 if publication is None else publication.min_denominator,
    )
    _funnel(release, steps, year)
    _year_rates(release, rates)
    pooled = _pooled(release, rates, year, publication)
    if children is not None:
        _children(release, children, year)
    shown = MediationRelease(release, year, rates)
    if pooled is not None:
        pooled = Pooled(
            pooled.first_year,
            pooled.last_year,
            {t: row for t, row in pooled.rows.items() if shown_pooled(release, pooled, t)},
        )
    shown.pooled = pooled
    return shown


def shown_pooled(release: Release, pooled: Pooled, mediation_type: str) -> bool:
    return release.shows_rate(
        key(pooled.years, mediation_type, "full_agreement"),
        key(pooled.years, mediation_type, "ended"),
    )


def _funnel(release: Release, steps: pl.DataFrame, year: int) -> None:
    """The year's stages per type and both together; ended = conducted less running, split
    into successful (a full agreement) and the rest, which the page never prints."""
    if steps.is_empty():  # no requests that year: the rates of the years stand alone
        return
    totals = stage_totals(steps)
    per_type = {t: {s: int(totals.get(t, {}).get(s, 0)) for s in STAGE_LABELS} for t in TYPES}
    per_type["samen"] = {s: sum(per_type[t][s] for t in TYPES) for s in STAGE_LABELS}
    for t, values in per_type.items():
        for stage, value in values.items():
            release.cell(key(year, t, stage), value)
        ended = values["full_agreement"] + values["partial_agreement"] + values["no_agreement"]
        release.cell(key(year, t, "ended"), ended)
        release.cell(key(year, t, "unsuccessful"), ended - values["full_agreement"], printed=False)
        for eq in FUNNEL_EQUATIONS:
            release.relate(key(year, t, eq.total), (key(year, t, p) for p in eq.parts))
        release.relate(key(year, t, "conducted"), (key(year, t, "running"), key(year, t, "ended")))
        release.relate(
            key(year, t, "ended"), (key(year, t, "full_agreement"), key(year, t, "unsuccessful"))
        )
        release.relate(
            key(year, t, "unsuccessful"),
            (key(year, t, "partial_agreement"), key(year, t, "no_agreement")),
        )
    for stage in (*STAGE_LABELS, "ended", "unsuccessful"):
        release.relate(key(year, "samen", stage), (key(year, t, stage) for t in TYPES))


def _year_rates(release: Release, rates: pl.DataFrame) -> None:
    """Every year's successful of ended per type (the table of every year, the trend), with
    the running ones the slide notes mention."""
    for r in rates.iter_rows(named=True):
        y, t = r["year"], r["mediation_type"]
        release.cell(key(y, t, "full_agreement"), r["successful"])
        release.cell(key(y, t, "ended"), r["ended"])
        release.cell(key(y, t, "unsuccessful"), r["ended"] - r["successful"], printed=False)
        release.cell(key(y, t, "running"), r["running"])
        release.relate(key(y, t, "ended"), (key(y, t, "full_agreement"), key(y, t, "unsuccessful")))
    types = set(zip(rates["year"], rates["mediation_type"], strict=True))
    for y in sorted(set(rates["year"])):
        if all((y, t) in types for t in ALL):
            for m in ("full_agreement", "ended", "unsuccessful", "running"):
                release.relate(key(y, "samen", m), (key(y, t, m) for t in TYPES))


def _passes(release: Release, successes: int, ended: int) -> bool:
    """The rules for a rate on its counts alone (before any complementary cell)."""
    return (
        ended >= release.min_denominator
        and not release.is_small(successes)
        and not release.is_small(ended - successes)
    )


def _pooled(
    release: Release, rates: pl.DataFrame, year: int, publication: Publication | None
) -> Pooled | None:
    """Publication mode, where a rate of `year` fails the rules: the last POOLED_YEARS years
    together as cells of the set (each a sum of its years), so that the decision protects
    the years through them too. None for staff, or when every rate of `year` passes."""
    if publication is None:
        return None
    own = rates.filter(year=year, source="gegevens")
    if all(_passes(release, r["successful"], r["ended"]) for r in own.iter_rows(named=True)
           if r["ended"]):  # fmt: skip
        return None
    window = rates.filter((pl.col("year") <= year) & (pl.col("year") > year - POOLED_YEARS))
    first = int(window["year"].min()) if not window.is_empty() else year
    if window["year"].n_unique() < 2:
        return Pooled(year, year)
    pooled = Pooled(first, year)
    years = sorted(set(window["year"]))
    rows = {}
    for t in ALL:
        own_type = window.filter(mediation_type=t)
        if own_type.height != len(years):
            continue
        successes, ended = int(own_type["successful"].sum()), int(own_type["ended"].sum())
        if not _passes(release, successes, ended):
            continue
        for m, value in (("full_agreement", successes), ("ended", ended),
                         ("unsuccessful", ended - successes)):  # fmt: skip
            release.cell(key(pooled.years, t, m), value, printed=m != "unsuccessful")
            release.relate(key(pooled.years, t, m), (key(y, t, m) for y in years))
        release.relate(
            key(pooled.years, t, "ended"),
            (key(pooled.years, t, "full_agreement"), key(pooled.years, t, "unsuccessful")),
        )
        rows[t] = _rate_row(t, successes, ended)
    return Pooled(first, year, rows)


def _rate_row(mediation_type: str, successes: int, ended: int) -> dict[str, Any]:
    low, high = wilson_interval(successes, ended)
    return {"mediation_type": mediation_type, "successful": successes, "ended": ended,
            "running": 0, "success_pct": 100 * successes / ended,
            "success_low_pct": 100 * low, "success_high_pct": 100 * high}  # fmt: skip


def _children(release: Release, counts: pl.DataFrame, year: int) -> None:
    own = {r["mediation_type"]: r for r in counts.filter(year=year).iter_rows(named=True)}
    for c in CHILD_COLUMNS:
        for t in TYPES:
            release.cell(key(year, t, c), own.get(t, {}).get(c, 0))
        release.cell(key(year, "samen", c), sum(own.get(t, {}).get(c, 0) or 0 for t in TYPES))
        release.relate(key(year, "samen", c), (key(year, t, c) for t in TYPES))


def rate_rows(release: MediationRelease) -> Mapping[str, Mapping[str, Any]]:
    """The year's rate rows by type (as `year_rates`)."""
    return {
        r["mediation_type"]: r
        for r in release.rates.filter(year=release.year).iter_rows(named=True)
    }
