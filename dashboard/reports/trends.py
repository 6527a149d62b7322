"""Meerjarige trends: any measure of the annual report's vocabulary, year by year.

The rows come from the report `trend_measures` (one per year x measure): a year the export
covers carries the computed value, a year only an annual report covers its published value,
marked 'jaarverslag'; where both exist and differ the computed value is shown and the
published one drawn beside it. The report `trend_same_period` counts every year up to the
calendar day of the last data day, so the running year stands beside equal periods.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit
(the figures are in `dashboard.charts.trends`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import polars as pl

from dashboard.format import date_nl, month_name
from dashboard.publication import Publication
from dashboard.reports import same_period

Runner = Callable[..., pl.DataFrame]

# The director's key figures, in the order the page shows them, with a short chart title.
# Short enough for a third of a projector's width; the page says what each counts.
KEY_MEASURES: dict[str, str] = {
    "cases.total": "Zaken totaal",
    "cases.line1": "Lijn 1-zaken",
    "cases.line2": "Lijn 2-zaken",
    "abduction.cases": "Ontvoeringszaken",
    "prevention.cases": "Preventiezaken",
    "mediation.requests": "Mediationverzoeken",
}

# How a year's value came about (the report's `kind`), in the legend's order.
KINDS: dict[str, str] = {
    "gegevens": "berekend uit de gegevens",
    "jaarverslag": "gepubliceerd (jaarverslag)",
    "lopend": "lopend jaar, tot nu toe",
}
# the same, in a table column that must leave room for the others
SHORT_KINDS: dict[str, str] = {
    "gegevens": "berekend",
    "jaarverslag": "jaarverslag",
    "lopend": "lopend jaar",
}


def annual_measures(run: Runner) -> pl.DataFrame:
    """One row per year x measure: the value shown (`value`, `kind`), the computed and the
    published value, their difference and `status`, and the measure's labels and section."""
    return run("trend_measures")


def same_period_measures(run: Runner) -> pl.DataFrame:
    """One row per year x measure, every year counted from 1 January to the calendar day of
    the last data day (`period_end`), with `change_pct` against the year before; empty when
    the data reach 31 December."""
    return run("trend_same_period")


@dataclass(frozen=True)
class Coverage:
    """Which years the trend shows, and where each comes from."""

    years: list[int]
    data_years: list[int]  # computed from the export
    published_only: list[int]  # only an imported annual report has them
    any_imported: bool  # some value comes from an imported annual report

    @property
    def lacks_older_years(self) -> bool:
        """No annual report imported: the trend starts where the export starts."""
        return not self.published_only and not self.any_imported


def coverage(rows: pl.DataFrame) -> Coverage:
    years = sorted(set(rows["year"]))
    data_years = sorted(set(rows.filter("year_in_data")["year"]))
    return Coverage(
        years,
        data_years,
        [y for y in years if y not in data_years],
        bool(rows["is_imported"].any()),
    )


def intro_nl(coverage: Coverage, data_until: dt.date) -> str:
    """How each year counts and what each way of drawing a year means."""
    return (
        "Elk jaar telt zoals het jaarverslag telt: zaken in het jaar van opening, "
        "contactmomenten in het jaar waarin ze plaatsvonden, mediationverzoeken in het jaar van "
        f"ontvangst. **Berekend** (gevulde staaf): uit de export, {coverage.data_years[0]}–"
        f"{coverage.data_years[-1]}. **Gepubliceerd** (gearceerde staaf): uit een eerder "
        "jaarverslag, voor jaren zonder export. **Lopend jaar** (gestippeld): de stand tot en met "
        f"{date_nl(data_until)}, nog niet te vergelijken met een heel jaar. Een ruit: het "
        "jaarverslag drukte een ander getal dan de gegevens geven. Een **gestreepte lijn**: vanaf "
        "dat jaar registreert het centrum anders (andere codes, een andere verdeling over Lijn 1 "
        "en Lijn 2); de jaren ervoor tellen niet op dezelfde manier."
    )


def no_older_years_nl(coverage: Coverage) -> str:
    """Where older years come from, for a trend that starts at the export."""
    return (
        f"Er zijn geen gepubliceerde jaarcijfers van vóór {coverage.data_years[0]} "
        "geïmporteerd: de reeks begint bij de export. Op de pagina Gegevens importeert u cijfers "
        "uit oudere jaarverslagen (in de maten van het jaarverslag 2025); ze verschijnen dan hier."
    )


