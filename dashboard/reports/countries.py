"""Threat against abduction per country: typed report functions and pure chart builders.

Report functions take a `Runner` (the app passes the cached `dashboard.data.report`, tests a
`Database.run`), so the same code runs in the app and against a database made in a test.
Chart builders take polars frames and return Plotly figures; they never query.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl
from pydantic import BaseModel, model_validator

from dashboard import downloads
from dashboard.format import number
from dashboard.publication import Publication

Runner = Callable[..., pl.DataFrame]
ListName = Literal["threat", "outgoing", "incoming"]

COUNTING_NOTE = "Alleen zaken waarin een ouder contact opnam."
RANKINGS_NOTE = (
    f"{COUNTING_NOTE} Links de landen waarheen een ouder een ontvoering vanuit Nederland "
    "vreest (preventie), rechts de landen waarheen kinderen vanuit Nederland zijn ontvoerd; "
    "tussen haakjes het aantal zaken. Gedeelde plaatsen krijgen hetzelfde nummer met een = "
    "(9=, 9=, 11)."
)
HKOV_SPLIT_NOTE = (
    f"{COUNTING_NOTE} Ontvoeringszaken en de kinderen daarin, naar de HKOV-vlag zoals "
    "geregistreerd op de zaak (Haags Kinderontvoeringsverdrag 1980: bepaalt de juridische route)."
)
LIST_LABELS: dict[str, str] = {
    "threat": "dreiging (preventie)",
    "outgoing": "uitgaande ontvoering",
    "incoming": "inkomende ontvoering",
}


# -- counts as shown ---------------------------------------------------------------------


def count_text(publication: Publication | None) -> Callable[[int | None], str]:
    """How a count is written: as it is for the staff, protected ("<5") for publication."""
    return number if publication is None else publication.count


def table_count_text(publication: Publication | None) -> Callable[[int], str] | None:
    """How a table writes a count column: the staff's integers as Dutch numbers; a published
    column holds its texts already ("<5", see `publication.protect_frame`)."""
    return number if publication is None else None


@dataclass(frozen=True)
class Metric:
    """A key figure as shown: label, value and, where there is one, the line under it."""

    label: str
    value: str
    delta: str | None = None


# -- the period --------------------------------------------------------------------------


class Period(BaseModel):
    """Whole calendar years, `year_from` up to and including `year_to`."""

    year_from: int
    year_to: int

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.year_from > self.year_to:
            raise ValueError(f"periode loopt achteruit: {self.year_from}-{self.year_to}")
        return self

    @classmethod
    def ending(cls, year_to: int, years: int = 1) -> Period:
        return cls(year_from=year_to - years + 1, year_to=year_to)

    @property
    def years(self) -> int:
        return self.year_to - self.year_from + 1

    @property
    def previous(self) -> Period:
        """The period of equal length just before this one (for one year: the year before)."""
        return Period.ending(self.year_from - 1, self.years)

    @property
    def label(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_to)
        return f"{self.year_from}–{self.year_to}"

    def params(self) -> dict[str, int]:
        return {"year_from": self.year_from, "year_to": self.year_to}


# -- typed report functions --------------------------------------------------------------


def threat_vs_abduction_by_country(run: Runner, period: Period) -> pl.DataFrame:
    """One row per country: threat, outgoing and incoming cases and children, ranks now and in
    the previous period, and the HKOV status (`country_threat_vs_abduction.sql`)."""
    return run("country_threat_vs_abduction", **period.params())


def new_countries(run: Runner, period: Period) -> pl.DataFrame:
    """One row per list x country with cases in `period` and none in the period before it:
    list, list_nl, country_nl, cases, last_year_before, first_ever, data_from_year, earlier_nl
    ("nooit (sinds 2024)" or the last year before). Empty when the data does not reach back to
    the period before."""
    return run("country_new_in_period", **period.params())


def newcomers(new: pl.DataFrame, which: ListName) -> list[str]:
    """The countries (Dutch names) of list `which` in rows of `new_countries`: what the chart
    marks "nieuw" is what the table of new countries lists, so the page has one 'nieuw'."""
    return new.filter(pl.col("list") == which)["country_nl"].to_list()


def new_definition(period: Period) -> str:
    """What 'nieuw' means on the page, in one sentence: in the chart and in the table alike.
    A place in the top gained is said apart ("in de top gekomen"), never called new."""
    return (
        f"Nieuw (in de grafiek en in de tabel „Nieuwe landen in {period.label}”): een land met "
        f"zaken op die lijst in {period.label} en geen in {period.previous.label}."
    )


@dataclass(frozen=True)
class NewCountries:
    """The countries new in a period as shown: `rows` of `new_countries` (counts protected
    in publication mode; empty when there is nothing to list) and the note that goes with
    them, or in their place."""

    rows: pl.DataFrame
    note: str
    reaches_back: bool = False  # the data reach before the previous period: "earlier" is known


def new_countries_shown(
    run: Runner, period: Period, compare: bool, publication: Publication | None = None
) -> NewCountries:
    """`new_countries` with what is said of them; `compare` says whether the data cover the
    previous period (`has_comparison`), without which nothing is new."""
    previous = period.previous
    new = new_countries(run, period)
    if not compare:
        return NewCountries(
            new.clear(),
            f"Of een land nieuw is, is niet te zeggen: over {previous.label} zijn geen gegevens.",
        )
    if new.is_empty():
        return NewCountries(
            new,
            f"Geen nieuwe landen: elk land met zaken in {period.label} had er ook in "
            f"{previous.label}.",
        )
    data_from = new["data_from_year"][0]
    reaches_back = data_from < previous.year_from
    if publication is not None:
        new = new.with_columns(
            pl.col("cases").map_elements(publication.count, return_dtype=pl.String)
        )
    note = f"{COUNTING_NOTE} {new_definition(period)} " + (
        "'Eerder op de lijst': het laatste jaar vóór de periode met een zaak, of 'nooit' "
        f"zolang de gegevens teruggaan (vanaf {data_from})."
        if reaches_back
        else f"De gegevens beginnen in {data_from}: of een land ooit eerder zaken had, "
        "is niet te zien; nieuw betekent hier de eerste keer in de gegevens."
    )
    return NewCountries(new, note, reaches_back)


def hkov_split(run: Runner, period: Period) -> pl.DataFrame:
    """Parents' abduction cases and children per direction x HKOV flag on the case."""
    return run("country_hkov_split", **period.params())


