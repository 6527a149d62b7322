"""/gegevens: the upload, the last import and the import log, on a data home of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from gegevens_support import SUMMER, WINTER, parquet_bytes
from import_corpus import published_checksums, small_export, write_export

from dashboard.importer import import_files, import_log, log
from dashboard.importer.publish import append_log
from dashboard.importer.upload import import_uploads, safe_name
from dashboard.reports import data_status


@pytest.fixture
def home(data_home: Path, tmp_path: Path) -> Path:
    """A data home with one export imported, which the app under test uses."""
    folder = write_export(small_export(120), tmp_path / "export", fmt="parquet")
    result = import_files([folder], data_home, who="Test Beheerder")
    assert result.outcome == "published", result.report_nl()
    return data_home


def test_uploads_keep_only_their_file_names(tmp_path: Path) -> None:
    assert safe_name("C:\\Users\\iko\\cases.csv") == "cases.csv"
    assert safe_name("../../etc/cases.parquet") == "cases.parquet"
    with pytest.raises(ValueError):
        safe_name("..")
    export = small_export(60)
    result = import_uploads(
        [(f"map/{t}.parquet", parquet_bytes(df)) for t, df in export.items()],
        tmp_path / "home",
        who="helper",
    )
    assert result.outcome == "published", result.report_nl()
    assert sorted(f["file"] for f in result.files) == sorted(f"{t}.parquet" for t in export)


def test_two_uploaded_files_of_one_name_are_refused_not_overwritten(home: Path) -> None:
    before = published_checksums(home)
    export = small_export(60, offset=900)
    other = small_export(60, offset=1200)["cases"]
    files = [(f"{t}.parquet", parquet_bytes(df)) for t, df in export.items()]
    files.append(("andere map/cases.parquet", parquet_bytes(other)))

    result = import_uploads(files, home, who="helper")

    report = result.report_nl()
    assert result.outcome == "rejected", report
    (error,) = result.errors
    assert (error.rule, error.file) == ("duplicate_file_name", "cases.parquet")
    assert "2 bestanden hebben deze naam" in error.message_nl
    assert "FOUT cases.parquet: 2 bestanden hebben deze naam" in report
    assert published_checksums(home) == before
    assert import_log(home)["outcome"].to_list() == ["rejected", "published"]


def test_import_log_table_shows_dutch_time(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for when in (WINTER, SUMMER):
        append_log(home, {"who": "x", "when": when.isoformat(), "outcome": "rejected"})
    shown = log.recent_imports(home).get_column("when_nl").to_list()
    assert shown == ["01-07-2026 10:15", "23-11-2026 09:15"]


# -- what the page says of the data ----------------------------------------------------------


def test_export_tables_and_the_template_come_from_the_demo_data(demo_db) -> None:
    run = demo_db.run
    tables = data_status.export_tables(run)
    assert {"table_nl", "table_name", "row_count", "first_date", "last_date"} <= set(tables.columns)
    assert tables["row_count"].min() > 0
    template = data_status.annual_figures_template(run)
    assert template.columns == ["year", "measure", "value", "section", "note", "source"]
    assert template["year"].null_count() == template.height > 0
    # nothing imported into the tests' empty data home
    assert data_status.imported_years(run).is_empty()
