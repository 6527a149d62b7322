"""The set-wise fast path of the import: the contract's rules as DuckDB checks over whole
files, out of core, and the typed tables written by DuckDB.

The fast path answers only "clean" or "not sure". Clean: no rule of `validate` has anything to
say about the export (no error, no warning), and the import publishes what DuckDB wrote. Not
sure (a rule is broken, or a file or value comes in a form these checks do not cover): the
import runs `validate`, which names every file, row and column in Dutch. The messages so have
one source, and these checks may be stricter than the rules but never looser;
tests/sql/test_import_fast.py holds them to that over the whole import corpus.

The column checks are generated from the contract (`dashboard/contract.py`: types, codes,
patterns, bounds) and the table checks from the same definitions `check_tables` uses (keys,
references, date order), so a new rule in the contract is checked here without a second list.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import annotated_types
import duckdb
import polars as pl

from dashboard.contract import CATEGORIES, CURRENT_ERA_FROM, EXPORT_TABLES, column_type, polars_type
from dashboard.importer.read import (
    Budget,
    Limits,
    ReadError,
    SourceFile,
    kind_of,
    parquet_schema,
    read,
)
from dashboard.importer.validate import (
    DATE_ORDER,
    EARLIEST_DATE,
    EXCEL_EPOCH,
    FALSE_WORDS,
    TRUE_WORDS,
    _int_range,
    detect_table,
    personal_by_content,
    personal_by_name,
    references,
    table_keys,
)

# What the checks and the writing may hold in memory before DuckDB spills to the work folder;
# the marts build after it has its own limit, and the two never run at the same time.
MEMORY_LIMIT = "1GB"
THREADS = 2
# What `validate` strips from every value (Polars' strip_chars: Unicode White_Space).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x20\x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# The forms of a value these checks read; `validate` reads more (a time of midnight after a
# date in text), and a value in such a form goes to it.
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DUTCH_DATE = r"^[0-9]{2}-[0-9]{2}-[0-9]{4}$"
EXCEL_DAY = r"^[0-9]{5}(\.0+)?$"  # Excel's day number, from a cell that lost its date format
INTEGER = r"^-?[0-9]{1,18}(\.0+)?$"
ZERO_FRACTION = r"\.0+$"
INTEGER_TYPES = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
)
# Stored Parquet types read as they are; any other type of a column goes to `validate`.
NATIVE: dict[Any, frozenset[str]] = {
    dt.date: frozenset({"DATE"}),
    bool: frozenset({"BOOLEAN"}),
    int: INTEGER_TYPES,
}


def _duckdb_type(storage: pl.DataType) -> str:
    for polars, duck in (
        (pl.Int8, "TINYINT"),
        (pl.Int16, "SMALLINT"),
        (pl.Date, "DATE"),
        (pl.Boolean, "BOOLEAN"),
        (pl.String, "VARCHAR"),
    ):
        if storage == polars:
            return duck
    raise ValueError(f"no DuckDB type for {storage}")


def literal(value: Any) -> str:
    """A constant of the contract or of this module as an SQL literal. Only code's own
    constants are written into the SQL; a value from a file never is (the checks read the
    files, they are not built from them)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


@dataclass(frozen=True)
class ColumnSql:
    text: str  # the value as read (stripped text, or the stored value), once per row
    typed: str  # from that, the value in its contract storage type
    bad: str  # from that, true where a rule of the column could have something to say


def _in(values: Any) -> str:
    """A list for IN, which DuckDB checks faster than list_contains."""
    return "(" + ", ".join(literal(v) for v in values) + ")"


