"""The table of all countries: cases, children and places per list, as the staff see it and
as it is published, and the file with every column apart.

What is said of the rows, no Plotly, no Streamlit: the page turns the columns described here
into its table widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from dashboard.format import MISSING, date_nl, number
from dashboard.publication import Publication
from dashboard.reports.countries import (
    COUNTING_NOTE,
    Period,
    cases_with_place,
    published_places,
    table_count_text,
    with_places,
)
from dashboard.reports.country_release import country_release, table_texts

LISTS_NL = (("threat", "Dreiging"), ("outgoing", "Uitgaand"), ("incoming", "Inkomend"))


@dataclass(frozen=True)
class TableColumn:
    """A column as the table shows it: its Dutch header and how its values are written."""

    header: str
    text: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class CountryTable:
    """`rows` with the columns of each tab, and `all_columns`: the file with cases, children
    and place each in a column of its own, under Dutch headers."""

    rows: pl.DataFrame
    cases: dict[str, TableColumn]
    children: dict[str, TableColumn]
    all_columns: pl.DataFrame


def _previous_place(rank: int | None) -> str:
    text = number(rank)
    return text if text == MISSING else f"plaats {text}"


def _download_headers(previous: Period, with_previous: bool) -> dict[str, str]:
    headers = {"country_iso2": "landcode", "country_nl": "Land", "hkov_nl": "HKOV"}
    for which, name in LISTS_NL:
        headers |= {
            f"{which}_cases": f"{name}: zaken",
            f"{which}_children": f"{name}: kinderen",
            f"{which}_place": f"{name}: plaats",
        }
    if with_previous:
        headers |= {
            "previous_threat_rank": f"Dreiging: plaats {previous.label}",
            "previous_outgoing_rank": f"Uitgaand: plaats {previous.label}",
        }
    return headers | {"hkov_source_nl": "HKOV volgens"}


def _staff_columns(table: pl.DataFrame, previous: Period, compare: bool) -> dict:
    # Cases and place share a cell ("38 (1)") and the children have a tab of their own:
    # thirteen columns side by side ran off a 1600 px screen.
    columns = {"country_nl": TableColumn("Land"), "hkov_nl": TableColumn("HKOV")}
    for which, name in LISTS_NL:
        columns[f"{which}_cases"] = TableColumn(name, cases_with_place(table, which))
    if compare:
        columns["previous_threat_rank"] = TableColumn(f"Dreiging {previous.label}", _previous_place)
        columns["previous_outgoing_rank"] = TableColumn(
            f"Uitgaand {previous.label}", _previous_place
        )
    return columns


def _published(
    table: pl.DataFrame, by_country: pl.DataFrame, split: pl.DataFrame, publication: Publication
) -> pl.DataFrame:
    # hidden counts, one shared place for them, no earlier places (counted on other numbers);
    # decided with the column totals (jaarverslag) and the HKOV split, which add them up
    release = country_release(by_country, split, publication)
    columns = [f"{which}_{what}" for which, _ in LISTS_NL for what in ("cases", "children")]
    return table_texts(release, published_places(table, publication), columns)


def country_table(
    by_country: pl.DataFrame,
    period: Period,
    compare: bool,
    publication: Publication | None = None,
    split: pl.DataFrame | None = None,
) -> CountryTable:
    """Every country with a case in `period` (rows of `threat_vs_abduction_by_country`);
    `compare` says whether the data cover the previous period (its places are then shown,
    except in publication mode)."""
    table = with_places(by_country).filter(
        (pl.col("threat_cases") + pl.col("outgoing_cases") + pl.col("incoming_cases")) > 0
    )
    if publication is None:
        cases = _staff_columns(table, period.previous, compare)
    else:
        table = _published(table, by_country, pl.DataFrame() if split is None else split,
                           publication)  # fmt: skip
        cases = {
            "country_nl": TableColumn("Land"),
            "hkov_nl": TableColumn("HKOV"),
            **{f"{which}_cases": TableColumn(name) for which, name in LISTS_NL},
            **{f"{which}_place": TableColumn(f"{name}: plaats") for which, name in LISTS_NL[:2]},
        }
    children_text = table_count_text(publication)
    children = {
        "country_nl": TableColumn("Land"),
        **{f"{which}_children": TableColumn(name, children_text) for which, name in LISTS_NL},
    }
    headers = _download_headers(period.previous, compare and publication is None)
    all_columns = table.select([pl.col(c).alias(h) for c, h in headers.items()])
    return CountryTable(table, cases, children, all_columns)


def table_note(by_country: pl.DataFrame, period: Period, compare: bool) -> str:
    """What the country table counts, and where its HKOV flag comes from."""
    reference_day = date_nl(by_country["hkov_reference_date"][0])
    return (
        f"{COUNTING_NOTE} Per lijst het aantal zaken, tussen haakjes de plaats op die lijst (9= "
        "is een gedeelde plaats)"
        + (f"; bij {period.previous.label} de plaats toen" if compare else "")
        + ". Kinderen: de kinderen in die zaken. HKOV: de vlag op de zaken van het land; zonder "
        f"zaak met een vlag de verdragslijst per {reference_day}. 'wisselend': de vlag verschilt "
        "tussen zaken (het verdrag trad in de periode in werking). De download met alle kolommen "
        "heeft zaken, kinderen en plaats elk in een eigen kolom."
    )
