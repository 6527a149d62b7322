"""Downloads: files that open right in Dutch Excel and say what their numbers are."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import polars as pl

from dashboard import downloads, widgets
from dashboard.format import change_pct, date_nl, number

META = {
    "is_demo": True,
    "source": "Demonstratiegegevens (vast startgetal)",
    "data_until": dt.date(2026, 11, 22),
    "export_date": dt.date(2026, 11, 23),
}


def test_csv_has_semicolons_a_decimal_comma_and_a_bom() -> None:
    table = pl.DataFrame({"maat": ["Lijn 2, per maand"], "waarde": [156.58333333333334]})
    text = downloads.csv_bytes(table).decode("utf-8")
    assert text == "\ufeffmaat;waarde\nLijn 2, per maand;156,58333333333334\n"


def test_excel_says_demo_and_up_to_which_day() -> None:
    notes = downloads.notes(META, "2026 loopt nog.")
    book = openpyxl.load_workbook(
        io.BytesIO(downloads.excel_bytes(pl.DataFrame({"a": [1]}), "Overzicht 2026", notes))
    )
    assert book.sheetnames == ["Overzicht 2026", downloads.NOTES_SHEET]
    lines = [row[0] for row in book[downloads.NOTES_SHEET].iter_rows(min_row=2, values_only=True)]
    assert lines == notes
    assert "DEMONSTRATIEGEGEVENS: geen echte cijfers van Centrum IKO." in lines
    assert "Gegevens tot en met 22 november 2026; export van 23 november 2026." in lines
    assert lines[-1] == "2026 loopt nog."


def test_file_names_carry_demo_and_the_running_year() -> None:
    until = dt.date(2026, 11, 22)
    assert downloads.file_stem("overzicht-2026", META, until=until) == (
        "overzicht-2026-tm-2026-11-22-demo"
    )
    real = META | {"is_demo": False}
    assert downloads.file_stem("overzicht-2025", real) == "overzicht-2025"
    assert "DEMONSTRATIEGEGEVENS" not in " ".join(downloads.notes(real))


def test_a_download_made_in_publication_mode_hides_small_counts() -> None:
    from dashboard.publication import Publication, protect_frame

    table = pl.DataFrame({"land": ["Marokko", "Peru", "Chili"], "zaken": [38, 2, 0]})
    published = protect_frame(table, Publication())
    text = downloads.csv_bytes(published).decode("utf-8-sig")
    assert text.splitlines() == ["land;zaken", "Marokko;38", "Peru;<5", "Chili;0"]
    workbook = openpyxl.load_workbook(io.BytesIO(downloads.excel_bytes(published, "landen")))
    assert [c.value for c in workbook["landen"]["B"]] == ["zaken", "38", "<5", "0"]


def test_years_in_a_publication_download_stay_years() -> None:
    """A year is not a count: "2024", never "2.024" or "<5", whatever its column is called."""
    from dashboard.publication import Publication, protect_frame

    table = pl.DataFrame(
        {"Jaar": [2024, 2025], "year": [2024, 2025], "Jaar van opening": [2024, 2025],
         "Week": [3, 52], "zaken": [3, 40]}
    )  # fmt: skip
    text = downloads.csv_bytes(protect_frame(table, Publication())).decode("utf-8-sig")
    assert text.splitlines()[1:] == ["2024;2024;2024;3;<5", "2025;2025;2025;52;40"]


def test_no_text_becomes_a_formula_in_excel_or_csv() -> None:
    table = pl.DataFrame(
        {
            "naam": ['=HYPERLINK("http://x.example","klik")', "+31 6", "@SOM", "-2+3", "gewoon"],
            "verschil": ["-4", "-3,5 %", "+2", "0", "1"],
        }
    )
    text = downloads.csv_bytes(table).decode("utf-8-sig").splitlines()
    assert text[1] == '"\'=HYPERLINK(""http://x.example"",""klik"")";-4'
    assert [line.split(";")[0] for line in text[2:]] == ["'+31 6", "'@SOM", "'-2+3", "gewoon"]
    # a signed number stays a number
    assert [line.split(";")[-1] for line in text[1:]] == ["-4", "-3,5 %", "+2", "0", "1"]

    book = openpyxl.load_workbook(io.BytesIO(downloads.excel_bytes(table, "Blad", ["=1+1"])))
    cells = [c for row in book.worksheets[0].iter_rows(min_row=2) for c in row]
    cells += [c for row in book[downloads.NOTES_SHEET].iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert cells[0].value == '=HYPERLINK("http://x.example","klik")'  # text, as it was


# -- a table as the page shows it ---------------------------------------------------------

SHOWN = {
    "week": widgets.Column("Week"),
    "student_days": widgets.Column("Studentdagen", widgets.optional(lambda v: number(v, 1))),
    "cases": widgets.Column("Zaken", number),
    "opened": widgets.Column("Geopend", date_nl),
    "change": widgets.Column("Verschil", change_pct),
}


def shown_table() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "week": ["wk 48 (23 nov)", "wk 49 (30 nov)"],
            "student_days": [198.43276083744908, None],
            "cases": [9524, 12],
            "opened": [dt.date(2026, 11, 22), dt.date(2026, 11, 30)],
            "change": [-3.4567, 12.0],
            "not_shown": [1, 2],
        }
    )


def test_a_table_downloads_as_shown_for_dutch_excel() -> None:
    table = widgets.table_for_download(shown_table(), SHOWN)
    text = downloads.csv_bytes(table).decode("utf-8")
    assert text == (
        "\ufeffWeek;Studentdagen;Zaken;Geopend;Verschil\n"
        "wk 48 (23 nov);198,4;9524;22 november 2026;-3,5 %\n"
        "wk 49 (30 nov);;12;30 november 2026;+12,0 %\n"
    )
    # read back as Dutch Excel reads it: semicolons and decimal commas, numbers stay numbers
    back = pl.read_csv(io.BytesIO(text.encode("utf-8")), separator=";", decimal_comma=True)
    assert back.columns == ["Week", "Studentdagen", "Zaken", "Geopend", "Verschil"]
    assert back["Studentdagen"].to_list() == [198.4, None]
    assert back["Zaken"].to_list() == [9524, 12]


def test_the_excel_file_holds_numbers_rounded_as_shown() -> None:
    table = widgets.table_for_download(shown_table(), SHOWN)
    book = openpyxl.load_workbook(io.BytesIO(downloads.excel_bytes(table, "Verwachting")))
    rows = list(book["Verwachting"].iter_rows(values_only=True))
    assert rows[0] == ("Week", "Studentdagen", "Zaken", "Geopend", "Verschil")
    assert rows[1] == ("wk 48 (23 nov)", 198.4, 9524, "22 november 2026", "-3,5 %")