def column_sql(column: str, info: Any, stored: str) -> ColumnSql | None:
    """The typed value and the check of one contract column, as stored in the file (DuckDB's
    type name); None when the stored type is not one these checks read."""
    col = column_type(info)
    base = type(col.codes[0]) if col.codes is not None else col.base
    c = f'"{column}"'
    bad: list[str] = []
    read = c
    if stored in NATIVE.get(base, ()):
        value = c
        x = f"TRY_CAST({c} AS BIGINT)" if base is int and stored != "BIGINT" else c
    elif stored == "TIMESTAMP" and base is dt.date:
        # what `validate` reads as the date and a midnight time
        value = c
        x = f"CASE WHEN {c} = date_trunc('day', {c}) THEN CAST({c} AS DATE) END"
    elif stored in ("VARCHAR", "BLOB"):
        # as `validate` reads text: stripped, empty is missing; bytes decoded as UTF-8 (bytes
        # that are not end the query, and `validate` names the rows)
        text = f"decode({c})" if stored == "BLOB" else c
        # trimming is slow with a set of characters: only where an end may be whitespace
        # (all of it is below 33 or above 132)
        edge = " OR ".join(
            f"ord({end}) <= 32 OR ord({end}) >= 133" for end in (text, f"right({text}, 1)")
        )
        read = (
            f"NULLIF(CASE WHEN {edge} THEN trim({text}, {literal(WHITESPACE)}) ELSE {text} END, '')"
        )
        value = c  # the stripped text, by the name `read` gets
        if base is dt.date:
            x = (
                f"CASE WHEN regexp_matches({value}, {literal(ISO_DATE)}) "
                f"THEN CAST(try_strptime({value}, {literal('%Y-%m-%d')}) AS DATE) "
                f"WHEN regexp_matches({value}, {literal(DUTCH_DATE)}) "
                f"THEN CAST(try_strptime({value}, {literal('%d-%m-%Y')}) AS DATE) "
                f"WHEN regexp_matches({value}, {literal(EXCEL_DAY)}) "
                f"THEN {literal(EXCEL_EPOCH)} + CAST(regexp_replace({value}, "
                f"{literal(ZERO_FRACTION)}, '') AS INTEGER) END"
            )
        elif base is int:
            x = (
                f"CASE WHEN regexp_matches({value}, {literal(INTEGER)}) THEN "
                f"TRY_CAST(regexp_replace({value}, {literal(ZERO_FRACTION)}, '') AS BIGINT) END"
            )
        elif base is bool:
            x = (
                f"CASE WHEN lower({value}) IN {_in(TRUE_WORDS)} THEN true "
                f"WHEN lower({value}) IN {_in(FALSE_WORDS)} THEN false END"
            )
        elif base is str:
            x = value
        else:
            return None
    else:
        return None
    if not col.optional:
        bad.append(f"{value} IS NULL")
    if base is not str:
        bad.append(f"({value} IS NOT NULL AND {x} IS NULL)")
    if base is int and col.codes is None:
        low, high = _int_range(polars_type(info))
        bad.append(f"{x} < {literal(low)} OR {x} > {literal(high)}")
    if col.codes is not None:
        bad.append(f"{x} NOT IN {_in(col.codes)}")
    for meta in col.metadata:
        pattern = getattr(meta, "pattern", None)
        if pattern:
            bad.append(f"NOT regexp_matches({x}, {literal(pattern)})")
        if isinstance(meta, annotated_types.Ge):
            bad.append(f"{x} < {literal(meta.ge)}")
        if isinstance(meta, annotated_types.Le):
            bad.append(f"{x} > {literal(meta.le)}")
    storage = _duckdb_type(polars_type(info))
    # a cast to the type a value has already costs a copy of every value
    native = stored in NATIVE.get(base, ())
    same = stored == storage if native else base in (str, bool, dt.date)
    typed = f"{(c if native else x) if same else f'CAST({x} AS {storage})'} AS {c}"
    # NULL (a comparison with an empty value) counts as "nothing to say", as in `validate`
    return ColumnSql(
        f"{read} AS {c}", typed, " OR ".join(f"coalesce({b}, false)" for b in bad) or "false"
    )


def is_free_text(info: Any) -> bool:
    """A column `validate` reads whole for personal data: text without codes or a pattern."""
    col = column_type(info)
    return col.base is str and col.codes is None and not col.metadata


