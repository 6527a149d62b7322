"""The annual overview: headline tiles, the report's breakdowns and its section 7 table.

Pure functions from report rows to what a page shows (tiles, figures, download files); the
numbers themselves come from `mart_annual_measures`, the same the reconciliation test checks.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from dashboard.disclosure import Release
from dashboard.format import change_pct, date_nl, number, signed
from dashboard.publication import Publication
from dashboard.reports import same_period
from dashboard.reports.periods import YearPeriod
from dashboard.reports.same_period import YearToDate

Runner = Callable[..., pl.DataFrame]


@dataclass(frozen=True)
class Comparison:
    """What the annual overview sets side by side: the year, or the days so far of a running
    year, and the same period of the year before, with the names it gives them."""

    period: YearPeriod
    has_previous: bool
    now: YearToDate | None = None  # a running year's days so far, else None
    before: YearToDate | None = None  # the same days of the year before, if it has data

    @property
    def year_label(self) -> str:
        """ "2026 t/m 22-11" for a running year, else "2025"."""
        return self.now.short_label if self.now else str(self.period.year)

    @property
    def previous_label(self) -> str:
        if self.now and self.before:
            return self.before.short_label
        return str(self.period.year - 1)

    @property
    def title(self) -> str:
        year, running = self.period.year, self.period.is_running
        if running and self.now and self.before:
            return same_period.versus(self.now, self.before)
        if running:
            return f"{year} tot en met {date_nl(self.period.data_until)}"
        return f"{year} tegenover {year - 1}" if self.has_previous else str(year)

    @property
    def running_notice(self) -> str | None:
        """For a running year: what the figures count to, and against what."""
        if not self.period.is_running:
            return None
        year, until = self.period.year, self.period.data_until
        return f"{year} loopt nog: de gegevens gaan tot en met {date_nl(until)}. " + (
            f"Tegels, uitsplitsingen en de overzichtstabel vergelijken daarom met dezelfde "
            f"dagen van {year - 1}, niet met heel {year - 1}. " + same_period.definition_nl(until)
            if self.has_previous
            else "Tegels, uitsplitsingen en de overzichtstabel tonen de stand tot nu toe."
        )

    def tile_help(self, tile: Tile) -> str:
        """A tile's measure in full, with the period or the figure of the year before."""
        if tile.previous is not None:
            return f"{tile.help}. {self.previous_label}: {tile.previous}"
        return f"{tile.help}, {self.year_label}" if self.period.is_running else tile.help

    @property
    def tiles_caption(self) -> str:
        year = self.period.year
        return (
            "Zaken tellen in het jaar van opening, contactmomenten in het jaar waarin ze "
            "plaatsvonden, mediationverzoeken in het jaar van ontvangst. Ontvoering, vertrek en "
            "omgang: zaken waarin een ouder contact opnam (zoals het jaarverslag); "
            "preventiezaken: ouders en derden, de kinderen in zaken van ouders. Verschil ten "
            "opzichte van "
            + (
                f"dezelfde periode van {year - 1} ({self.previous_label})"
                if self.period.is_running
                else "het jaar ervoor"
            )
            + f": in %, of als aantal waar {year - 1} onder de {SMALL_BASE} bleef."
        )

    def breakdown_caption(self, breakdown: Breakdown) -> str:
        return f"Telt: {breakdown.counts}; " + (
            f"{self.year_label} in blauw, {self.previous_label} in grijs."
            if self.has_previous
            else f"{self.year_label}."
        )

    def shows_printed_change(self, overview: pl.DataFrame) -> bool:
        """The report printed changes between whole years only."""
        printed = bool(overview["change_pct_printed"].is_not_null().any())
        return self.has_previous and printed and not self.period.is_running

    @property
    def overview_caption(self) -> str:
        text = (
            "Telt: zaken geopend in het jaar, per registratiecode, naar wie contact opnam. De "
            "eerste rij is Lijn 1 (de code 'toestemming voor vakantie'), de rest Lijn 2. Het "
            "totaal Lijn 2 telt alle Lijn 2-codes, ook Achterlating en Gezagsvragen, die niet in "
            "de tabel van het jaarverslag staan."
        )
        if not self.has_previous:
            return text
        text += " Verschil: afgerond zoals het jaarverslag afrondt (-3,5 % wordt -4 %)"
        if not self.period.is_running:
            return text + (
                "; 'Jaarverslag': het verschil zoals de tabel in het jaarverslag het drukt, "
                "waar er een is."
            )
        if self.now and self.before:
            return text + f", over dezelfde dagen: {same_period.versus(self.now, self.before)}."
        return text + "."

    @property
    def download_notes(self) -> list[str]:
        if not self.period.is_running:
            return []
        return [
            f"{self.period.year} loopt nog: tellingen tot en met "
            f"{date_nl(self.period.data_until)}"
            + (f", vergeleken met {self.previous_label}." if self.has_previous else ".")
        ]


