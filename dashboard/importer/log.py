"""The import log read for people: the last import in full and the recent ones as a table.

The log is JSON lines in the data home (`publish.read_log`), outside the data directory the
views read, so it is read here in Python and not through DuckDB. It keeps UTC; people read
Dutch time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from dashboard.importer import import_log, publish
from dashboard.importer.read import printable

OUTCOME_NL = {"published": "gepubliceerd", "unchanged": "niets veranderd", "rejected": "afgewezen"}
KIND_NL = {"export": "export", "published-figures": "gepubliceerde jaarcijfers"}
RECENT = 20
DUTCH_ZONE = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class LastImport:
    who: str
    when: dt.datetime
    kind: str  # "export" or "published-figures"
    outcome: str
    version: str | None
    rows_by_table: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0
    error_lines: tuple[str, ...] = ()
    warning_lines: tuple[str, ...] = ()

    @property
    def outcome_nl(self) -> str:
        return OUTCOME_NL.get(self.outcome, self.outcome)

    @property
    def kind_nl(self) -> str:
        return KIND_NL.get(self.kind, self.kind)


def dutch_time(when: dt.datetime) -> dt.datetime:
    """The time on a Dutch clock at an instant (a time without zone is taken as UTC).

    The zone rules come from the system or, where it has none, the `tzdata` package."""
    utc = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    return utc.astimezone(DUTCH_ZONE)


def when_nl(when: dt.datetime) -> str:
    """'23-11-2026 09:15' for 08:15 UTC: Dutch time, winter or summer, as the clock shows."""
    return f"{dutch_time(when):%d-%m-%Y %H:%M}"


def last_import(data_home: Path) -> LastImport | None:
    records = publish.read_log(data_home)
    if not records:
        return None
    r = records[-1]
    return LastImport(
        who=printable(r.get("who") or "onbekend"),
        when=dt.datetime.fromisoformat(r["when"]),
        kind=r.get("kind", "export"),
        outcome=r["outcome"],
        version=r.get("version"),
        rows_by_table=dict(r.get("rows_by_table") or {}),
        errors=r.get("errors", 0),
        warnings=r.get("warnings", 0),
        error_lines=tuple(r.get("error_lines", ())),
        warning_lines=tuple(r.get("warning_lines", ())),
    )


def recent_imports(data_home: Path, limit: int = RECENT) -> pl.DataFrame:
    """The last `limit` imports, newest first, with the outcome in Dutch (`outcome_nl`)."""
    return (
        import_log(data_home)
        .head(limit)
        .with_columns(
            when_nl=pl.col("when").map_elements(
                lambda w: when_nl(dt.datetime.fromisoformat(w)), return_dtype=pl.String
            ),
            outcome_nl=pl.col("outcome").replace_strict(
                OUTCOME_NL, default=pl.col("outcome"), return_dtype=pl.String
            ),
        )
    )
