"""Meerjarige trends: any measure of the annual report's vocabulary, year by year.

The rows come from the report `trend_measures` (one per year x measure): a year the export
covers carries the computed value, a year only an annual report covers its published value,
marked 'jaarverslag'; where both exist and differ the computed value is shown and the
published one drawn beside it. This module shapes those rows for the page and draws them.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

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


@dataclass(frozen=True)
class Measure:
    measure: str
    label_nl: str
    section_nl: str | None
    definition_nl: str | None = None

    @property
    def choice_nl(self) -> str:
        label = searchable(self.label_nl)
        return f"{self.section_nl} · {label}" if self.section_nl else label


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
        )
        .sort("section", "label_nl", nulls_last=True)
    )
    return [
        Measure(r["measure"], r["label_nl"], r["section_nl"], r["definition_nl"])
        for r in found.iter_rows(named=True)
    ]


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
    "measure": "maat",
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
        .select(list(DOWNLOAD_HEADERS))
        .sort("measure", "year")
        .rename(DOWNLOAD_HEADERS)
    )