def hkov_disagreements(run: Runner, period: Period) -> pl.DataFrame:
    """Cases whose registered HKOV flag differs from the reference list's verdict."""
    return run("country_hkov_disagreements", **period.params())


@dataclass(frozen=True)
class HkovCheck:
    """The registered HKOV flag against the treaty list: `rows` are the cases that differ,
    None where single cases are not shown (publication mode); `text` says the outcome."""

    rows: pl.DataFrame | None
    text: str


def hkov_check(run: Runner, period: Period, publication: Publication | None = None) -> HkovCheck:
    if publication is not None:
        # single cases with their dates: not for publication
        return HkovCheck(None, "Publicatiemodus: de controle per zaak staat niet in deze weergave.")
    rows = hkov_disagreements(run, period)
    if rows.is_empty():
        return HkovCheck(
            rows,
            f"Controle HKOV-vlag tegenover de verdragslijst, {period.label}: geen verschillen.",
        )
    return HkovCheck(
        rows,
        f"Controle HKOV-vlag: bij {number(rows.height)} zaken wijkt de vlag op de zaak af van "
        "de verdragslijst op de dag van opening.",
    )


# -- derived views (pure) ----------------------------------------------------------------


def rank_column(which: ListName) -> str:
    return f"{which}_rank"


def in_top(df: pl.DataFrame, which: ListName, top: int, *, previous: bool = False) -> list[str]:
    """Countries (Dutch names) with a rank of at most `top`: ties at the cut are all in."""
    column = f"previous_{which}_rank" if previous else rank_column(which)
    cases = f"previous_{which}_cases" if previous else f"{which}_cases"
    return (
        df.filter(pl.col(column) <= top)
        .sort([cases, "country_nl"], descending=[True, False])["country_nl"]
        .to_list()
    )


