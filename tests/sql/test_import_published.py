"""`iko-dashboard import-published`: annual figures for years without a case-level export."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from import_published_support import write

from dashboard.db import Database
from dashboard.downloads import csv_bytes
from dashboard.importer import import_log
from dashboard.importer.published import IMPORTED, import_published, known_measures, template
from dashboard.paths import DATA_ROOT, DEMO_DIR
from dashboard.server.cli import main


def published(home: Path | None) -> pl.DataFrame:
    db = Database(DEMO_DIR, DATA_ROOT, home)
    return db.query_view("stg_published_figures")


def value(df: pl.DataFrame, year: int, measure: str) -> float:
    rows = df.filter(pl.col("year") == year, pl.col("measure") == measure)
    assert rows.height == 1, rows
    return rows["published_value"][0]


def test_valid_file_is_stored_logged_and_read_by_the_views(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(
        tmp_path,
        "year,measure,value,section,note\n2023,cases.total,11000,2,\n2023,mediation.requests,95,,\n",
    )
    result = import_published(path, home, who="test")
    assert result.outcome == "published", result.report_nl()
    assert result.years == [2023]
    assert (home / IMPORTED).is_file()

    df = published(home)
    assert value(df, 2023, "cases.total") == 11000
    assert value(df, 2023, "mediation.requests") == 95
    assert value(df, 2025, "cases.total") == 9524  # the reference file is still read
    assert df.filter(pl.col("year") == 2023)["is_imported"].to_list() == [True, True]

    record = json.loads((home / "import-log.jsonl").read_text().splitlines()[-1])
    assert record["kind"] == "published-figures"
    assert record["who"] == "test"
    assert record["rows_by_table"] == {"published_figures": 2}
    assert import_log(home)["outcome"].to_list() == ["published"]


def test_views_work_without_any_imported_figures(tmp_path: Path) -> None:
    df = published(tmp_path / "no-home-yet")
    assert set(df["year"]) == {2024, 2025}
    assert not df["is_imported"].any()


def test_unknown_measure_is_rejected_naming_row_and_column(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(tmp_path, "year,measure,value\n2023,cases.total,1\n2023,zaken.totaal,2\n")
    result = import_published(path, home, who="test")
    assert result.outcome == "rejected"
    assert [f.rule for f in result.errors] == ["unknown_measure"]
    line = result.report_nl().splitlines()[1]
    assert "kolom 'measure'" in line and "rij 3" in line and "'zaken.totaal'" in line, line
    assert not (home / IMPORTED).exists()
    assert import_log(home)["outcome"].to_list() == ["rejected"]


@pytest.mark.parametrize("year", ["twintig", "2023.5", "23", ""])
def test_bad_year_is_rejected(tmp_path: Path, year: str) -> None:
    path = write(tmp_path, f"year,measure,value\n2023,cases.total,1\n{year},cases.line1,2\n")
    result = import_published(path, tmp_path / "home", who="test")
    assert result.outcome == "rejected"
    (error,) = result.errors
    assert (error.rule, error.column, error.rows) == ("bad_year", "year", (3,))


def test_bad_value_and_missing_column(tmp_path: Path) -> None:
    comma = write(tmp_path, "year,measure,value\n2023,cases.total,9.524,5\n", "a.csv")
    (error,) = import_published(comma, tmp_path / "h", who="t").errors
    assert (error.rule, error.rows, error.values) == ("extra_fields", (2,), ("5",))
    text_value = write(tmp_path, "year,measure,value\n2023,cases.total,veel\n", "b.csv")
    assert [f.rule for f in import_published(text_value, tmp_path / "h", who="t").errors] == [
        "bad_value"
    ]
    no_value = write(tmp_path, "year,measure\n2023,cases.total\n", "c.csv")
    (error,) = import_published(no_value, tmp_path / "h", who="t").errors
    assert (error.rule, error.column) == ("missing_column", "value")


def test_merge_by_year_and_measure_the_new_file_wins(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = write(tmp_path, "year,measure,value\n2023,cases.total,1\n2023,cases.line1,2\n", "1.csv")
    second = write(
        tmp_path, "year,measure,value\n2023,cases.total,3\n2022,cases.total,4\n", "2.csv"
    )
    assert import_published(first, home, who="t").outcome == "published"
    result = import_published(second, home, who="t")
    assert result.total_rows == 3
    df = published(home)
    assert value(df, 2023, "cases.total") == 3
    assert value(df, 2023, "cases.line1") == 2
    assert value(df, 2022, "cases.total") == 4
    # an imported figure also wins over the reference file
    override = write(tmp_path, "year,measure,value\n2025,cases.total,9525\n", "3.csv")
    assert import_published(override, home, who="t").outcome == "published"
    assert value(published(home), 2025, "cases.total") == 9525


def test_dutch_excel_csv_with_decimal_comma_and_windows_1252(tmp_path: Path) -> None:
    """What Dutch Excel saves as 'CSV (gescheiden door lijstscheidingsteken)'."""
    home = tmp_path / "home"
    path = tmp_path / "jaarcijfers-2023.csv"
    path.write_bytes(
        "year;measure;value;section;note\r\n"
        "2023;cases.line2.monthly_average;156,6;2;gemiddelde per maand\r\n"
        "2023;cases.total;11000;2;geïmporteerd uit het jaarverslag\r\n".encode("cp1252")
    )
    result = import_published(path, home, who="test")
    assert result.outcome == "published", result.report_nl()
    df = published(home)
    assert value(df, 2023, "cases.line2.monthly_average") == pytest.approx(156.6)
    assert value(df, 2023, "cases.total") == 11000
    note = df.filter(year=2023, measure="cases.total")["note"][0]
    assert note == "geïmporteerd uit het jaarverslag"


def test_a_thousands_separator_is_refused_not_guessed(tmp_path: Path) -> None:
    path = write(tmp_path, "year;measure;value\n2023;cases.total;9.524\n")
    result = import_published(path, tmp_path / "home", who="test")
    assert result.outcome == "rejected"
    assert [(f.rule, f.column, f.rows) for f in result.errors] == [("bad_value", "value", (2,))]


def test_the_template_from_gegevens_imports_once_filled_in(tmp_path: Path) -> None:
    """The page's template lists every measure; the unfilled rows are skipped."""
    db = Database(DEMO_DIR, DATA_ROOT, None)
    measures = db.run("published_measures")
    assert set(measures["measure"]) == known_measures(DATA_ROOT)
    lines = csv_bytes(template(measures)).decode("utf-8-sig").splitlines()
    assert lines[0] == "year;measure;value;section;note;source"
    filled = [
        line.replace(";cases.total;;", "2019;cases.total;7450;", 1).replace(
            ";cases.line2.monthly_average;;", "2019;cases.line2.monthly_average;141,5;", 1
        )
        for line in lines
    ]
    path = tmp_path / "sjabloon-jaarcijfers.csv"
    path.write_bytes(("\ufeff" + "\n".join(filled) + "\n").encode("utf-8"))
    result = import_published(path, tmp_path / "home", who="test")
    assert result.outcome == "published", result.report_nl()
    df = published(tmp_path / "home").filter(year=2019)
    assert dict(zip(df["measure"], df["published_value"], strict=True)) == {
        "cases.total": 7450,
        "cases.line2.monthly_average": 141.5,
    }

    untouched = tmp_path / "leeg.csv"
    untouched.write_bytes(csv_bytes(template(measures)))
    empty = import_published(untouched, tmp_path / "home", who="test")
    assert empty.outcome == "rejected"
    assert [f.rule for f in empty.errors] == ["empty"]


