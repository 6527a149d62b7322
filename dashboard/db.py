"""The one owner of the DuckDB connection: the relations of `queries/` and the reports over them.

The staging and mart layers are computed once per data version, not once per query: they are
materialised as tables, in a DuckDB file beside a published version (built when it is
published, `build_marts`) or, for data that was never published (the embedded demo, a folder
named by IKO_DATA_DIR), in a cache file in the data home made on first use. Any number of
processes open such a file read-only. Sources stay views over the Parquet files, and so does
every relation that reads imported annual figures (`LIVE_SOURCES`): those change without a
new data version. Pages only run the named, parameterised SELECTs in `queries/reports/`, each
on a cursor of its own because a DuckDB connection is not thread-safe.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import uuid
from dataclasses import dataclass, field
from functools import cache
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from dashboard.paths import QUERIES_DIR

VIEW_LAYERS = ("sources", "staging", "marts")
# Layers whose relations are stored as tables in the marts file.
STORED_LAYERS = ("staging", "marts")
# Read files that change without a new data version (annual figures imported into the data
# home): these, and everything built on them, are always computed at query time.
LIVE_SOURCES = frozenset({"src_published_figures"})
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")
MARTS_PREFIX = "marts-"
MARTS_SCHEMA = "marts"
TEMP_PREFIX = ".tmp-"
# What a build may hold in memory before DuckDB spills to disk (a 100x export fits in less).
BUILD_MEMORY_LIMIT = "1GB"
# What the app's connection may hold. DuckDB's default (80 % of the machine) lets it keep the
# blocks of every report's scan and hash table: +230 MB for caseload at 100x, which a server
# serving many sessions carries for good. Reports are aggregates over the stored marts; at 100x
# they run in this limit as fast as without (`scripts/bench.py`), and what does not fit spills.
APP_MEMORY_LIMIT = "128MB"


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


@dataclass(frozen=True)
class Relation:
    name: str
    layer: str
    sql: str
    depends_on: frozenset[str]


@cache
def relations() -> dict[str, Relation]:
    """Every relation of the view layers, in dependency order (a relation after what it reads)."""
    files = view_files()
    names = {p.stem for p in files}
    found = {}
    for path in files:
        sql = path.read_text(encoding="utf-8").strip().rstrip(";")
        code = _COMMENT.sub("", sql)
        deps = frozenset(
            n for n in names if n != path.stem and re.search(rf"\b{re.escape(n)}\b", code)
        )
        found[path.stem] = Relation(path.stem, path.parent.name, sql, deps)
    order = TopologicalSorter({n: r.depends_on for n, r in found.items()}).static_order()
    return {n: found[n] for n in order}


@cache
def live_relations() -> frozenset[str]:
    """The live sources and every relation that reads one, directly or not."""
    live: set[str] = set(LIVE_SOURCES)
    for rel in relations().values():  # dependency order: what it reads is decided already
        if rel.depends_on & live:
            live.add(rel.name)
    return frozenset(live)


def _reads(sql: str) -> set[str]:
    code = _COMMENT.sub("", sql)
    return {n for n in relations() if re.search(rf"\b{re.escape(n)}\b", code)}


@cache
def stored_relations() -> list[Relation]:
    """The relations of the stored layers that a report (or a live relation) reads: these are
    kept in the marts file. What only they read is computed during the build and not kept."""
    live = live_relations()
    read = set().union(*(_reads(report_sql(n)) for n in report_names()))
    read |= set().union(*(relations()[n].depends_on for n in live))
    return [
        r
        for r in relations().values()
        if r.layer in STORED_LAYERS and r.name not in live and r.name in read
    ]


def _intermediate_relations() -> list[Relation]:
    stored = {r.name for r in stored_relations()}
    return [
        r
        for r in relations().values()
        if r.layer in STORED_LAYERS and r.name not in live_relations() and r.name not in stored
    ]


def _digest(parts: list[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


@cache
def code_fingerprint(reference_root: Path) -> str:
    """What a marts file depends on besides the export: the SQL (the reports decide what is
    kept), the reference tables, and the DuckDB version that wrote it."""
    reference = sorted((reference_root / "reference").glob("*"))
    reports = sorted((QUERIES_DIR / "reports").glob("*.sql"))
    return _digest(
        [duckdb.__version__.encode()]
        + [p.name.encode() + p.read_bytes() for p in [*view_files(), *reports]]
        + [p.name.encode() + p.read_bytes() for p in reference if p.is_file()]
    )


def export_fingerprint(data_dir: Path) -> str:
    """Names, sizes and modification times of an export's Parquet files: cheap, and any new
    export (or a regenerated demo) changes it."""
    parts = []
    for path in sorted(data_dir.glob("*/*.parquet")):
        stat = path.stat()
        parts.append(f"{path.relative_to(data_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return _digest([str(data_dir.resolve()).encode(), *parts])


def marts_file_name(reference_root: Path) -> str:
    return f"{MARTS_PREFIX}{code_fingerprint(reference_root)}.duckdb"


def marts_path(data_dir: Path, reference_root: Path, data_home: Path | None) -> Path | None:
    """Where the marts of `data_dir` live: beside a published version (it has a manifest), else
    in the data home's cache; None when there is nowhere to keep them (built in memory)."""
    name = marts_file_name(reference_root)
    if (data_dir / "manifest.json").is_file():
        return data_dir / name
    if data_home is None:
        return None
    return data_home / "cache" / f"{export_fingerprint(data_dir)}-{name}"


