"""The one owner of the DuckDB connection: creates the views of `queries/` and runs reports.

Views are made once per connection, layer by layer (sources -> staging -> marts); pages only
run the named, parameterised SELECTs in `queries/reports/`, each on a cursor of its own
because a DuckDB connection is not thread-safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from dashboard.paths import QUERIES_DIR

VIEW_LAYERS = ("sources", "staging", "marts")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")


class ReportError(RuntimeError):
    """A report was asked for that does not exist, or without the parameters it needs."""


@cache
def report_sql(name: str) -> str:
    path = QUERIES_DIR / "reports" / f"{name}.sql"
    if not path.is_file():
        raise ReportError(f"onbekend rapport: {name}")
    return path.read_text(encoding="utf-8")


def view_files() -> list[Path]:
    return [p for layer in VIEW_LAYERS for p in sorted((QUERIES_DIR / layer).glob("*.sql"))]


def report_names() -> list[str]:
    return sorted(p.stem for p in (QUERIES_DIR / "reports").glob("*.sql"))


@dataclass
class Database:
    data_dir: Path
    reference_root: Path
    # Where imported published figures live ('reference/published-imported-report.csv').
    data_home: Path | None = None
    con: duckdb.DuckDBPyConnection = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.con = duckdb.connect(":memory:")
        # Views name their files relative to these folders ('cases/*.parquet',
        # 'reference/countries.parquet'), so no SQL is ever templated with a path.
        folders = (
            self.data_dir,
            self.reference_root,
            *([self.data_home] if self.data_home else []),
        )
        search_path = ",".join(str(p.resolve()) for p in folders)
        self.con.execute("SET GLOBAL file_search_path = " + _quote(search_path))
        self._create_views()

    def _create_views(self) -> None:
        pending = view_files()
        # A view may read another of its own layer; create in dependency order by retrying
        # whatever failed on a missing relation until a round makes no progress.
        while pending:
            failed: list[tuple[Path, Exception]] = []
            for path in pending:
                sql = path.read_text(encoding="utf-8").strip().rstrip(";")
                try:
                    self.con.execute(f'CREATE OR REPLACE VIEW "{path.stem}" AS\n{sql}')
                except duckdb.CatalogException as exc:
                    failed.append((path, exc))
            if len(failed) == len(pending):
                path, exc = failed[0]
                raise RuntimeError(f"view {path.stem} ({path}) kan niet worden gemaakt: {exc}")
            pending = [p for p, _ in failed]

    def run(self, name: str, **params: Any) -> pl.DataFrame:
        """Run the report `queries/reports/<name>.sql` with its `$parameters`."""
        sql = report_sql(name)
        needed = set(PARAMETER.findall(sql))
        missing = needed - params.keys()
        if missing:
            raise ReportError(f"rapport {name} mist parameter(s): {', '.join(sorted(missing))}")
        cursor = self.con.cursor()
        try:
            return cursor.sql(sql, params={k: params[k] for k in needed}).pl()
        finally:
            cursor.close()

    def query_view(self, view: str) -> pl.DataFrame:
        """Every row of one view; for tests and the figures command, not for pages."""
        if view not in {p.stem for p in view_files()}:
            raise ReportError(f"onbekende view: {view}")
        cursor = self.con.cursor()
        try:
            return cursor.sql(f'SELECT * FROM "{view}"').pl()
        finally:
            cursor.close()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def open_database(
    data_dir: Path | None = None,
    reference_root: Path | None = None,
    data_home: Path | None = None,
) -> Database:
    from dashboard.settings import settings

    s = settings()
    return Database(
        data_dir or s.data_dir, reference_root or s.reference_root, data_home or s.data_home
    )
