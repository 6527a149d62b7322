"""The stored layers: computed once per data version into a DuckDB file that any number of app
processes open read-only, with the same rows as the views they replace."""

from __future__ import annotations

import datetime as dt
import os
import tomllib

import duckdb
import polars as pl
import pytest
from import_corpus import small_export, write_export
from states import copy_export, demo_export

from dashboard import db
from dashboard.importer import import_files
from dashboard.paths import DATA_ROOT, DEMO_DIR, REPO_ROOT


def report_parameters() -> dict[str, object]:
    """One value per report parameter: the ones the SQL linter templates the reports with."""
    with (REPO_ROOT / "pyproject.toml").open("rb") as f:
        placeholders = tomllib.load(f)["tool"]["sqlfluff"]["templater"]["placeholder"]
    values: dict[str, object] = {}
    for name, text in placeholders.items():
        if name == "param_style":
            continue
        text = str(text)
        if text.startswith("DATE '"):
            values[name] = dt.date.fromisoformat(text[6:-1])
        elif text.startswith("'"):
            value = text.strip("'")
            try:
                values[name] = dt.date.fromisoformat(value)
            except ValueError:
                values[name] = value
        else:
            values[name] = int(text)
    return values


def views_only(data_dir, reference_root, data_home) -> duckdb.DuckDBPyConnection:
    """Every relation as a plain view over the Parquet files: how the app read them before."""
    con = duckdb.connect()
    folders = ",".join(str(p.resolve()) for p in (data_dir, reference_root, data_home))
    con.execute(f"SET file_search_path = '{folders}'")
    for rel in db.relations().values():
        con.execute(f'CREATE VIEW "{rel.name}" AS\n{rel.sql}')
    return con


def sorted_rows(df: pl.DataFrame) -> pl.DataFrame:
    return df.sort(by=df.columns, nulls_last=True)


def test_reports_from_the_marts_file_equal_the_views(tmp_path):
    home = tmp_path / "home"
    database = db.open_database(DEMO_DIR, DATA_ROOT, home)
    assert database.marts_file is not None and database.marts_file.is_file()
    views = views_only(DEMO_DIR, DATA_ROOT, home)
    params = report_parameters()
    for name in db.report_names():
        sql = db.report_sql(name)
        needed = {k: params[k] for k in set(db.PARAMETER.findall(sql))}
        expected = views.sql(sql, params=needed).pl()
        got = database.run(name, **needed)
        assert sorted_rows(got).equals(sorted_rows(expected)), name


def test_a_published_version_carries_its_marts_and_is_opened_read_only(tmp_path):
    home = tmp_path / "home"
    export = write_export(small_export(), tmp_path / "export", "parquet")
    result = import_files([export], home, who="test", reference_root=DATA_ROOT)
    assert result.outcome == "published", result.report_nl()
    version = home / "versions" / result.version
    files = sorted(p.name for p in version.iterdir() if p.is_file())
    assert files == ["manifest.json", db.marts_file_name(DATA_ROOT)]
    assert not list(home.rglob(".tmp-*"))

    database = db.open_database(version, DATA_ROOT, home)
    assert database.marts_file == version / db.marts_file_name(DATA_ROOT)
    read_only = database.con.sql(
        f"SELECT readonly FROM duckdb_databases() WHERE database_name = '{db.MARTS_SCHEMA}'"
    ).fetchall()
    assert read_only == [(True,)]
    with pytest.raises(duckdb.Error):
        database.con.execute(f"CREATE TABLE {db.MARTS_SCHEMA}.x AS SELECT 1")


def test_the_app_connection_keeps_its_memory_bounded_and_spills_in_its_own_folder(tmp_path):
    database = db.open_database(DEMO_DIR, DATA_ROOT, tmp_path / "home")
    [(limit, spill)] = database.con.sql(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchall()
    # DuckDB writes the limit back in its own units ("122.0 MiB" for 128MB)
    assert limit != "" and float(limit.split()[0]) <= 128 and limit.split()[1] in {"MiB", "MB"}
    assert spill.endswith(f"iko-duckdb-{os.getpid()}")
    # a report over the whole export still runs within it
    assert database.run("export_meta").height == 1


def test_a_failed_build_leaves_no_file(tmp_path):
    broken = tmp_path / "export"
    broken.mkdir()  # no tables at all: the first source view cannot be read
    target = tmp_path / "marts" / "marts.duckdb"
    with pytest.raises(duckdb.Error):
        db.build_marts(target, broken, DATA_ROOT)
    assert list(target.parent.iterdir()) == []


def test_the_demo_marts_are_rebuilt_when_the_export_changes(tmp_path):
    data = tmp_path / "data"
    copy_export(demo_export(dt.date(2026, 1, 15)), data)
    first = db.marts_path(data, DATA_ROOT, tmp_path / "home")
    copy_export(demo_export(dt.date(2026, 2, 15)), data)
    assert db.marts_path(data, DATA_ROOT, tmp_path / "home") != first
