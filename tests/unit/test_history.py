"""Ten years of demo history (`iko-dashboard demo --since 2015`): the export of the old
registration imports, 2020 gives the 2020 report's figures, and every page renders it."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.demo.generator import generate
from dashboard.demo.history import with_history


def test_history_leaves_the_calibrated_years_untouched() -> None:
    plain = generate(dt.date(2025, 12, 31))
    both = with_history(plain, 2022)
    for name, df in plain.items():
        if name == "export_meta":
            continue
        tail = both[name].tail(df.height)
        assert tail.equals(df), name
        assert both[name].height > df.height, name
    cases = both["cases"]
    old = cases.filter(pl.col("opened_date") < dt.date(2024, 1, 1))
    # the old registration: third parties' cases of other codes in Lijn 1, retired codes
    assert old.filter((pl.col("line") == 1) & (pl.col("category_code") != "holiday_consent")).height
    assert "general_advice" in set(old["category_code"])
    assert "general_advice" not in set(
        cases.filter(pl.col("opened_date") >= dt.date(2024, 1, 1))["category_code"]
    )
    assert cases["case_id"].is_unique().all()
