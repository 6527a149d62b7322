"""A hand-made export of a few rows, with exactly the demo export's columns and types, for
tests that need to know every row (a leap day, a cut-off day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from dashboard.db import Database
from dashboard.paths import DATA_ROOT, DEMO_DIR


def case(
    case_id: str,
    opened: dt.date,
    closed: dt.date | None = None,
    *,
    line: int = 2,
    code: str = "abduction",
    by: str = "mother",
    country: str | None = None,
) -> dict:
    return {
        "case_id": case_id, "family_id": "G" + case_id[1:], "opened_date": opened,
        "closed_date": closed, "line": line, "category_code": code, "contacted_by": by,
        "parent_role": None, "acting_person": None, "direction": None, "country_iso2": country,
        "hkov_registered": None, "children_count": 1, "conflict_case": False,
    }  # fmt: skip


def contact(contact_id: str, case_id: str, day: dt.date) -> dict:
    return {
        "contact_id": contact_id, "case_id": case_id, "contact_date": day, "channel": "phone",
        "person_type": "parent",
    }  # fmt: skip


def mediation(
    mediation_id: str,
    received: dt.date,
    *,
    kind: str = "IKO",
    started: dt.date | None = None,
    ended: dt.date | None = None,
    outcome: str | None = None,
) -> dict:
    return {
        "mediation_id": mediation_id, "case_id": None, "received_date": received,
        "mediation_type": kind, "started": started is not None, "not_started_reason": None,
        "start_date": started, "stopped_after_intake": False, "outcome": outcome,
        "end_date": ended, "child_interviews": 0, "children_heard": 0,
        "special_guardian_appointed": False, "special_guardian_children": 0,
    }  # fmt: skip


def write_table(root: Path, table: str, rows: Sequence[dict]) -> None:
    schema = pl.read_parquet_schema(DEMO_DIR / table / f"{table}.parquet")
    (root / table).mkdir(parents=True)
    pl.DataFrame(list(rows), schema=schema, orient="row").write_parquet(
        root / table / f"{table}.parquet"
    )


def tiny_export(
    root: Path,
    data_until: dt.date,
    cases: Sequence[dict],
    contacts: Sequence[dict] = (),
    mediations: Sequence[dict] = (),
) -> Database:
    write_table(root, "cases", cases)
    write_table(root, "contacts", contacts)
    write_table(root, "children", [])
    write_table(root, "mediations", mediations)
    write_table(
        root,
        "export_meta",
        [{"export_date": data_until + dt.timedelta(days=1), "data_until": data_until,
          "is_demo": True, "extrapolated_from": None, "source": "test"}],
    )  # fmt: skip
    return Database(root, DATA_ROOT)


def equal_days(frame: pl.DataFrame, column: str, year: int, until: dt.date) -> pl.DataFrame:
    """The rows of `year` on or before the calendar day of `until`: an independent count of
    'the same period' for tests (month and day compared as a pair, not as SQL does it)."""
    day = pl.col(column)
    return frame.filter(
        (day.dt.year() == year)
        & (
            (day.dt.month() < until.month)
            | ((day.dt.month() == until.month) & (day.dt.day() <= until.day))
        )
    )
