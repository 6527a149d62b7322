"""Every published 2024/2025 figure against the figure computed from the demo data.

One test per measure, so a failure names the measure. The embedded demo data is calibrated
on the annual report; a difference here is a wrong number on a slide.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from dashboard.db import open_database
from dashboard.paths import REFERENCE_DIR, REPO_ROOT

# Where the report contradicts itself, the data holds the underlying truth and the page must
# show the difference: (year, measure) -> what the data must give instead of the printed value.
KNOWN_CONTRADICTIONS = {
    # "gemiddelde van 126 zaken per maand" while 1.879 Lijn 2 cases / 12 months = 156,6
    (2025, "cases.line2.monthly_average"): 1879 / 12,
}
# Published in the report but not part of a case export (no table holds them).
NOT_IN_EXPORT = {"mediation.information_requests", "mediation.new_mediators"}


def published_rows() -> list[dict]:
    with (REFERENCE_DIR / "published-2025-report.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


PUBLISHED = published_rows()


@pytest.fixture(scope="module")
def comparison():
    db = open_database()
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


@pytest.mark.parametrize("year", [2024, 2025])
def test_figures_command_agrees_with_every_published_measure(year):
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.server.cli", "figures", "--year", str(year)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "measure,value"
    printed = dict(line.split(",") for line in lines[1:])
    vocabulary = {r["measure"] for r in PUBLISHED}
    assert set(printed) == vocabulary - NOT_IN_EXPORT, "figures covers the whole vocabulary"
    for r in PUBLISHED:
        if int(r["year"]) != year or r["measure"] in NOT_IN_EXPORT:
            continue
        expected = KNOWN_CONTRADICTIONS.get((year, r["measure"]), float(r["value"]))
        assert float(printed[r["measure"]]) == pytest.approx(expected, abs=0.005), r["measure"]