# Rules of `check_tables` between a table and the case it refers to: (table, what, the rows
# the rule reports, with `a` the row and `b` its case).
AGAINST_CASE = {
    "contacts": [("contact_date vóór zaak", "a.contact_date < b.opened_date")],
    "mediations": [("received_date vóór zaak", "a.received_date < b.opened_date")],
}


# A table whose rows per case the case counts: table -> the column of cases that counts them.
COUNTED_ON_CASE = {"children": "children_count"}


def table_checks() -> list[tuple[str, list[str]]]:
    """(SQL, names): each query counts, per name, the rows a rule of `check_tables` would
    report, over the typed tables; a count above zero sends the import to `validate`. In an
    order where a later query may rely on an earlier one (unique keys before joins on them)."""
    date_columns = {
        t: [c for c, info in m.model_fields.items() if column_type(info).base is dt.date]
        for t, m in EXPORT_TABLES.items()
    }
    until = "(SELECT data_until FROM export_meta)"
    checks: list[tuple[str, list[str]]] = [
        (
            "SELECT "
            + ", ".join(
                f'(SELECT count(*) = 0 FROM "{t}")' for t in EXPORT_TABLES if t != "export_meta"
            )
            + ", (SELECT count(*) <> 1 FROM export_meta)"
            + ", (SELECT count(*) FROM export_meta WHERE export_date < data_until)",
            [f"{t} leeg" for t in EXPORT_TABLES if t != "export_meta"]
            + ["export_meta rijen", "export_meta.export_date"],
        )
    ]
    # unique keys: a 64-bit hash that collides only makes a false alarm, which `validate` clears
    checks += [
        (f'SELECT count(*) - count(DISTINCT hash("{key}")) FROM "{t}"', [f"{t}.{key} dubbel"])
        for t, key in table_keys().items()
    ]
    for t, columns in date_columns.items():
        rules = [f'"{c}" < {literal(EARLIEST_DATE)} OR "{c}" > {until}' for c in columns]
        names = [f"{t}.{c} periode" for c in columns]
        if t == "export_meta":
            rules, names = [], []
        for table, first, then, _ in DATE_ORDER:
            if table == t:
                rules.append(f'"{then}" < "{first}"')
                names.append(f"{t}.{then} volgorde")
        if rules:
            counts = ", ".join(f"count(*) FILTER (WHERE {r})" for r in rules)
            checks.append((f'SELECT {counts} FROM "{t}"', names))
    for t, column, target in references():
        if t in COUNTED_ON_CASE and target == "cases":
            # one pass for both: the rows per case, against the cases and their count
            count = COUNTED_ON_CASE[t]
            checks.append(
                (
                    f'SELECT count(*) FILTER (WHERE b."{column}" IS NULL), count(*) FILTER '
                    f'(WHERE b."{column}" IS NOT NULL AND b."{count}" <> coalesce(a.n, 0)) '
                    f'FROM (SELECT "{column}", count(*) AS n FROM "{t}" '
                    f'WHERE "{column}" IS NOT NULL GROUP BY "{column}") AS a '
                    f'FULL JOIN "{target}" AS b USING ("{column}")',
                    [f"{t}.{column} verwijzing", f"cases.{count}"],
                )
            )
            continue
        extra = AGAINST_CASE.get(t, []) if target == "cases" else []
        counts = ", ".join(
            [f'count(*) FILTER (WHERE a."{column}" IS NOT NULL AND b."{column}" IS NULL)']
            + [f"count(*) FILTER (WHERE {rule})" for _, rule in extra]
        )
        checks.append(
            (
                f'SELECT {counts} FROM "{t}" AS a LEFT JOIN "{target}" AS b USING ("{column}")',
                [f"{t}.{column} verwijzing"] + [f"{t}.{what}" for what, _ in extra],
            )
        )
    checks += [
        (
            "SELECT count(*) FILTER (WHERE opened_date >= "
            f"{literal(CURRENT_ERA_FROM)} AND k.line <> cases.line), "
            "count(*) FILTER (WHERE opened_date < k.valid_from OR opened_date > k.valid_until) "
            "FROM cases JOIN __categories AS k USING (category_code)",
            ["cases.line", "cases.category_code tijdvak"],
        ),
        (
            "SELECT count(*) FILTER (WHERE k.iso2 IS NULL), count(*) FILTER (WHERE "
            "hkov_registered <> (k.hkov_party AND (k.hkov_entry_into_force IS NULL "
            "OR k.hkov_entry_into_force <= opened_date))) "
            "FROM cases LEFT JOIN __countries AS k ON k.iso2 = cases.country_iso2 "
            "WHERE country_iso2 IS NOT NULL",
            ["cases.country_iso2", "cases.hkov_registered"],
        ),
    ]
    return checks


