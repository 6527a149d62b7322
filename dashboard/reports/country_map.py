"""The world map of the countries: which countries the shipped outlines can draw, and what
the map says of those it cannot.

What is said of the rows, no Plotly, no Streamlit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

import polars as pl

from dashboard.paths import STATIC_DIR
from dashboard.publication import Publication
from dashboard.reports.countries import COUNTING_NOTE, Period, count_text

# Served by Streamlit at /app/static/ (server.enableStaticServing); plotly.js asks for
# <topojsonURL>world_110m.json (scope "world", resolution 110).
TOPOJSON_FILE = STATIC_DIR / "topojson" / "world_110m.json"
TOPOJSON_URL = "/app/static/topojson/"
MAP_CONFIG = {"topojsonURL": TOPOJSON_URL}

# The counts the world map can show, and what it calls them.
MAP_VALUES = {
    "outgoing_cases": "uitgaande ontvoeringszaken",
    "threat_cases": "zaken met dreiging",
    "incoming_cases": "inkomende ontvoeringszaken",
}


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


def map_note(
    df: pl.DataFrame,
    value: str,
    outlines: Iterable[str],
    period: Period,
    publication: Publication | None = None,
) -> str:
    """What the map of `value` leaves grey, and the countries with cases it cannot draw."""
    count = count_text(publication)
    missing = not_on_map(df, value, outlines)
    note = f"{COUNTING_NOTE} Grijs: geen zaken in {period.label}."
    if missing.height:
        named = ", ".join(
            f"{r['country_nl']} ({count(r[value])})" for r in missing.iter_rows(named=True)
        )
        note += f" Te klein voor deze kaart of zonder vorm erop: {named}."
    return note
