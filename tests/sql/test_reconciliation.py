"""Every published 2024/2025 figure against the figure computed from the demo data.

One test per measure, so a failure names the measure. The embedded demo data is calibrated
on the annual report; a difference here is a wrong number on a slide.
"""

from __future__ import annotations

import pytest
from reconciliation_support import KNOWN_CONTRADICTIONS, NOT_IN_EXPORT, PUBLISHED


@pytest.fixture(scope="module")
def comparison(demo_db):
    db = demo_db
    rows = {}
    for year in (2024, 2025):
        for r in db.run("published_vs_computed", year=year).iter_rows(named=True):
            rows[year, r["measure"]] = r
    return rows


@pytest.mark.parametrize("row", PUBLISHED, ids=[f"{r['year']}:{r['measure']}" for r in PUBLISHED])
def test_published_measure_equals_computed(row, comparison):
    year, measure, printed = int(row["year"]), row["measure"], float(row["value"])
    got = comparison[year, measure]
    if measure in NOT_IN_EXPORT:
        assert got["computed_value"] is None
        assert got["status"] == "niet in de gegevens"
    elif (year, measure) in KNOWN_CONTRADICTIONS:
        assert got["computed_value"] == pytest.approx(KNOWN_CONTRADICTIONS[year, measure])
        assert got["status"] == "verschil", "a printed mistake must show as a difference"
    else:
        assert got["computed_value"] == printed, f"{year} {measure}"
        assert got["status"] == "gelijk"


def test_every_published_row_is_compared(comparison):
    assert len(comparison) == len(PUBLISHED)