def test_source_column_and_its_dutch_name_are_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(tmp_path, "jaar,maat,waarde,bron\n2020,abduction.cases,152,Jaarverslag 2020\n")
    result = import_published(path, home, who="test")
    assert result.outcome == "published", result.report_nl()
    df = published(home)
    assert df.filter(year=2020)["published_source"].to_list() == ["Jaarverslag 2020"]
    assert set(df.filter(year=2025)["published_source"]) == {"Jaarverslag 2025"}


def test_unknown_measure_names_the_nearest_and_refuses_the_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = write(
        tmp_path,
        "year,measure,value,source\n2020,abduction.cases,152,x\n2020,abduction.casess,1,x\n"
        "2020,abduction.children.age_under6,64,x\n2020,geheel.iets.anders.qqq,1,x\n",
    )
    result = import_published(path, home, who="test")
    assert result.outcome == "rejected"
    by_value = {f.values: f for f in result.errors}
    assert "Bedoelt u 'abduction.cases'" in by_value[("abduction.casess",)].message_nl
    assert (
        "'abduction.children.age_under_6'"
        in by_value[("abduction.children.age_under6",)].message_nl
    )
    assert by_value[("abduction.children.age_under6",)].rows == (4,)
    assert "sjabloon" in by_value[("geheel.iets.anders.qqq",)].message_nl
    assert not (home / IMPORTED).exists()


def test_skip_unknown_imports_the_good_rows_and_lists_the_rest(tmp_path: Path, capsys) -> None:
    home = tmp_path / "home"
    path = write(tmp_path, "year,measure,value\n2020,abduction.cases,152\n2020,zaken.totaal,9\n")
    assert main(["import-published", str(path), "--data-home", str(home)]) == 2
    assert "Bedoelt u" in capsys.readouterr().out
    assert main(["import-published", str(path), "--data-home", str(home), "--skip-unknown"]) == 0
    out = capsys.readouterr().out
    assert "1 rij met een onbekende maat overgeslagen" in out
    assert "WAARSCHUWING" in out and "'zaken.totaal'" in out and "rij 3" in out
    assert value(published(home), 2020, "abduction.cases") == 152
    assert published(home).filter(measure="zaken.totaal").is_empty()


def test_the_catalogue_in_python_is_the_one_the_views_label(tmp_path: Path) -> None:
    labels = Database(DEMO_DIR, DATA_ROOT, None).query_view("stg_measure_labels")
    assert set(labels["measure"]) == known_measures(DATA_ROOT)
    assert labels["measure"].is_unique().all()
    assert labels["definition_nl"].is_not_null().all()
    assert labels["section"].is_not_null().all()
