"""Threat against abduction per country: typed report functions and pure chart builders.

Report functions take a `Runner` (the app passes the cached `dashboard.data.report`, tests a
`Database.run`), so the same code runs in the app and against a database made in a test.
Chart builders take polars frames and return Plotly figures; they never query.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import polars as pl
from pydantic import BaseModel, model_validator

from dashboard import downloads
from dashboard.format import number, percent
from dashboard.paths import REPO_ROOT
from dashboard.publication import Publication, grid_equations, grid_values

Runner = Callable[..., pl.DataFrame]
ListName = Literal["threat", "outgoing", "incoming"]

# Served by Streamlit at /app/static/ (server.enableStaticServing); plotly.js asks for
# <topojsonURL>world_110m.json (scope "world", resolution 110).
STATIC_DIR = REPO_ROOT / "dashboard" / "static"
TOPOJSON_FILE = STATIC_DIR / "topojson" / "world_110m.json"
TOPOJSON_URL = "/app/static/topojson/"
MAP_CONFIG = {"topojsonURL": TOPOJSON_URL}

COUNTING_NOTE = "Alleen zaken waarin een ouder contact opnam."
LIST_LABELS: dict[str, str] = {
    "threat": "dreiging (preventie)",
    "outgoing": "uitgaande ontvoering",
    "incoming": "inkomende ontvoering",
}


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


def new_definition(period: Period) -> str:
    """What 'nieuw' means on the page, in one sentence."""
    return (
        f"Nieuw: een land met zaken op die lijst in {period.label} en geen in "
        f"{period.previous.label}. Nieuw in de top: in de top van {period.label}, niet in die "
        f"van {period.previous.label} (het land kan er daarvóór wel zaken hebben gehad)."
    )


def hkov_split(run: Runner, period: Period) -> pl.DataFrame:
    """Parents' abduction cases and children per direction x HKOV flag on the case."""
    return run("country_hkov_split", **period.params())


def hkov_disagreements(run: Runner, period: Period) -> pl.DataFrame:
    """Cases whose registered HKOV flag differs from the reference list's verdict."""
    return run("country_hkov_disagreements", **period.params())


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
    rows = run("country_prevention_followup_summary", **period.params())
    return FollowupSummary(**rows.row(0, named=True))


def prevention_followup_by_country(run: Runner, period: Period) -> pl.DataFrame:
    return run("country_prevention_followup_by_country", **period.params())


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


@cache
def map_outline_iso3() -> frozenset[str]:
    """The ISO-3 codes that have a shape in the shipped world map (Natural Earth 1:110m)."""
    topology = json.loads(TOPOJSON_FILE.read_text(encoding="utf-8"))
    return frozenset(g["id"] for g in topology["objects"]["countries"]["geometries"] if g.get("id"))


def not_on_map(df: pl.DataFrame, value: str, outlines: Iterable[str]) -> pl.DataFrame:
    """Countries with cases in `value` but no shape on the map (too small, or no ISO-3 shape
    such as Kosovo): the page names them under the map, so no case disappears."""
    shapes = set(outlines)
    return df.filter(
        (pl.col(value) > 0)
        & (pl.col("country_iso3").is_null() | ~pl.col("country_iso3").is_in(list(shapes)))
    ).sort([value, "country_nl"], descending=[True, False])


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


def hkov_split_texts(df: pl.DataFrame, publication: Publication) -> dict[tuple[str, str], str]:
    """The split's numbers as published, keyed (direction x group, "cases"/"children"): small
    counts hidden, and their complements, since each direction's total is shown too."""
    keyed = df.with_columns(key=pl.col("direction_nl") + " · " + pl.col("hkov_nl"))
    texts: dict[tuple[str, str], str] = {}
    for value in ("cases", "children"):
        wide = keyed.pivot(on="hkov_nl", index="direction_nl", values=value).fill_null(0)
        groups = [c for c in wide.columns if c != "direction_nl"]
        values = {
            k: v
            for k, v in grid_values(wide, "direction_nl", groups).items()
            if k[0] != "totaal"  # per direction the total is shown, across directions not
        }
        rows = wide["direction_nl"].to_list()
        equations = grid_equations(rows, groups, row_totals=True, column_totals=False)
        shown = publication.counts(values, equations)
        for (direction, group), text in shown.items():
            texts[(f"{direction} · {group}", value)] = text
    return texts


def contrast_sentence(df: pl.DataFrame, publication: Publication | None = None) -> str:
    """The main story in words: where the first of each list stands in the other list."""
    count = number if publication is None else publication.count
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


def earlier_prevention_sentence(
    s: FollowupSummary, period: Period, publication: Publication | None = None
) -> str:
    """The link the other way round: abductions that had an earlier prevention case."""
    n = s.outgoing_with_prevention_cases
    count = number if publication is None else publication.count
    share = (
        f" ({percent(s.outgoing_with_prevention_pct)})"
        if publication is None or publication.shows_share(n, s.outgoing_cases)
        else ""
    )
    return (
        f"Andersom: van de {count(s.outgoing_cases)} uitgaande ontvoeringszaken in "
        f"{period.label} {'had' if n == 1 else 'hadden'} er {count(n)}{share} "
        f"eerder een preventiezaak van hetzelfde "
        f"gezin, {count(s.outgoing_with_prevention_same_country_cases)} daarvan over "
        "hetzelfde land."
    )


def followup_sentence(
    s: FollowupSummary, period: Period, publication: Publication | None = None
) -> str:
    """The link in words, with its denominators. With `publication`, protected counts, and
    no durations for a group under the threshold (its shortest and longest are families)."""
    if s.prevention_families == 0:
        return f"Geen preventiezaken van ouders in {period.label}."
    count = number if publication is None else publication.count
    later = s.later_abduction_families
    share = (
        f" ({percent(s.later_abduction_pct)})"
        if publication is None or publication.shows_share(later, s.prevention_families)
        else ""
    )
    text = (
        f"Van de {count(s.prevention_families)} gezinnen met een eerste preventiezaak in "
        f"{period.label} kregen er {count(later)}{share} later een ontvoeringszaak"
    )
    if publication is not None:
        if later >= publication.threshold:
            text += (
                f", na een mediaan van {number(s.median_months_to_abduction, 1)} maanden; "
                f"{count(s.same_country_families)} van hen naar het land van de dreiging"
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