def cut_off_nl(cut_off: dt.date) -> str:
    """The calendar day every year counts up to: "22 november"."""
    return f"{cut_off.day} {month_name(cut_off.month)}"


def same_period_span_nl(rows: pl.DataFrame, cut_off: dt.date) -> tuple[str, str]:
    """The years of `same_period_measures` up to the same calendar day, as a slide says them
    ("2022–2026, elk jaar t/m 22 november") and as a file name does ("2022-2026-tm-11-22")."""
    first, last = min(rows["year"]), max(rows["year"])
    return (
        f"{first}–{last}, elk jaar t/m {cut_off_nl(cut_off)}",
        f"{first}-{last}-tm-{cut_off:%m-%d}",
    )


def same_period_caption_nl(cut_off: dt.date) -> str:
    return (
        "Het lopende jaar naast dezelfde periode van eerdere jaren, niet naast hele jaren. "
        f"{same_period.definition_nl(cut_off)} Blauw: {cut_off.year}, met het verschil "
        f"tegenover dezelfde dagen van {cut_off.year - 1}."
    )


@dataclass(frozen=True)
class Measure:
    measure: str
    label_nl: str
    section_nl: str | None
    definition_nl: str | None = None
    # the names other pages give it (a key figure's title, a tile on /jaaroverzicht)
    other_names_nl: tuple[str, ...] = ()

    @property
    def choice_nl(self) -> str:
        label = searchable(self.label_nl)
        return f"{self.section_nl} · {label}" if self.section_nl else label

    @property
    def names_nl(self) -> tuple[str, ...]:
        return (searchable(self.label_nl), self.label_nl, *self.other_names_nl)

    @property
    def file_stem(self) -> str:
        """'iko-zaken-betrokken-kinderen': the label as a file name (no dots, no codes)."""
        return slug(self.label_nl)


# The annual report says "IKO-zaken"; someone looking for them types "ontvoering". The picker
# says both, so either word finds them.
_SEARCH_WORDS = {
    "IKO-zaken": "ontvoeringszaken (IKO-zaken)",
    "IKO-mediations": "IKO-mediations (ontvoeringszaken)",
    "IKO-verzoeken": "IKO-verzoeken (ontvoeringszaken)",
}


def searchable(label: str) -> str:
    for word, words in _SEARCH_WORDS.items():
        if label.startswith(word):
            return words[0].upper() + words[1:] + label.removeprefix(word)
        label = label.replace(f" {word}", f" {words}")
    return label


def measures(rows: pl.DataFrame) -> list[Measure]:
    """Every measure with at least one year, in the annual report's order of sections."""
    found = (
        rows.group_by("measure")
        .agg(
            pl.first("label_nl"),
            pl.first("section"),
            pl.first("section_nl"),
            pl.first("definition_nl"),
            pl.col("headline_label_nl").drop_nulls().first(),
        )
        .sort("section", "label_nl", nulls_last=True)
    )
    return [
        Measure(
            r["measure"],
            r["label_nl"],
            r["section_nl"],
            r["definition_nl"],
            tuple(
                dict.fromkeys(
                    n
                    for n in (KEY_MEASURES.get(r["measure"]), r["headline_label_nl"])
                    if n and n != r["label_nl"]
                )
            ),
        )
        for r in found.iter_rows(named=True)
    ]