def comparison(run: Runner, period: YearPeriod, has_previous: bool) -> Comparison:
    """The comparison the annual overview makes for `period`'s year."""
    periods = same_period.year_to_date_periods(run)
    if not period.is_running:
        return Comparison(period, has_previous)
    return Comparison(period, has_previous, periods[period.year], periods.get(period.year - 1))


@dataclass(frozen=True)
class Tile:
    """A headline figure: a tile of the annual overview, a key figure of the lecture."""

    measure: str
    group: str
    label: str
    help: str  # the measure in full, with the year before
    value: str
    delta: str | None  # "+3 %" against the year before; None when that year has no data
    previous: str | None
    previous_year: int

    @property
    def change(self) -> str | None:
        """ "-12 % t.o.v. 2024": the change as a slide says it."""
        return f"{self.delta} t.o.v. {self.previous_year}" if self.delta else None


def figure_text(value: float | str | None) -> str:
    """Counts as counts, a ratio (a monthly average) with one decimal; a released text
    ("<5") as it is."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return number(value, 0 if float(value).is_integer() else 1)


# Below this many the year before, a change is given as a count, not a percentage: 7 -> 4
# geslaagde mediations is "-3", not "-43 %".
SMALL_BASE = 50


def delta_text(value: float, previous: float | None, pct: float | None) -> str | None:
    if previous is None or pct is None:
        return None
    if previous < SMALL_BASE:
        return signed(value - previous, 0 if float(value - previous).is_integer() else 1)
    return change_pct(pct, decimals=0)


def headlines(run: Runner, period: YearPeriod) -> pl.DataFrame:
    """One row per headline measure: the year, or the days so far of a running year, against
    the same of the year before (`annual_headlines.sql`)."""
    return run("annual_headlines", year=period.year, period=period.comparison)


def measure_release(
    values: Mapping[str, float | None],
    previous: Mapping[str, float | None],
    publication: Publication,
    name: str = "jaarverslag",
) -> Release:
    """The counts of a year ("nu") and the year before ("voor") as one released set (see
    `measures_release`)."""
    return measures_release({"nu": values, "voor": previous}, publication, name)


def measures_release(
    periods: Mapping[Hashable, Mapping[str, float | None]], publication: Publication, name: str
) -> Release:
    """Measures' counts per period as one released set, keyed (measure, period), with the
    sums their names show: a measure is the sum of its parts one level down
    ("prevention.contact.father" of its ".potentially_left_behind" and
    ".potentially_taking"), "x.total" of the other "x.*", where the numbers add up so."""
    release = Release(name, publication.threshold, publication.min_denominator)
    for when, measures in periods.items():
        counts = {m: int(v) for m, v in measures.items() if v is not None and float(v).is_integer()}
        for measure, value in counts.items():
            release.cell((measure, when), value)
        for total in sorted(counts):
            stem = total.removesuffix(".total")
            depth = stem.count(".") + 1
            parts = sorted(m for m in counts if m != total and m.startswith(stem + ".")
                           and m.count(".") == depth)  # fmt: skip
            if len(parts) > 1 and sum(counts[p] for p in parts) == counts[total]:
                release.relate((total, when), ((p, when) for p in parts))
    return release


def page_release(
    headlines: pl.DataFrame, breakdowns: Sequence[Breakdown], publication: Publication | None
) -> Release | None:
    """The annual overview's counts as one released set: its tiles and every breakdown (a
    breakdown's items add up to a tile, or to each other)."""
    if publication is None:
        return None
    frames = [headlines.select("measure", "value", "previous_value")]
    frames += [b.rows.select("measure", "value", "previous_value") for b in breakdowns]
    rows = pl.concat(frames, how="vertical_relaxed").unique("measure", maintain_order=True)
    values = dict(zip(rows["measure"], rows["value"], strict=True))
    previous = dict(zip(rows["measure"], rows["previous_value"], strict=True))
    return measure_release(values, previous, publication, "jaaroverzicht")