@dataclass(frozen=True)
class TopChanges:
    newcomers: list[str]
    dropouts: list[str]


def top_changes(df: pl.DataFrame, which: ListName, top: int) -> TopChanges:
    """Newcomers to and drop-outs from the top `top` against the previous period."""
    now = in_top(df, which, top)
    before = in_top(df, which, top, previous=True)
    return TopChanges(
        newcomers=[c for c in now if c not in before],
        dropouts=[c for c in before if c not in now],
    )


def top_changes_text(df: pl.DataFrame, top: int, previous: Period) -> str:
    """Per list (threat, outgoing) the newcomers to and drop-outs from the top `top` against
    the `previous` period, as Markdown lines."""
    changes = []
    for which, name in (("threat", "dreiging"), ("outgoing", "uitgaande ontvoering")):
        change = top_changes(df, which, top)
        newcomers = ", ".join(change.newcomers) or "geen"
        dropouts = ", ".join(change.dropouts) or "geen"
        changes.append(
            f"**{name.capitalize()}** — in de top {top} gekomen: {newcomers}; "
            f"uit de top {top}: {dropouts}."
        )
    return f"Tegenover {previous.label}:  \n" + "  \n".join(changes)


def has_comparison(df: pl.DataFrame) -> bool:
    """Whether the data cover the period before (rows of `threat_vs_abduction_by_country`)."""
    return bool(df["previous_period_in_data"].any()) if df.height else False


LEADER_LABELS: dict[ListName, str] = {
    "threat": "Meest gevreesd (dreiging)",
    "outgoing": "Meest uitgaande ontvoering",
    "incoming": "Meest inkomende ontvoering",
}


def leaders(df: pl.DataFrame, publication: Publication | None = None) -> list[Metric]:
    """The first country of each list (all of them on a shared first place) and its cases."""
    count = count_text(publication)
    metrics = []
    for which, label in LEADER_LABELS.items():
        names = in_top(df, which, 1)
        first = df.filter(pl.col("country_nl").is_in(names))
        metrics.append(
            Metric(
                label,
                " / ".join(names) if names else "–",
                f"{count(first[f'{which}_cases'].max())} zaken" if names else None,
            )
        )
    return metrics


def place_label(rank: int | None, tied: bool) -> str:
    """A competition rank as a place: 3 -> "3", a shared 9th place -> "9=", none -> "–"."""
    if rank is None:
        return "–"
    return f"{rank}=" if tied else str(rank)


def with_places(df: pl.DataFrame) -> pl.DataFrame:
    """Adds `<list>_place` text columns that mark shared places with "="."""
    out = df
    for which in ("threat", "outgoing", "incoming"):
        rank = rank_column(which)  # type: ignore[arg-type]
        tied = pl.col(rank).is_not_null() & (pl.len().over(rank) > 1)
        out = out.with_columns(
            pl.when(pl.col(rank).is_null())
            .then(pl.lit("–"))
            .when(tied)
            .then(pl.col(rank).cast(pl.String) + "=")
            .otherwise(pl.col(rank).cast(pl.String))
            .alias(f"{which}_place")
        )
    return out


def cases_with_place(df: pl.DataFrame, which: ListName) -> Callable[[int], str]:
    """How the country table writes a list's cases: "38 (1)", with the place in brackets
    ("8 (9=)" for a shared place), or "0" where a country has none.

    A place follows from the count alone (countries with equal counts share it), so the column
    can keep its numbers, and sort on them, while it shows the place too. `df` is the frame
    `with_places` made.
    """
    places = dict(zip(df[f"{which}_cases"], df[f"{which}_place"], strict=True))

    def text(cases: int) -> str:
        place = places.get(cases, "–")
        return number(cases) if place == "–" else f"{number(cases)} ({place})"

    return text


def quadrant_cut(df: pl.DataFrame, which: ListName, top: int) -> float:
    """A count between the last country inside the top `top` and the first outside it."""
    cases = pl.col(f"{which}_cases")
    inside = df.filter(pl.col(rank_column(which)) <= top)[f"{which}_cases"]
    outside = df.filter(pl.col(rank_column(which)).is_null() | (pl.col(rank_column(which)) > top))
    low_in = float(inside.min()) if len(inside) else 1.0
    high_out = float(outside.select(cases.max()).item() or 0) if outside.height else 0.0
    return (low_in + high_out) / 2


