"""/gegevens: the upload, the last import and the import log, on a data home of its own."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import polars as pl
import pytest
from gegevens_support import SUMMER, WINTER

from dashboard.importer import log
from dashboard.importer.log import LastImport
from dashboard.reports import data_status


def test_dutch_time_needs_no_system_time_zone_data() -> None:
    """A machine without /usr/share/zoneinfo still has the rules: the tzdata package."""
    try:
        zoneinfo.reset_tzpath(to=[])
        zoneinfo.ZoneInfo.clear_cache()
        zone = zoneinfo.ZoneInfo("Europe/Amsterdam")
        assert SUMMER.astimezone(zone).utcoffset() == dt.timedelta(hours=2)
    finally:
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache()


@pytest.mark.parametrize(
    "when, shown",
    [
        (WINTER, "23-11-2026 09:15"),
        (SUMMER, "01-07-2026 10:15"),
        # the clocks go forward at 01:00 UTC on the last Sunday of March, back on October's
        (dt.datetime(2026, 3, 29, 0, 59, tzinfo=dt.UTC), "29-03-2026 01:59"),
        (dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC), "29-03-2026 03:00"),
        (dt.datetime(2026, 10, 25, 0, 59, tzinfo=dt.UTC), "25-10-2026 02:59"),
        (dt.datetime(2026, 10, 25, 1, 0, tzinfo=dt.UTC), "25-10-2026 02:00"),
        # a log line without a zone is UTC, as the import writes it
        (dt.datetime(2026, 11, 23, 8, 15), "23-11-2026 09:15"),
    ],
)
def test_log_times_are_shown_in_dutch_time(when, shown) -> None:
    assert log.when_nl(when) == shown


def test_export_facts_name_demo_data_and_where_they_were_extrapolated() -> None:
    meta = {
        "source": "demo",
        "data_until": dt.date(2026, 11, 22),
        "export_date": dt.date(2026, 11, 23),
        "is_demo": True,
        "extrapolated_from": dt.date(2026, 1, 1),
    }
    assert data_status.facts_markdown(data_status.export_facts(meta)) == (
        "- **Bron:** demo\n"
        "- **Gegevens tot en met:** 22 november 2026\n"
        "- **Export gemaakt op:** 23 november 2026\n"
        "- **Soort gegevens:** demonstratiegegevens\n"
        "- **Doorgetrokken vanaf:** 1 januari 2026"
    )
    real = data_status.export_facts({**meta, "is_demo": False, "extrapolated_from": None})
    assert real["Soort gegevens"] == "echte export"
    assert "Doorgetrokken vanaf" not in real


def test_import_facts_in_dutch_time_with_the_version_and_rows() -> None:
    last = LastImport(
        who="Beheerder",
        when=WINTER,
        kind="export",
        outcome="published",
        version="v7",
        rows_by_table={"cases": 1234, "contacts": 56},
        errors=0,
        warnings=2,
    )
    assert data_status.import_facts(last) == {
        "Wie": "Beheerder",
        "Wanneer": "23-11-2026 09:15",
        "Soort": "export",
        "Uitkomst": "gepubliceerd (versie v7)",
        "Fouten": "0",
        "Waarschuwingen": "2",
    }
    assert data_status.rows_by_table_text(last) == "cases 1.234, contacts 56"
    rejected = LastImport(who="x", when=WINTER, kind="export", outcome="rejected", version=None)
    assert data_status.import_facts(rejected)["Uitkomst"] == "afgewezen"
    assert data_status.rows_by_table_text(rejected) is None


def test_import_log_caption_counts_the_imports() -> None:
    assert data_status.import_log_caption(pl.DataFrame({"who": ["x"]})) == (
        "De enige import tot nu toe."
    )
    assert data_status.import_log_caption(pl.DataFrame({"who": ["x"] * 1200})) == (
        "De laatste 1.200 imports, de nieuwste bovenaan."
    )
