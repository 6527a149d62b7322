"""/gegevens: the upload, the last import and the import log, on a data home of its own."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from import_corpus import small_export, write_export
from streamlit.testing.v1 import AppTest

from dashboard import ui
from dashboard.importer import import_files, import_log
from dashboard.importer.publish import current_manifest
from dashboard.importer.upload import import_uploads, safe_name
from dashboard.paths import REPO_ROOT
from dashboard.settings import settings

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
PAGE = next(p for p in ui.PAGES if p.url_path == "gegevens")


def parquet_bytes(df: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.write_parquet(buffer)
    return buffer.getvalue()


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """A data home with one export imported, which the app under test uses."""
    home = tmp_path / "home"
    folder = write_export(small_export(120), tmp_path / "export", fmt="parquet")
    result = import_files([folder], home, who="Test Beheerder")
    assert result.outcome == "published", result.report_nl()
    monkeypatch.setenv("IKO_DATA_HOME", str(home))
    settings.cache_clear()
    yield home
    # the next test (another module, perhaps) must not see this data home
    monkeypatch.undo()
    settings.cache_clear()


def open_gegevens() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(PAGE.script).run()
    assert not at.exception, at.exception
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_page_shows_the_last_import_and_the_log(home: Path) -> None:
    at = open_gegevens()
    text = markdown(at)
    assert "- **Wie:** Test Beheerder" in text
    assert "- **Uitkomst:** gepubliceerd (versie " in text
    assert "- **Waarschuwingen:** " in text
    rows = current_manifest(home)["rows_by_table"]
    assert f"cases {rows['cases']}" in text
    headers = [h.value for h in at.header]
    assert "Laatste import" in headers and "Importlogboek" in headers
    log = at.dataframe[-1].value
    assert list(log.columns[:3]) == ["Wanneer", "Wie", "Uitkomst"]
    assert log["Wie"].tolist() == ["Test Beheerder"]
    uploader = at.get("file_uploader")[0]
    assert uploader.accept_multiple_files
    assert sorted(uploader.allowed_type) == [".csv", ".parquet", ".xlsx"]


def test_upload_publishes_a_new_version(home: Path) -> None:
    before = current_manifest(home)["version"]
    at = open_gegevens()
    export = small_export(150, offset=500)
    at.get("file_uploader")[0].set_value(
        [
            (f"{t}.parquet", parquet_bytes(df), "application/octet-stream")
            for t, df in export.items()
        ]
    )
    at.text_input(key="upload_who").input("Uploader")
    at.run()
    at.button(key="upload_start").click().run()
    assert not at.exception, at.exception

    after = current_manifest(home)
    assert after["version"] != before
    assert after["rows_by_table"]["cases"] == export["cases"].height
    (success,) = at.success
    assert success.value.startswith(f"Import gepubliceerd als versie {after['version']}")
    assert "volgende keer" in success.value
    assert import_log(home)["who"].to_list() == ["Uploader", "Test Beheerder"]
    assert "- **Wie:** Uploader" in markdown(at)


def test_rejected_upload_shows_the_errors_and_changes_nothing(home: Path) -> None:
    before = current_manifest(home)["version"]
    at = open_gegevens()
    at.get("file_uploader")[0].set_value([("cases.csv", b"case_id;iets\n1;2\n", "text/csv")])
    at.run()
    at.button(key="upload_start").click().run()
    assert not at.exception, at.exception
    assert current_manifest(home)["version"] == before
    (error,) = at.error
    assert error.value.startswith("Import afgewezen")
    assert any(c.value.startswith("FOUT") for c in at.code)
    assert import_log(home)["outcome"].to_list() == ["rejected", "published"]


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