def shown_breakdown(rows: pl.DataFrame, release: Release | None) -> pl.DataFrame:
    """A breakdown's rows as released: in publication mode `value` and `previous_value` hold
    their texts ("<5", "×") and `value_bar`, `previous_bar` the lengths a chart may draw
    (none for a hidden count); for staff the rows as they are."""
    if release is None:
        return rows
    columns = {}
    for column, when in (("value", "nu"), ("previous_value", "voor")):
        texts, bars = [], []
        for measure, value in zip(rows["measure"], rows[column], strict=True):
            key = (measure, when)
            if value is None or key not in release.values:
                texts.append(figure_text(value))
                bars.append(value)
            else:
                texts.append(release.text(key))
                bars.append(value if release.shows(key) else None)
        columns[column] = pl.Series(column, texts, dtype=pl.String)
        columns[column.replace("value", "bar")] = pl.Series(bars, dtype=pl.Float64)
    return rows.with_columns(**columns)


def tiles(headlines: pl.DataFrame, year: int, release: Release | None = None) -> list[Tile]:
    """The headline measures of `year` that have a value, as tiles; with a `release`
    (publication mode) their counts as released, a change only between two shown counts."""

    def shown(measure: str, when: str, value: float | None) -> str | None:
        if value is None:
            return None
        if release is None or (measure, when) not in release.values:
            return figure_text(value)
        return release.text((measure, when))

    def both_shown(measure: str) -> bool:
        return release is None or all(
            (measure, w) not in release.values or release.shows((measure, w))
            for w in ("nu", "voor")
        )

    return [
        Tile(
            measure=r["measure"],
            group=r["tile_group"],
            label=r["tile_label"],
            help=r["label_nl"],
            value=shown(r["measure"], "nu", r["value"]) or "–",
            delta=delta_text(r["value"], r["previous_value"], r["change_pct"])
            if both_shown(r["measure"])
            else None,
            previous=shown(r["measure"], "voor", r["previous_value"]),
            previous_year=year - 1,
        )
        for r in headlines.iter_rows(named=True)
        if r["value"] is not None
    ]


# The lecture's key figures, in its order.
KEY_FIGURES = (
    "cases.total", "cases.line1", "cases.line2", "contacts.total",
    "abduction.cases", "abduction.children", "prevention.cases", "mediation.requests",
)  # fmt: skip


def key_figures(
    headlines: pl.DataFrame, year: int, publication: Publication | None = None
) -> tuple[Tile, ...]:
    """The tiles of the lecture's key figures that have a value, in the lecture's order."""
    release = None
    if publication is not None:
        values = dict(zip(headlines["measure"], headlines["value"], strict=True))
        before = dict(zip(headlines["measure"], headlines["previous_value"], strict=True))
        release = measure_release(values, before, publication, "kerncijfers")
    by_measure = {t.measure: t for t in tiles(headlines, year, release)}
    return tuple(by_measure[m] for m in KEY_FIGURES if m in by_measure)


@dataclass(frozen=True)
class Breakdown:
    """One breakdown of the annual report (by age, by country ...): its rows, in one or more
    units (cases, children)."""

    key: str
    title: str
    counts: str  # what it counts, in words
    units: list[str]
    rows: pl.DataFrame


def breakdowns(run: Runner, period: YearPeriod) -> list[Breakdown]:
    """The report's breakdowns of the year, beside the same period of the year before."""
    rows = run("annual_breakdowns", year=period.year, period=period.comparison)
    out = []
    for key in rows["breakdown"].unique(maintain_order=True):
        own = rows.filter(breakdown=key)
        first = own.row(0, named=True)
        units = own["unit_nl"].unique(maintain_order=True).to_list()
        out.append(Breakdown(key, first["breakdown_nl"], first["counts_nl"], units, own))
    return out