@dataclass
class Clean:
    """An export no rule has anything to say about, its typed tables held by DuckDB."""

    con: duckdb.DuckDBPyConnection
    work: Path
    rows_by_table: dict[str, int]
    rows_by_file: dict[str, int] = field(default_factory=dict)
    table_by_file: dict[str, str] = field(default_factory=dict)

    def write(self, table: str, target: Path) -> None:
        """Move the table's Parquet file (contract order and types, rows in the order of its
        files) to `target`, on the same disk."""
        os.replace(self.work / f"{table}.parquet", target)

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self.work, ignore_errors=True)


@dataclass(frozen=True)
class Outcome:
    clean: Clean | None
    declined: str = ""  # why `validate` is needed, for the import log and the tests


def check(
    sources: list[SourceFile],
    countries: pl.DataFrame,
    work: Path,
    *,
    limits: Limits | None = None,
    budget: Budget | None = None,
    progress=None,
) -> Outcome:
    """Check the export set-wise; `work` is a folder of its own for DuckDB (removed again,
    unless the outcome is clean: then `Clean.close` removes it)."""
    limits = limits or Limits()
    budget = budget or Budget(limits.seconds)
    con = duckdb.connect()
    try:
        work.mkdir(parents=True)
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute(f"SET threads = {THREADS}")
        con.execute("SET temp_directory = " + _quote(str(work / "spill")))
        try:
            declined = _check(con, work, sources, countries, limits, budget, progress)
        finally:
            for source in sources:
                # what was read is in the written files, or `validate` reads it again
                source.frame = None
                source.warnings.clear()
    except ReadError as exc:
        # validate says it in its words (a spent time budget too: it stops at its first check)
        con.close()
        shutil.rmtree(work, ignore_errors=True)
        return Outcome(None, f"bestand: {exc.rule}")
    except Exception as exc:  # DuckDB, the disk, a bug here: `validate` still answers
        con.close()
        shutil.rmtree(work, ignore_errors=True)
        return Outcome(None, f"{type(exc).__name__}")
    if isinstance(declined, str):
        con.close()
        shutil.rmtree(work, ignore_errors=True)
        return Outcome(None, declined)
    return Outcome(declined)