def _search_path(*folders: Path | None) -> str:
    return ",".join(str(p.resolve()) for p in folders if p is not None)


def _create_sources(con: duckdb.DuckDBPyConnection, *, temporary: bool) -> None:
    kind = "TEMP VIEW" if temporary else "VIEW"
    for rel in relations().values():
        if rel.layer == "sources":
            con.execute(f'CREATE OR REPLACE {kind} "{rel.name}" AS\n{rel.sql}')


def build_marts(
    target: Path, data_dir: Path, reference_root: Path, data_home: Path | None = None
) -> Path:
    """Compute the stored layers of `data_dir` into the DuckDB file `target`, under a temporary
    name renamed into place: a killed build leaves no half file, and readers see a whole one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stored = stored_relations()
    temp = target.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex}-{target.name}")
    try:
        con = duckdb.connect(str(temp))
        try:
            con.execute(f"SET memory_limit = '{BUILD_MEMORY_LIMIT}'")
            con.execute("SET preserve_insertion_order = false")
            con.execute(
                "SET file_search_path = "
                + _quote(_search_path(data_dir, reference_root, data_home))
            )
            # Sources are temporary: the file holds tables only, no view that names a path.
            _create_sources(con, temporary=True)
            intermediate = {r.name for r in _intermediate_relations()}
            for rel in relations().values():
                if rel.name in intermediate:
                    con.execute(f'CREATE TEMP TABLE "{rel.name}" AS\n{rel.sql}')
                elif rel in stored:
                    con.execute(f'CREATE TABLE "{rel.name}" AS\n{rel.sql}')
            con.execute("CHECKPOINT")
        finally:
            con.close()
        fsync(temp)
        os.replace(temp, target)
        fsync(target.parent)
    finally:
        temp.unlink(missing_ok=True)
    return target


def ensure_marts(data_dir: Path, reference_root: Path, data_home: Path | None) -> Path | None:
    """The marts file of `data_dir`, built now if it is not there yet; None if it cannot be
    kept on disk (no data home, or a folder nobody may write to)."""
    path = marts_path(data_dir, reference_root, data_home)
    if path is None:
        return None
    if not path.is_file():
        try:
            build_marts(path, data_dir, reference_root, data_home)
        except OSError:
            return None
    return path


@dataclass
class Database:
    data_dir: Path
    reference_root: Path
    # Where imported published figures live ('reference/published-imported-report.csv').
    data_home: Path | None = None
    # The file with the stored layers, opened read-only; None: computed into memory at open.
    marts_file: Path | None = None
    con: duckdb.DuckDBPyConnection = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"SET memory_limit = '{APP_MEMORY_LIMIT}'")
        # Spilled blocks go to a folder of this process (DuckDB's default is ./.tmp, wherever
        # the app was started; two processes must not share one).
        spill = Path(tempfile.gettempdir()) / f"iko-duckdb-{os.getpid()}"
        self.con.execute(f"SET temp_directory = {_quote(str(spill))}")
        # Views name their files relative to these folders ('cases/*.parquet',
        # 'reference/countries.parquet'), so no SQL is ever templated with a path.
        self.con.execute(
            "SET GLOBAL file_search_path = "
            + _quote(_search_path(self.data_dir, self.reference_root, self.data_home))
        )
        _create_sources(self.con, temporary=False)
        stored = {r.name for r in stored_relations()}
        if self.marts_file is not None:
            self.con.execute(f"ATTACH {_quote(str(self.marts_file))} AS {MARTS_SCHEMA} (READ_ONLY)")
        for rel in relations().values():
            if rel.layer == "sources":
                continue
            if rel.name in stored and self.marts_file is not None:
                self.con.execute(
                    f'CREATE VIEW "{rel.name}" AS SELECT * FROM {MARTS_SCHEMA}."{rel.name}"'
                )
            elif rel.name in stored:
                self.con.execute(f'CREATE TABLE "{rel.name}" AS\n{rel.sql}')
            else:
                self.con.execute(f'CREATE VIEW "{rel.name}" AS\n{rel.sql}')

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

    def close(self) -> None:
        self.con.close()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def fsync(path: Path) -> None:
    """Flush a file or a folder (after a rename into it) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_database(
    data_dir: Path | None = None,
    reference_root: Path | None = None,
    data_home: Path | None = None,
) -> Database:
    """The database the app uses: the stored layers from the marts file of the data version
    (built on first use when the version has none yet)."""
    from dashboard.settings import settings

    s = settings()
    data_dir = data_dir or s.data_dir
    reference_root = reference_root or s.reference_root
    data_home = data_home or s.data_home
    marts = ensure_marts(data_dir, reference_root, data_home)
    return Database(data_dir, reference_root, data_home, marts)
