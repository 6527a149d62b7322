"""The stored layers: computed once per data version into a DuckDB file that any number of app
processes open read-only, with the same rows as the views they replace."""

from __future__ import annotations

from dashboard import db


def test_relations_over_imported_figures_stay_live():
    live = db.live_relations()
    assert {"src_published_figures", "stg_published_figures", "mart_measures_by_source"} <= live
    assert not live & {r.name for r in db.stored_relations()}
    assert "mart_annual_measures" in {r.name for r in db.stored_relations()}
