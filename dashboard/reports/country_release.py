"""The country counts of /landen and the lecture as one released set: every country's cases
and children per list, each list's total (published in the annual report), and the split by
the HKOV flag, which adds up the same countries again. Protected one by one, a country the
table hides could be the split's total less the countries it shows."""

from __future__ import annotations

from collections.abc import Hashable

import polars as pl

from dashboard.disclosure import Release
from dashboard.publication import Publication

LISTS = ("threat", "outgoing", "incoming")
MEASURES = ("cases", "children")
# the split's directions and the list of the table that counts the same cases
DIRECTIONS = {"uitgaand": "outgoing", "inkomend": "incoming"}


def listed(by_country: pl.DataFrame) -> pl.DataFrame:
    """The countries with a case on any list (the rows of the country table)."""
    if by_country.is_empty():
        return by_country
    return by_country.filter(
        (pl.col("threat_cases") + pl.col("outgoing_cases") + pl.col("incoming_cases")) > 0
    )


def country_key(country: str, column: str) -> Hashable:
    return ("landen", country, column)


def split_key(direction_nl: str, hkov_nl: str, measure: str) -> Hashable:
    return ("landen", "hkov", direction_nl, hkov_nl, measure)


def country_release(
    by_country: pl.DataFrame, split: pl.DataFrame, publication: Publication
) -> Release:
    """The one set; built again from the same frames it decides the same (see `disclosure`)."""
    release = Release("landen", publication.threshold, publication.min_denominator)
    rows = listed(by_country)
    for which in LISTS:
        for m in MEASURES:
            column = f"{which}_{m}"
            if column not in rows.columns:
                continue
            for country, value in zip(rows["country_nl"], rows[column], strict=True):
                release.cell(country_key(country, column), value)
            total = release.cell(country_key("totaal", column), int(rows[column].sum()), fixed=True)
            release.relate(total, (country_key(c, column) for c in rows["country_nl"]))
    if split.is_empty():
        return release
    for m in MEASURES:
        for direction, part in split.group_by("direction_nl", maintain_order=True):
            d = direction[0]
            groups = dict(zip(part["hkov_nl"], part[m], strict=True))
            for group, value in groups.items():
                release.cell(split_key(d, group, m), value)
            total = release.cell(split_key(d, "totaal", m), sum(groups.values()))
            release.relate(total, (split_key(d, g, m) for g in groups))
            _tie_to_countries(release, rows, d, groups, m)
    return release


def _tie_to_countries(
    release: Release, rows: pl.DataFrame, direction: str, groups: dict, measure: str
) -> None:
    """A group of the split is the sum of its countries on the table's list, where the
    numbers say so (a country whose cases carry both flags breaks it: then no sum is
    assumed)."""
    column = f"{DIRECTIONS.get(direction, '')}_{measure}"
    if column not in rows.columns:
        return
    for group, value in groups.items():
        members = rows.filter(pl.col("hkov_nl") == group.replace("-land", ""))
        if not members.is_empty() and int(members[column].sum()) == value:
            release.relate(
                split_key(direction, group, measure),
                (country_key(c, column) for c in members["country_nl"]),
            )


def split_texts(release: Release, split: pl.DataFrame) -> dict[tuple[str, str], str]:
    """The split's numbers as released, keyed (direction · group, "cases"/"children")."""
    return {
        (f"{r['direction_nl']} · {r['hkov_nl']}", m): release.text(
            split_key(r["direction_nl"], r["hkov_nl"], m)
        )
        for m in MEASURES
        for r in split.iter_rows(named=True)
    }


def table_texts(release: Release, table: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """`table`'s count `columns` as released text."""
    return table.with_columns(
        pl.Series(c, [release.text(country_key(n, c)) for n in table["country_nl"]],
                  dtype=pl.String)
        for c in columns
    )  # fmt: skip