def quadrant(threat: int, outgoing: int, threat_cut: float, outgoing_cut: float) -> str:
    feared, taken = threat > threat_cut, outgoing > outgoing_cut
    if feared and taken:
        return "gevreesd én bestemming"
    if feared:
        return "gevreesd, maar zelden bestemming"
    if taken:
        return "bestemming, maar niet gevreesd"
    return "weinig zaken"


def scatter_rows(df: pl.DataFrame, publication: Publication | None = None) -> pl.DataFrame:
    """The countries the scatter of threat against abduction draws: a point's place is its two
    counts, so with `publication` only countries without a hidden count."""
    if publication is None:
        return df
    return df.filter(
        ~pl.col("threat_cases").is_between(1, publication.threshold - 1)
        & ~pl.col("outgoing_cases").is_between(1, publication.threshold - 1)
    )


def scatter_note(top: int, publication: Publication | None = None) -> str:
    return (
        f"{COUNTING_NOTE} Eén punt per land. De stippellijnen liggen bij de grens van de top "
        f"{top} van elke lijst; landen in een van beide tops staan met naam."
        + (
            ""
            if publication is None
            else f" Publicatiemodus: landen met {publication.small} zaken in een van beide "
            "lijsten staan er niet in."
        )
    )


def table_for_download(df: pl.DataFrame, headers: dict[str, str]) -> bytes:
    """The country table as CSV for Dutch Excel: semicolons, UTF-8 with a byte order mark."""
    return downloads.csv_bytes(df.select([pl.col(c).alias(h) for c, h in headers.items()]))


def published_places(df: pl.DataFrame, publication: Publication) -> pl.DataFrame:
    """`with_places` for publication: a hidden count ("<5") gets the one shared place of all
    hidden counts of its list ("gedeeld 12e"), so the ranking does not tell 4 from 1."""
    from dashboard.publication import merged_places

    out = with_places(df)
    for which in ("threat", "outgoing", "incoming"):
        cases = f"{which}_cases"
        counts = sorted((c for c in out[cases].to_list() if c), reverse=True)
        shared = merged_places(counts, publication)[-1] if counts else "–"
        out = out.with_columns(
            pl.when((pl.col(cases) > 0) & (pl.col(cases) < publication.threshold))
            .then(pl.lit(shared))
            .otherwise(pl.col(f"{which}_place"))
            .alias(f"{which}_place")
        )
    return out


def hkov_split_texts(
    df: pl.DataFrame, publication: Publication, by_country: pl.DataFrame
) -> dict[tuple[str, str], str]:
    """The split's numbers as published, keyed (direction x group, "cases"/"children"),
    decided together with the country table (`country_release`): each group is a sum of
    its countries, each direction's total is shown."""
    from dashboard.reports.country_release import country_release, split_texts

    return split_texts(country_release(by_country, df, publication), df)


def contrast_sentence(df: pl.DataFrame, publication: Publication | None = None) -> str:
    """The main story in words: where the first of each list stands in the other list."""
    count = count_text(publication)
    df = with_places(df) if publication is None else published_places(df, publication)
    parts = []
    for lead, other, lead_nl, other_nl in (
        ("threat", "outgoing", "dreiging", "uitgaande ontvoering"),
        ("outgoing", "threat", "uitgaande ontvoering", "dreiging"),
    ):
        for row in df.filter(pl.col(rank_column(lead)) == 1).iter_rows(named=True):
            elsewhere = (
                f"plaats {row[f'{other}_place']}" if row[rank_column(other)] is not None
                else "geen zaken"
            )  # fmt: skip
            parts.append(
                f"**{row['country_nl']}** staat eerst bij {lead_nl} "
                f"({count(row[f'{lead}_cases'])} zaken), bij {other_nl}: {elsewhere} "
                f"({count(row[f'{other}_cases'])} zaken)."
            )
    return " ".join(parts)
