"""Importing real exports: the malformed corpus, warnings, re-imports, encodings, and kills
mid-import."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import polars as pl
import pytest
from import_corpus import (
    DAMAGED,
    FAULTS,
    WARNINGS,
    Damage,
    Fault,
    Warned,
    build_fault,
    published_checksums,
    small_export,
    write_export,
)

from dashboard.contract import COLUMN_LABELS_NL
from dashboard.db import Database
from dashboard.importer import import_files, import_log
from dashboard.importer.publish import CURRENT, MANIFEST, read_log
from dashboard.importer.read import Limits
from dashboard.importer.report import report_lines
from dashboard.importer.validate import RULES
from dashboard.paths import DATA_ROOT


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return small_export()


@pytest.fixture(scope="module")
def home(tables, tmp_path_factory) -> Path:
    """A data home with one valid export published, shared by the corpus cases."""
    home = tmp_path_factory.mktemp("home")
    folder = write_export(tables, tmp_path_factory.mktemp("valid"))
    result = import_files([folder], home, who="test")
    assert result.outcome == "published", result.report_nl()
    return home


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_malformed_file_is_rejected_and_nothing_changes(
    fault: Fault, tables, home: Path, tmp_path: Path
) -> None:
    before = published_checksums(home)
    folder = build_fault(fault, tables, tmp_path / "export")

    result = import_files([folder], home, who="test")

    report = result.report_nl()
    assert result.outcome == "rejected", report
    assert report.startswith("Import afgewezen")
    matching = [f for f in result.errors if f.rule == fault.rule]
    assert matching, report
    assert any(fault.message in f.message_nl for f in matching), report
    if fault.column is not None:
        assert any(f.column == fault.column for f in matching), report
    for value in fault.hidden:
        assert value not in report
    assert {f.rule for f in result.findings} <= set(RULES), report
    assert published_checksums(home) == before


# What Python or a library says, which must never reach a person: exception names, the csv
# module's and the codecs' English, a traceback.
NOT_DUTCH = re.compile(
    r"Traceback|[A-Za-z]+Error\b|Exception|BadZipFile|codec|field larger|expected|line "
    r"contains|NoneType|invalid|\bcannot\b|\bnot\b|\bthe\b"
)


@pytest.fixture(scope="module")
def small() -> dict[str, pl.DataFrame]:
    return small_export(40)


@pytest.mark.parametrize("damage", DAMAGED, ids=[d.name for d in DAMAGED])
def test_damaged_export_is_published_or_refused_in_dutch(
    damage: Damage, small, tmp_path: Path
) -> None:
    folder = write_export(small, tmp_path / "export")
    paths = damage.make(small, folder) or [folder]
    home = tmp_path / "home"

    result = import_files(paths, home, who="test", limits=Limits(**(damage.limits or {})))

    report = result.report_nl()
    assert result.outcome == damage.outcome, report
    assert not [f for f in result.findings if f.rule == "internal"], report
    assert not NOT_DUTCH.search(report), report
    # one line per finding: no value or file name can split the report or forge a line
    assert len(report.splitlines()) == len(result.findings) + 1, report
    assert {f.rule for f in result.findings} <= set(RULES), report
    if damage.outcome == "published":
        assert not result.errors, report
        assert result.rows_by_table == {t: df.height for t, df in small.items()}, report
        if damage.rule is None:
            assert not result.warnings, report
    severity = "error" if damage.outcome == "rejected" else "warning"
    named = [
        f
        for f in result.findings
        if f.severity == severity
        and (damage.rule is None or f.rule == damage.rule)
        and damage.message in f.message_nl
        and (damage.file is None or damage.file in f"{f.file} {f.message_nl}")
        and (damage.column is None or f.column == damage.column)
        and (damage.row is None or damage.row_in(small) in f.rows)
    ]
    if damage.rule or damage.outcome == "rejected":
        assert named, report
    # the import log has its line, with the same Dutch lines
    record = read_log(home)[-1]
    assert record["outcome"] == result.outcome
    assert record["error_lines"] == report_lines(result.errors)


def test_report_groups_identical_errors_into_one_line(tables, home, tmp_path) -> None:
    broken = tables["contacts"].with_columns(channel=pl.lit("fax"))
    folder = write_export({**tables, "contacts": broken}, tmp_path / "export")

    result = import_files([folder], home, who="test")

    lines = [line for line in result.report_nl().splitlines() if "[code]" in line]
    assert len(lines) == 1
    n = broken.height
    assert f"{n}×" in lines[0] and "rij 2, 3, 4, 5, 6 en nog" in lines[0], lines[0]


def test_same_files_again_change_nothing(tables, tmp_path) -> None:
    home = tmp_path / "home"
    folder = write_export(tables, tmp_path / "export", fmt="parquet")
    first = import_files([folder], home, who="test")
    before = published_checksums(home)

    again = import_files([folder], home, who="test")

    assert first.outcome == "published"
    assert again.outcome == "unchanged" and again.version == first.version
    assert again.summary_nl().startswith("Niets veranderd")
    assert published_checksums(home) == before
    assert len(list((home / "versions").iterdir())) == 1
    log = import_log(home)
    assert log.get_column("outcome").to_list() == ["unchanged", "published"]


def test_dutch_excel_csv_imports_and_opens_in_the_dashboard(tables, tmp_path) -> None:
    home = tmp_path / "home"
    folder = write_export(tables, tmp_path / "export", separator=";", encoding="cp1252")
    assert b"\xe9" in (folder / "export_meta.csv").read_bytes()  # 'é' as Windows-1252 writes it

    result = import_files([folder], home, who="tester")

    assert result.outcome == "published", result.report_nl()
    assert result.rows_by_table == {t: df.height for t, df in tables.items()}
    db = Database(home / CURRENT, DATA_ROOT)
    assert db.query_view("stg_cases").height == tables["cases"].height
    assert db.query_view("stg_contacts").height == tables["contacts"].height
    meta = db.query_view("src_export_meta")
    assert meta.get_column("is_demo").to_list() == [False]
    assert "één" in meta.get_column("source")[0]
    # nothing lost: the originals under their checksum, and who imported what
    manifest = json.loads((home / CURRENT / MANIFEST).read_text())
    for f in manifest["files"]:
        kept = home / f["original"]
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == f["sha256"]
    record = json.loads((home / "import-log.jsonl").read_text().splitlines()[-1])
    assert record["who"] == "tester" and record["outcome"] == "published"
    assert record["rows_by_table"]["contacts"] == tables["contacts"].height


def test_xlsx_with_dutch_dates_and_booleans_imports(tables, tmp_path) -> None:
    import xlsxwriter

    folder = write_export({t: df for t, df in tables.items() if t != "cases"}, tmp_path / "x")
    cases = tables["cases"].with_columns(
        pl.col("opened_date").dt.strftime("%-d-%-m-%Y"),
        pl.col("conflict_case").replace_strict({True: "WAAR", False: "ONWAAR"}),
    )
    book = xlsxwriter.Workbook(folder / "cases.xlsx")
    sheet = book.add_worksheet("zaken")
    sheet.write_row(0, 0, cases.columns)
    for i, row in enumerate(cases.iter_rows(), start=1):
        sheet.write_row(i, 0, ["" if v is None else v for v in row])
    book.close()

    result = import_files([folder], tmp_path / "home", who="test")

    assert result.outcome == "published", result.report_nl()
    published = pl.read_parquet(tmp_path / "home" / CURRENT / "cases" / "cases.parquet")
    assert published.get_column("opened_date").to_list() == (
        tables["cases"].get_column("opened_date").to_list()
    )
    # closed_date went in as plain date cells without a date format: Excel day numbers
    assert published.get_column("closed_date").to_list() == (
        tables["cases"].get_column("closed_date").to_list()
    )
    assert published.get_column("conflict_case").to_list() == (
        tables["cases"].get_column("conflict_case").to_list()
    )


def test_hkov_disagreement_is_a_warning_not_an_error(tables, tmp_path) -> None:
    cases = tables["cases"]
    with_country = cases.get_column("hkov_registered").is_not_null()
    assert with_country.any()
    flipped = cases.with_columns(
        hkov_registered=pl.when(with_country.arg_true().first() == pl.int_range(pl.len()))
        .then(~pl.col("hkov_registered"))
        .otherwise(pl.col("hkov_registered"))
    )
    folder = write_export({**tables, "cases": flipped}, tmp_path / "export")

    result = import_files([folder], tmp_path / "home", who="test")

    assert result.outcome == "published"
    assert [f.rule for f in result.warnings] == ["hkov_mismatch"]
    assert result.warnings[0].count == 1


@pytest.mark.parametrize("warned", WARNINGS, ids=[w.name for w in WARNINGS])
def test_warning_does_not_reject_and_is_reported(warned: Warned, tables, tmp_path) -> None:
    changed, row = warned.make(tables)
    folder = write_export({**tables, **changed}, tmp_path / "export")

    result = import_files([folder], tmp_path / "home", who="test")

    report = result.report_nl()
    assert result.outcome == "published", report
    (warning,) = result.warnings
    assert warning.severity == RULES[warned.rule].severity == "warning"
    assert (warning.rule, warning.file, warning.column, warning.rows) == (
        warned.rule,
        f"export/{warned.file}",
        warned.column,
        (row,),
    ), report
    assert warned.message in warning.message_nl
    line = next(line for line in report.splitlines() if line.endswith(f"[{warned.rule}]"))
    # the column by its Dutch name, the contract's name in brackets for the data manager
    where = f"kolom '{COLUMN_LABELS_NL[warned.column]}' ({warned.column})"
    assert line.startswith(f"WAARSCHUWING export/{warned.file}, {where}: "), line
    assert f"1× (rij {row})" in line, line


def test_unexpected_error_is_a_dutch_finding_and_logged(small, tmp_path) -> None:
    home = tmp_path / "home"
    folder = write_export(small, tmp_path / "export")

    # a dashboard without its reference tables: nothing the export did wrong
    result = import_files([folder], home, who="test", reference_root=tmp_path / "nergens")

    report = result.report_nl()
    assert result.outcome == "rejected"
    assert [f.rule for f in result.errors] == ["internal"], report
    assert "Meld het aan de beheerder" in report
    assert not NOT_DUTCH.search(report), report
    record = read_log(home)[-1]
    assert record["outcome"] == "rejected" and record["error_lines"] == report_lines(result.errors)
    # where it happened is kept for the maintainer, in the log only
    assert "FileNotFoundError" in record["internal"][0]


def test_values_are_quoted_back_safely(small, tmp_path) -> None:
    formula = '=HYPERLINK("http://x.example","klik")'
    contacts = small["contacts"].with_columns(
        channel=pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit(formula))
        .when(pl.int_range(pl.len()) == 1)
        .then(pl.lit("fax\nFOUT nep-regel [code]"))
        .when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("x" * 5000))
        .otherwise(pl.col("channel"))
    )
    folder = write_export({**small, "contacts": contacts}, tmp_path / "export")

    result = import_files([folder], tmp_path / "home", who="test")

    (line,) = [line for line in result.report_nl().splitlines() if line.endswith("[code]")]
    assert f"'{formula}'" in line  # single quotes: a CSV reader keeps them, so no '=' leads
    assert "'fax\\x0aFOUT nep-regel [code]'" in line
    assert "'" + "x" * 59 + "…'" in line
    assert len(line) < 600


def test_header_only_cases_is_one_error_not_thousands_of_references(small, tmp_path) -> None:
    folder = write_export({**small, "cases": small["cases"].head(0)}, tmp_path / "export")

    result = import_files([folder], tmp_path / "home", who="test")

    assert result.outcome == "rejected"
    assert [(f.rule, f.table) for f in result.errors] == [("empty_table", "cases")]
    assert "export/cases.csv heeft geen rijen" in result.errors[0].message_nl


def _recode(tables: dict[str, pl.DataFrame], changes: list[dict]) -> dict[str, pl.DataFrame]:
    """The export with the first Lijn 1 cases changed as given (one dict per case)."""
    cases = tables["cases"].with_row_index("__i")
    targets = cases.filter(pl.col("category_code") == "holiday_consent")["__i"].head(len(changes))
    for i, change in zip(targets, changes, strict=True):
        cases = cases.with_columns(
            pl.when(pl.col("__i") == i).then(pl.lit(v)).otherwise(pl.col(k)).alias(k)
            for k, v in change.items()
        )
    return {**tables, "cases": cases.drop("__i")}


def test_an_older_row_follows_the_registration_of_its_time(tables, tmp_path: Path) -> None:
    """Before 2024 a third party's prevention case was Lijn 1 and 'algemeen advies' a code; from
    2024 the first is refused and the second is a code out of use (a warning)."""
    old = {"opened_date": "2020-05-04", "closed_date": "2020-05-06"}
    accepted = _recode(
        tables,
        [
            {**old, "line": 1, "category_code": "prevention", "contacted_by": "professional"},
            {**old, "line": 2, "category_code": "general_advice", "contacted_by": "mother"},
        ],
    )
    folder = write_export(accepted, tmp_path / "old")
    result = import_files([folder], tmp_path / "home", who="test")
    assert result.outcome == "published", result.report_nl()
    assert not result.warnings, result.report_nl()

    now = _recode(
        tables,
        [
            {"line": 1, "category_code": "prevention", "contacted_by": "professional"},
            {"line": 2, "category_code": "general_advice", "contacted_by": "mother"},
        ],
    )
    result = import_files([write_export(now, tmp_path / "now")], tmp_path / "home", who="test")
    assert result.outcome == "rejected"
    assert [(f.rule, f.column) for f in result.errors] == [("line_category", "line")]
    assert [(f.rule, f.column) for f in result.warnings] == [("code_era", "category_code")]
    assert "general_advice" in result.warnings[0].values[0]
