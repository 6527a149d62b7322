"""The country page (issue #5): threat against abduction per country.

The reports run on real DuckDB: over the demo export against the annual report 2025 (values
read from data/reference, never retyped), and over a small export made here with given rows
and expected results. The page runs in AppTest; the map in a real Chromium with every request
to another host blocked.
"""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.charts import countries as countries_charts
from dashboard.reports import countries, country_map
from dashboard.reports.countries import Period

# -- pure helpers ---------------------------------------------------------------------------


def test_period():
    assert Period.ending(2025).previous == Period(year_from=2024, year_to=2024)
    assert Period.ending(2026, 2).previous == Period(year_from=2023, year_to=2024)
    assert Period.ending(2026, 2).label == "2025–2026"
    with pytest.raises(ValueError):
        Period(year_from=2026, year_to=2025)


def test_map_outlines_and_countries_without_a_shape():
    outlines = country_map.map_outline_iso3()
    assert len(outlines) > 150 and {"NLD", "MAR", "POL"} <= outlines
    df = pl.DataFrame(
        {
            "country_nl": ["Polen", "Curaçao", "Kosovo", "Aruba"],
            "country_iso3": ["POL", "CUW", None, "ABW"],
            "outgoing_cases": [3, 2, 1, 0],
        }
    )
    missing = country_map.not_on_map(df, "outgoing_cases", outlines)
    assert missing["country_nl"].to_list() == ["Curaçao", "Kosovo"]
    fig = countries_charts.country_map_figure(df, "outgoing_cases", "zaken", outlines)
    assert list(fig.data[1].locations) == ["POL"]
    assert fig.layout.geo.lonaxis.range == (-180, 180)


def test_csv_download_has_dutch_headers_for_excel():
    df = pl.DataFrame({"country_nl": ["Marokko"], "threat_cases": [38]})
    data = countries.table_for_download(df, {"country_nl": "Land", "threat_cases": "Zaken"})
    assert data.decode("utf-8") == "\ufeffLand;Zaken\nMarokko;38\n"


def test_the_hkov_split_and_the_country_table_are_protected_together():
    """Table and split apart: the table hides B's 3 and, for its column total, D's 7; the
    split's "HKOV 23" then gives B away (23 - 20). Decided as one set, it does not."""
    from dashboard.disclosure import exposed
    from dashboard.publication import Publication
    from dashboard.reports.country_release import country_key, country_release, split_texts

    zeros = {f"{w}_{m}": [0] * 4 for w in ("threat", "incoming") for m in ("cases", "children")}
    by_country = pl.DataFrame(
        {
            "country_nl": ["A", "B", "C", "D"],
            "hkov_nl": ["HKOV", "HKOV", "geen HKOV", "geen HKOV"],
            "outgoing_cases": [20, 3, 10, 7],
            "outgoing_children": [20, 3, 10, 7],
            **zeros,
        }
    )
    split = pl.DataFrame(
        {
            "direction_nl": ["uitgaand", "uitgaand"],
            "hkov_nl": ["HKOV-land", "geen HKOV-land"],
            "cases": [23, 17],
            "children": [23, 17],
        }
    )
    release = country_release(by_country, split, Publication())
    assert release.text(country_key("B", "outgoing_cases")) == "<5"
    assert exposed([release]) == []
    shown = split_texts(release, split)
    a = release.text(country_key("A", "outgoing_cases"))
    assert not (a == "20" and shown[("uitgaand · HKOV-land", "cases")] == "23")
