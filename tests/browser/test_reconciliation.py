"""Every published 2024/2025 figure against the figure computed from the demo data.

One test per measure, so a failure names the measure. The embedded demo data is calibrated
on the annual report; a difference here is a wrong number on a slide.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from reconciliation_support import KNOWN_CONTRADICTIONS, NOT_IN_EXPORT, PUBLISHED

from dashboard.paths import REPO_ROOT


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
