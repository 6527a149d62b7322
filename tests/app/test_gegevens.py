"""/gegevens: the upload, the last import and the import log, on a data home of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gegevens_support import parquet_bytes
from import_corpus import small_export, write_export
from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.importer import import_files, import_log, log
from dashboard.importer.publish import current_manifest, read_log
from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
PAGE = next(p for p in pages.PAGES if p.url_path == "gegevens")


@pytest.fixture
def home(data_home: Path, tmp_path: Path) -> Path:
    """A data home with one export imported, which the app under test uses."""
    folder = write_export(small_export(120), tmp_path / "export", fmt="parquet")
    result = import_files([folder], data_home, who="Test Beheerder")
    assert result.outcome == "published", result.report_nl()
    return data_home


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
    # the log keeps UTC; the page shows the Dutch clock
    when = dt.datetime.fromisoformat(read_log(home)[-1]["when"])
    assert when.utcoffset() == dt.timedelta(0)
    assert f"- **Wanneer:** {log.when_nl(when)}\n" in text and "UTC" not in text
    rows = current_manifest(home)["rows_by_table"]
    assert f"cases {rows['cases']}" in text
    headers = [h.value for h in at.header]
    assert "Laatste import" in headers and "Importlogboek" in headers
    table = at.dataframe[-1].value
    assert list(table.columns[:3]) == ["Wanneer", "Wie", "Uitkomst"]
    assert table["Wie"].tolist() == ["Test Beheerder"]
    assert table["Wanneer"].tolist() == [log.when_nl(when)]
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


def test_published_figures_upload_lands_on_the_trends_page(data_home: Path) -> None:
    at = open_gegevens()
    assert "Nog geen jaarcijfers geïmporteerd." in [c.value for c in at.caption]
    uploader = next(u for u in at.get("file_uploader") if u.proto.id.endswith("published_upload"))
    uploader.set_value(
        [("jaarverslag-2023.csv", b"year;measure;value\n2023;cases.total;9960\n", "text/csv")]
    )
    at.text_input(key="published_who").input("Directeur")
    at.run()
    at.button(key="published_start").click().run()
    assert not at.exception, at.exception
    (success,) = at.success
    assert success.value.startswith("Gepubliceerde jaarcijfers geïmporteerd: 1 cijfer voor 2023")
    years = at.dataframe[-2].value  # above the import log
    assert years["Jaar"].tolist() == [2023] and years["Geïmporteerde cijfers"].tolist() == [1]
    assert import_log(data_home)[["who", "outcome"]].row(0) == ("Directeur", "published")

    at.switch_page(next(p for p in pages.PAGES if p.url_path == "trends").script).run()
    assert [h.value for h in at.header] == ["Meerjarige trends, 2023–2026"]
