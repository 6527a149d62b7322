"""/gegevens: the upload, the last import and the import log, on a data home of its own."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from pathlib import Path

import polars as pl
import pytest
from browser_support import open_and_wait
from import_corpus import published_checksums, small_export, write_export
from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.db import open_database
from dashboard.importer import import_files, import_log, log
from dashboard.importer.log import LastImport
from dashboard.importer.publish import append_log, current_manifest, read_log
from dashboard.importer.upload import import_uploads, safe_name
from dashboard.paths import REPO_ROOT
from dashboard.reports import data_status
from dashboard.server import launcher

APP = REPO_ROOT / "dashboard" / "app.py"
TIMEOUT = 120
PAGE = next(p for p in pages.PAGES if p.url_path == "gegevens")


def parquet_bytes(df: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.write_parquet(buffer)
    return buffer.getvalue()


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


WINTER = dt.datetime(2026, 11, 23, 8, 15, tzinfo=dt.UTC)  # CET, UTC+1
SUMMER = dt.datetime(2026, 7, 1, 8, 15, tzinfo=dt.UTC)  # CEST, UTC+2


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


def test_import_log_table_shows_dutch_time(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for when in (WINTER, SUMMER):
        append_log(home, {"who": "x", "when": when.isoformat(), "outcome": "rejected"})
    shown = log.recent_imports(home).get_column("when_nl").to_list()
    assert shown == ["01-07-2026 10:15", "23-11-2026 09:15"]


# -- what the page says of the data ----------------------------------------------------------


def test_export_tables_and_the_template_come_from_the_demo_data() -> None:
    run = open_database().run
    tables = data_status.export_tables(run)
    assert {"table_nl", "table_name", "row_count", "first_date", "last_date"} <= set(tables.columns)
    assert tables["row_count"].min() > 0
    template = data_status.annual_figures_template(run)
    assert template.columns == ["year", "measure", "value", "section", "note", "source"]
    assert template["year"].null_count() == template.height > 0
    # nothing imported into the tests' empty data home
    assert data_status.imported_years(run).is_empty()


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


@pytest.mark.browser
def test_uploader_speaks_dutch_and_still_opens_the_file_chooser(server, browser) -> None:
    # Dutch by CSS over Streamlit's own texts (gegevens.py): after a Streamlit upgrade the
    # English comes back silently, unless this fails.
    page = open_and_wait(browser, server.url + "gegevens")
    try:
        uploader = page.locator(".st-key-upload")
        read_out = uploader.aria_snapshot()
        assert 'button "Bestanden kiezen"' in read_out, read_out
        mb = launcher.config_options()["server.maxUploadSize"]
        assert f"Sleep bestanden hierheen CSV, XLSX of Parquet, tot {mb} MB per bestand" in read_out
        for english in ("Upload", "per file", "Drag", "Browse"):
            assert english not in read_out, read_out
        with page.expect_file_chooser() as chooser:
            uploader.get_by_role("button", name="Bestanden kiezen").click()
        assert chooser.value.is_multiple()
    finally:
        page.close()