def abduction_children_by_age(run: Runner, year: int) -> pl.DataFrame:
    """Children in abduction cases of parents, by age at opening and direction."""
    return run("abduction_children_by_age", year=year)


def line_overview(run: Runner, period: YearPeriod) -> pl.DataFrame:
    """The report's section 7 table: cases per registration code and who called."""
    return run("line_overview", year=period.year, period=period.comparison)


def registration_eras(run: Runner) -> pl.DataFrame:
    """One row per way of registering (codes, Lijn 1 and Lijn 2), oldest first, with the
    year it began and what Lijn 1 and Lijn 2 meant in it."""
    return run("registration_eras")


def published_vs_computed(run: Runner, year: int) -> pl.DataFrame:
    """Every count the annual report printed about `year`, beside the count from the data."""
    return run("published_vs_computed", year=year)


def published_changes_vs_computed(run: Runner, year: int) -> pl.DataFrame:
    """Every change in percent the reports printed about `year`, beside the computed one."""
    return run("published_changes_vs_computed", year=year)


STATUS_ORDER = ("gelijk", "verschil", "niet in de gegevens")


def difference_text(value: float) -> str:
    return signed(value, 0 if float(value).is_integer() else 1)


def status_counts(rows: pl.DataFrame) -> dict[str, int]:
    """How many printed counts agree, differ, or are not in the data, in STATUS_ORDER."""
    counts = dict(rows["status"].value_counts().iter_rows())
    return {status: counts.get(status, 0) for status in STATUS_ORDER}


def difference_warnings(rows: pl.DataFrame, changes: pl.DataFrame) -> list[str]:
    """One sentence per printed count and per printed change that the data do not give."""
    counts = [
        f"**{r['label_nl']}**: het jaarverslag drukt {figure_text(r['published_value'])}, de "
        f"gegevens geven {figure_text(r['computed_value'])} "
        f"(verschil {difference_text(r['difference'])})."
        for r in rows.filter(status="verschil").iter_rows(named=True)
    ]
    return counts + [
        f"**{r['label_nl']}**: de {r['printed_in']} noemt "
        f"{change_pct(r['change_pct_printed'], decimals=0)}, de gegevens geven "
        f"{change_pct(r['change_pct'], decimals=1)} ({figure_text(r['previous_value'])} → "
        f"{figure_text(r['value'])}, afgerond {change_pct(r['change_pct_rounded'], decimals=0)})."
        for r in changes.filter(status="verschil").iter_rows(named=True)
    ]


def missing_text(rows: pl.DataFrame) -> str | None:
    """The printed counts no export holds, in one sentence; None when there are none."""
    missing = rows.filter(status="niet in de gegevens")
    if missing.is_empty():
        return None
    return (
        "Niet in de gegevens: "
        + ", ".join(label[0].lower() + label[1:] for label in missing["label_nl"])
        + " — deze cijfers staan niet in een export van het registratiesysteem."
    )


OVERVIEW_HEADERS = {
    "category_nl": "Soort zaak",
    "parents_previous": "Ouders {prev}",
    "third_parties_previous": "Derden {prev}",
    "total_previous": "Totaal {prev}",
    "parents": "Ouders {year}",
    "third_parties": "Derden {year}",
    "total": "Totaal {year}",
    "change_pct": "Verschil (%)",
    "change_pct_printed": "Verschil in jaarverslag (%)",
}


def overview_download(
    rows: pl.DataFrame,
    keep: Sequence[str],
    year: int,
    year_label: str,
    previous_label: str | None = None,
) -> pl.DataFrame:
    """The section 7 table as shown (the columns in `keep`), with Dutch headers and the change
    rounded as the report rounds it; `year_label` and `previous_label` head the two periods'
    columns ("2026 t/m 22-11" and "2025 t/m 22-11" for a running year)."""
    headers = {
        k: v.format(prev=previous_label or year - 1, year=year_label)
        for k, v in OVERVIEW_HEADERS.items()
        if k in keep
    }
    # half away from zero, like the report (-3,5 % -> -4 %)
    rounded = (
        (pl.col("change_pct").sign() * (pl.col("change_pct").abs() + 0.5).floor())
        .cast(pl.Int32)
        .alias("change_pct")
    )
    return rows.select(
        rounded if column == "change_pct" else pl.col(column) for column in headers
    ).rename(headers)
