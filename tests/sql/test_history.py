"""Ten years of demo history (`iko-dashboard demo --since 2015`): the export of the old
registration imports, 2020 gives the 2020 report's figures, and every page renders it."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from history_support import SINCE

from dashboard.db import Database
from dashboard.paths import DATA_ROOT


def test_2020_gives_the_2020_report(history_home: Path) -> None:
    db = Database(history_home / "current", DATA_ROOT, history_home)
    rows = db.run("trend_measures").filter(year=2020)
    status = dict(zip(rows["measure"], rows["status"], strict=True))
    for measure in (
        "cases.line1.def2020", "cases.line2.def2020", "prevention.cases.parents",
        "abduction.cases", "abduction.children.age_under_6", "abduction.hague.cases",
        "access.cases.def2020", "line1.def2020.general_advice", "mediation.successful.def2020",
        "cases.line2.def2020.open_from_earlier_years", "cases.line2.def2020.carried_to_next_year",
        "mediation.running_at_year_end", "mediation.started.next_year",
    ):  # fmt: skip
        assert status[measure] == "gelijk", measure
    # every printed figure of 2017-2020 is met, but where the report contradicts itself or
    # rounds: 4.059 + 2.976 is 7.035, not 7.034; 39 of 152 is 25,7 %, printed 'ruim 25 %'
    differing = db.run("trend_measures").filter(
        pl.col("status") == "verschil", pl.col("year") < 2024
    )
    assert sorted(zip(differing["year"], differing["measure"], strict=True)) == [
        (2020, "abduction.taking_parent.father.share_pct"),
        (2020, "contacts.total"),
    ]
    years = db.run("trend_measures").filter(measure="cases.total")
    assert years["year"].to_list() == list(range(SINCE, 2027))
    assert set(years.filter(pl.col("year") < 2024)["kind"]) == {"gegevens"}
