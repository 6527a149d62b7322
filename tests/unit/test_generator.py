"""The demo generator: deterministic, reproducible from the repository, and shaped like the
centre's real work (working days, holiday peaks, the published country rankings)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard.demo.generator import generate


def test_data_up_to_the_day_asked_and_2026_marked_extrapolated():
    tables = generate(dt.date(2026, 2, 15))
    meta = tables["export_meta"].row(0, named=True)
    assert meta["is_demo"] and meta["extrapolated_from"] == dt.date(2026, 1, 1)
    assert tables["cases"]["opened_date"].max() <= dt.date(2026, 2, 15)
    assert tables["contacts"]["contact_date"].max() <= dt.date(2026, 2, 15)
    assert tables["cases"]["opened_date"].min() >= dt.date(2024, 1, 1)
    # data up to a day is a prefix of data up to a later day: earlier figures never move
    later = generate(dt.date(2026, 3, 15))["cases"]
    early = tables["cases"].filter(pl.col("opened_date") < dt.date(2026, 1, 1))
    assert (
        early["case_id"]
        .sort()
        .equals(later.filter(pl.col("opened_date") < dt.date(2026, 1, 1))["case_id"].sort())
    )


def test_refuses_a_period_without_the_calibrated_years():
    with pytest.raises(ValueError, match="2025-12-31"):
        generate(dt.date(2025, 6, 30))