def _check(
    con: duckdb.DuckDBPyConnection,
    work: Path,
    sources: list[SourceFile],
    countries: pl.DataFrame,
    limits: Limits,
    budget: Budget,
    progress,
) -> Clean | str:
    labels = [s.label for s in sources]
    if len(set(labels)) < len(labels):
        return "dubbele bestandsnaam"
    views: dict[str, list[str]] = {t: [] for t in EXPORT_TABLES}
    columns: dict[str, dict[str, ColumnSql]] = {}
    clean = Clean(con, work, {})
    for i, source in enumerate(sources):
        name = source.label
        if progress:
            progress(f"Lezen: {name} ({i + 1}/{len(sources)})", i / (len(sources) + 2))
        view = f"__file_{i}"
        if kind_of(source, limits) == "parquet":
            # read where it lies, in pieces, by every check that needs it
            source.columns = list(parquet_schema(source, limits).names)
            relation = con.read_parquet(str(source.path))
            stored = dict(zip(relation.columns, (str(t) for t in relation.types), strict=True))
            relation.create_view(view)
        else:
            read(source, limits, budget)
            assert source.frame is not None
            con.register(view, source.frame)
            stored = {c: "VARCHAR" for c in source.columns}
        if source.warnings:
            return f"{name}: waarschuwing bij het lezen"
        table, problem = detect_table(source)
        if problem is not None or table is None:
            return f"{name}: tabel"
        model = EXPORT_TABLES[table]
        if sorted(source.columns) != sorted(model.model_fields):
            return f"{name}: kolommen"
        if any(personal_by_name(c) for c in source.columns):
            return f"{name}: kolomnaam"
        sql = {c: column_sql(c, info, stored[c]) for c, info in model.model_fields.items()}
        odd = [c for c, s in sql.items() if s is None]
        if odd:
            return f"{name}: type van {odd[0]}"
        columns[view] = {c: s for c, s in sql.items() if s is not None}
        rows = con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0]
        clean.rows_by_file[name] = rows
        clean.rows_by_table[table] = clean.rows_by_table.get(table, 0) + rows
        clean.table_by_file[name] = table
        views[table].append(view)
        budget.check(f"bij bestand {name}")
    missing = [t for t, v in views.items() if not v]
    if missing:
        return f"geen bestand voor {missing[0]}"
    for table, parts in views.items():
        if progress:
            progress(f"Controleren: {table}", len(sources) / (len(sources) + 2))
        # One pass that checks and converts: the typed rows no rule has a say about are
        # written, so fewer rows in the file than in the export means `validate` is needed.
        target = work / f"{table}.parquet"
        con.sql(
            " UNION ALL ".join(_typed_sql(view, columns[view]) for view in parts)
        ).write_parquet(str(target), compression="zstd")
        written = con.read_parquet(str(target))
        if written.aggregate("count(*)").fetchall()[0][0] != clean.rows_by_table[table]:
            return _which(con, table, parts, columns)
        written.create_view(table)
        for column, info in EXPORT_TABLES[table].model_fields.items():
            if is_free_text(info):
                values = con.sql(f'SELECT "{column}" FROM "{table}"').pl().to_series()
                if personal_by_content(values, dates_allowed=True):
                    return f"{table}.{column} persoonsgegevens"
        budget.check(f"bij tabel {table}")
    con.register(
        "__categories",
        pl.DataFrame(
            {
                "category_code": [c.code for c in CATEGORIES],
                "line": [c.line for c in CATEGORIES],
                "valid_from": [c.valid_from for c in CATEGORIES],
                "valid_until": [c.valid_until for c in CATEGORIES],
            }
        ),
    )
    con.register("__countries", countries.select("iso2", "hkov_party", "hkov_entry_into_force"))
    if progress:
        progress(
            "Controleren: verwijzingen, datums en HKOV over alle tabellen",
            (len(sources) + 1) / (len(sources) + 2),
        )
    for sql, names in table_checks():
        counts = con.execute(sql).fetchall()[0]
        said = [n for n, count in zip(names, counts, strict=True) if count]
        if said:
            return said[0]
        budget.check("bij de controles over alle tabellen")
    return clean


def _text_sql(view: str, columns: dict[str, ColumnSql]) -> str:
    return f"(SELECT {', '.join(s.text for s in columns.values())} FROM {view})"


def _typed_sql(view: str, columns: dict[str, ColumnSql]) -> str:
    """The typed rows of a file that no rule of their columns has a say about."""
    return (
        f"SELECT {', '.join(s.typed for s in columns.values())} FROM {_text_sql(view, columns)} "
        f"WHERE NOT ({' OR '.join(f'({s.bad})' for s in columns.values())})"
    )


def _which(
    con: duckdb.DuckDBPyConnection,
    table: str,
    views: list[str],
    columns: dict[str, dict[str, ColumnSql]],
) -> str:
    """The first column whose rules have a say, to name why `validate` is needed."""
    for view in views:
        for column, s in columns[view].items():
            query = f"SELECT count(*) FILTER (WHERE {s.bad}) FROM {_text_sql(view, columns[view])}"
            if con.execute(query).fetchall()[0][0]:
                return f"{table}.{column}"
    return table


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