def _folded(text: str) -> str:
    """Lower case without accents: 'coördinatie' is found by 'coordinatie'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search(found: list[Measure], query: str) -> list[Measure]:
    """The measures that every word of `query` is in (a name or the section), best first:
    a name that starts with what was typed, then a measure in a section named so (typing
    'ontvoer' puts the abduction chapter before prevention measures that mention abduction),
    then a name that holds it, then the words apart; the annual report's order within each
    but the first, where the shortest name leads."""
    words = _folded(query).split()
    if not words:
        return list(found)
    phrase = " ".join(words)

    def rank(m: Measure) -> tuple[int, int]:
        names = [_folded(n) for n in m.names_nl]
        starting = [len(n) for n in names if n.startswith(phrase)]
        if starting:
            return 0, min(starting)  # the shortest such name is the closest: a key figure
        if phrase in _folded(m.section_nl or ""):
            return 1, 0
        if any(phrase in n for n in names):
            return 2, 0
        return 3, 0

    def matches(m: Measure) -> bool:
        text = _folded(" ".join([*m.names_nl, m.section_nl or ""]))
        return all(w in text for w in words)

    return sorted((m for m in found if matches(m)), key=rank)


def search_answer_nl(query: str, found: list[Measure]) -> str | None:
    """What the search says of its result; None when nothing was typed."""
    typed = query.strip()
    if not typed:
        return None
    if not found:
        return (
            f"Geen maat gevonden voor „{typed}”. Zoek op een woord uit de omschrijving, zoals "
            "'ontvoer', 'kinderen', 'Lijn 2' of 'mediation'; de keuzelijst toont alle maten."
        )
    count = "1 maat" if len(found) == 1 else f"{len(found)} maten"
    return f"{count} voor „{typed}”, de best passende eerst; kies er een in de keuzelijst."


def slug(text: str) -> str:
    """A file name from Dutch words: lower case, no accents, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", _folded(text)).strip("-")


def decimals(values: pl.Series) -> int:
    """0 for counts, 1 for a measure with fractions (a monthly average)."""
    return 0 if all(float(v).is_integer() for v in values.drop_nulls()) else 1


def definition_changes(rows: pl.DataFrame) -> list[tuple[int, str]]:
    """(year, what changed) for each change of definition inside the years shown: a year
    before it and the year itself must both be on the axis, else there is nothing to join."""
    if "definition_changed_year" not in rows.columns:
        return []
    years = set(rows["year"])
    found = rows.select("definition_changed_year", "definition_change_nl").unique().drop_nulls()
    return sorted(
        (year, what)
        for year, what in found.iter_rows()
        if any(y < year for y in years) and any(y >= year for y in years)
    )


def withheld(
    rows: pl.DataFrame, same_days: pl.DataFrame, publication: Publication | None
) -> set[str]:
    """Publication mode: the measures not shown, because a year of theirs (or its same days)
    is a count of 1 to 4, or hides one as a complement: every year and measure is one
    released set, with the sums between measures (`annual.measures_release`)."""
    if publication is None:
        return set()
    from dashboard.reports.annual import measures_release

    periods: dict[Hashable, dict[str, float | None]] = {}
    for frame, kind in ((rows, "jaar"), (same_days, "zelfde dagen")):
        for r in frame.iter_rows(named=True):
            periods.setdefault((r["year"], kind), {})[r["measure"]] = r["value"]
    release = measures_release(periods, publication, "trends")
    return {measure for measure, _ in release.hidden}


def withheld_note(count: int) -> str:
    return (
        f"Publicatiemodus: {count} {'maat staat' if count == 1 else 'maten staan'} hier niet, "
        "omdat een jaar ervan onder de 5 komt of zo'n aantal zou verraden."
    )


def table(rows: pl.DataFrame) -> pl.DataFrame:
    """One measure's years for the table and the download, newest first."""
    return (
        rows.with_columns(kind_nl=pl.col("kind").replace_strict(SHORT_KINDS))
        .select(
            "year",
            "label_nl",
            "value",
            "kind_nl",
            "computed_value",
            "published_value",
            "published_source",
            "difference",
            "status",
        )  # fmt: skip
        .sort("year", descending=True)
    )


DOWNLOAD_HEADERS = {
    "year": "jaar",
    "section_nl": "hoofdstuk",
    "label_nl": "omschrijving",
    "value": "getoond",
    "kind_nl": "bron",
    "computed_value": "berekend",
    "published_value": "jaarverslag",
    "published_source": "bron jaarverslag",
    "difference": "verschil",
    "status": "status",
}


def download(rows: pl.DataFrame) -> pl.DataFrame:
    """Every measure and year, with Dutch headers: what the page shows, for a spreadsheet."""
    return (
        rows.with_columns(kind_nl=pl.col("kind").replace_strict(KINDS))
        .sort("section", "label_nl", "year", nulls_last=True)
        .select(list(DOWNLOAD_HEADERS))
        .rename(DOWNLOAD_HEADERS)
    )
