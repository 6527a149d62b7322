"""Builds valid and malformed export files for the import tests, in a temporary folder.

A small valid export comes from the demo generator (a few hundred cases); every malformed case
starts from a full valid folder and breaks exactly one thing, so the expected finding is the
one the case is named for. The warnings are made the same way, but must not reject the
import. Nothing binary is committed: all of it is made here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from dashboard.contract import EXPORT_TABLES
from dashboard.importer.publish import CURRENT

UNTIL = dt.date(2026, 1, 15)
SOURCE_TEXT = "Export registratiesysteem Centrum IKO – één keer per maand"  # not ASCII


@cache
def demo_tables() -> dict[str, pl.DataFrame]:
    from dashboard.demo.generator import generate

    return generate(UNTIL)


def small_export(n_cases: int = 300, offset: int = 0) -> dict[str, pl.DataFrame]:
    """A consistent subset: `n_cases` cases (always with the ones that have a mediation)."""
    full = demo_tables()
    mediated = full["mediations"].get_column("case_id").drop_nulls().head(8)
    cases = full["cases"]
    picked = pl.concat(
        [cases.filter(pl.col("case_id").is_in(mediated.implode())), cases.slice(offset, n_cases)]
    ).unique("case_id", maintain_order=True)
    ids = picked.get_column("case_id").implode()
    return {
        "cases": picked,
        "children": full["children"].filter(pl.col("case_id").is_in(ids)),
        "contacts": full["contacts"].filter(pl.col("case_id").is_in(ids)),
        "mediations": full["mediations"].filter(pl.col("case_id").is_in(ids)),
        "export_meta": full["export_meta"].with_columns(
            is_demo=pl.lit(False),
            extrapolated_from=pl.lit(None, pl.Date),
            source=pl.lit(SOURCE_TEXT),
        ),
    }


def write_csv(
    df: pl.DataFrame, path: Path, *, separator: str = ",", encoding: str = "utf-8"
) -> Path:
    text = df.write_csv(separator=separator)
    path.write_bytes(text.encode(encoding))
    return path


def write_export(
    tables: dict[str, pl.DataFrame],
    folder: Path,
    fmt: str = "csv",
    *,
    separator: str = ",",
    encoding: str = "utf-8",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        if fmt == "parquet":
            df.write_parquet(folder / f"{name}.parquet")
        else:
            write_csv(df, folder / f"{name}.csv", separator=separator, encoding=encoding)
    return folder


def published_checksums(home: Path) -> dict[str, str]:
    """Every published byte: versions, originals and where `current` points."""
    sums = {CURRENT: os.readlink(home / CURRENT)}
    for folder in ("versions", "originals"):
        for path in sorted((home / folder).rglob("*")):
            if path.is_file():
                sums[str(path.relative_to(home))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def csv_row(index: int) -> int:
    """The row number the report gives a frame's row in its CSV file: the header is row 1."""
    return index + 2


def day_before_case(
    tables: dict[str, pl.DataFrame], table: str, column: str
) -> tuple[pl.DataFrame, int]:
    """`table` with one row's date in `column` set to the day before its case was opened
    (a case opened after 1 January 2024, so the date stays inside the export), and its index."""
    indexed = tables[table].with_row_index("__index")
    later = (
        indexed.join(tables["cases"].select("case_id", "opened_date"), on="case_id")
        .filter(pl.col("opened_date") > dt.date(2024, 1, 1))
        .sort("__index")
    )
    index = later.get_column("__index")[0]
    values = tables[table].get_column(column).to_list()
    values[index] = later.get_column("opened_date")[0] - dt.timedelta(days=1)
    return tables[table].with_columns(pl.Series(column, values, dtype=pl.Date)), index


# ---------------------------------------------------------------- the malformed corpus


@dataclass(frozen=True)
class Fault:
    name: str
    rule: str  # the finding's rule
    message: str  # a piece of the Dutch message the report must contain
    column: str | None
    make: Callable[[dict[str, pl.DataFrame], Path], None]  # breaks a valid folder in place
    hidden: tuple[str, ...] = ()  # values that must never appear in the report


def _edit(table: str, change: Callable[[pl.DataFrame], pl.DataFrame]):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        df = tables[table].with_columns(pl.all().cast(pl.String))
        write_csv(change(df), folder / f"{table}.csv")

    return make


def _set(table: str, column: str, value: str | None, row: int = 0):
    def change(df: pl.DataFrame) -> pl.DataFrame:
        values = df.get_column(column).to_list()
        values[row] = value
        return df.with_columns(pl.Series(column, values, dtype=pl.String))

    return _edit(table, change)


def _add_column(table: str, column: str, values: list[str]):
    def change(df: pl.DataFrame) -> pl.DataFrame:
        filled = (values * (df.height // len(values) + 1))[: df.height]
        return df.with_columns(pl.Series(column, filled, dtype=pl.String))

    return _edit(table, change)


def _raw(table: str, suffix: str, content: Callable[[dict[str, pl.DataFrame]], bytes]):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        (folder / f"{table}.csv").unlink()
        (folder / f"{table}{suffix}").write_bytes(content(tables))

    return make


def _csv_bytes(table: str, separator: str = ",", encoding: str = "utf-8"):
    return lambda tables: tables[table].write_csv(separator=separator).encode(encoding)


def _parquet_bytes(tables: dict[str, pl.DataFrame], table: str = "cases") -> bytes:
    import io

    buffer = io.BytesIO()
    tables[table].write_parquet(buffer)
    return buffer.getvalue()


def _truncated_csv(tables: dict[str, pl.DataFrame]) -> bytes:
    """Cut off inside the second field of a row, as a copy that stopped half-way would."""
    data = tables["contacts"].write_csv().encode()
    row_start = data.index(b"\n", len(data) // 2) + 1
    return data[: data.index(b",", row_start) + 4]


def _wrong_table(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    write_csv(tables["children"], folder / "contacts.csv")


def _unknown_table(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    write_csv(pl.DataFrame({"x": ["1"], "y": ["2"]}), folder / "bestand.csv")


def _no_mediations(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    (folder / "mediations.csv").unlink()


def _two_meta_rows(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    meta = tables["export_meta"]
    write_csv(pl.concat([meta, meta]), folder / "export_meta.csv")


def _drop_column(table: str, column: str):
    return _edit(table, lambda df: df.drop(column))


def _duplicate_first(table: str):
    return _edit(table, lambda df: pl.concat([df, df.head(1)]))


def _contact_before_case(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    contacts, _ = day_before_case(tables, "contacts", "contact_date")
    write_csv(contacts, folder / "contacts.csv")


def _ragged_row(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    lines = tables["children"].write_csv().splitlines()
    lines[3] += ",extra"
    (folder / "children.csv").write_text("\n".join(lines) + "\n")


VALID_BSN = "111222333"  # passes the 11-proef
FAULTS: tuple[Fault, ...] = (
    Fault("leeg bestand", "empty_file", "leeg", None, _raw("cases", ".csv", lambda t: b"")),
    Fault(
        "afgebroken CSV",
        "field_count",
        "afgebroken",
        None,
        _raw("contacts", ".csv", _truncated_csv),
    ),
    Fault(
        "kapotte Parquet",
        "corrupt",
        "Parquet-bestand is",
        None,
        _raw("cases", ".parquet", lambda t: b"PAR1 dit is geen parquet" * 20),
    ),
    Fault(
        "afgebroken Parquet",
        "corrupt",
        "afgebroken",
        None,
        _raw("cases", ".parquet", lambda t: _parquet_bytes(t)[: len(_parquet_bytes(t)) // 2]),
    ),
    Fault(
        "kapotte XLSX",
        "file_type",
        "geen Excel-bestand",
        None,
        _raw("cases", ".xlsx", lambda t: b"geen zip"),
    ),
    Fault(
        "verkeerde codering (UTF-16)",
        "encoding",
        "UTF-16",
        None,
        _raw("cases", ".csv", _csv_bytes("cases", encoding="utf-16")),
    ),
    Fault(
        "verkeerd scheidingsteken",
        "delimiter",
        "Scheidingsteken niet herkend",
        None,
        _raw("cases", ".csv", _csv_bytes("cases", separator="|")),
    ),
    Fault("rij met te veel velden", "field_count", "rij 4 (4 velden)", None, _ragged_row),
    Fault("bestand voor verkeerde tabel", "wrong_table", "verkeerde tabel", None, _wrong_table),
    Fault("onbekende tabel", "unknown_table", "Niet herkend", None, _unknown_table),
    Fault(
        "tabel ontbreekt",
        "missing_table",
        "Geen bestand voor tabel 'mediations'",
        None,
        _no_mediations,
    ),
    Fault(
        "kolom ontbreekt",
        "missing_column",
        "Verplichte kolom ontbreekt",
        "category_code",
        _drop_column("cases", "category_code"),
    ),
    Fault(
        "extra kolom",
        "extra_column",
        "hoort niet bij het exportcontract",
        "prioriteit",
        _add_column("cases", "prioriteit", ["hoog", "laag"]),
    ),
    Fault(
        "geen datum",
        "type",
        "geen datum",
        "contact_date",
        _set("contacts", "contact_date", "gisteren"),
    ),
    Fault(
        "geen getal",
        "type",
        "geen geheel getal",
        "age_years",
        _set("children", "age_years", "tien"),
    ),
    Fault(
        "geen ja/nee-waarde",
        "type",
        "geen ja/nee-waarde",
        "conflict_case",
        _set("cases", "conflict_case", "misschien"),
    ),
    Fault(
        "onbekende code", "code", "Onbekende code", "channel", _set("contacts", "channel", "fax")
    ),
    Fault(
        "verplicht leeg",
        "required",
        "Verplichte waarde ontbreekt",
        "contacted_by",
        _set("cases", "contacted_by", None),
    ),
    Fault(
        "id past niet", "pattern", "patroon", "contact_id", _set("contacts", "contact_id", "C-12")
    ),
    Fault(
        "landcode past niet",
        "pattern",
        "patroon",
        "country_iso2",
        _set("cases", "country_iso2", "Marokko"),
    ),
    Fault(
        "onbekend land",
        "country",
        "Onbekende landcode",
        "country_iso2",
        _set("cases", "country_iso2", "XX"),
    ),
    Fault(
        "leeftijd 18", "range", "groter dan 17", "age_years", _set("children", "age_years", "18")
    ),
    Fault(
        "negatief aantal",
        "range",
        "kleiner dan 0",
        "children_count",
        _set("cases", "children_count", "-1"),
    ),
    Fault(
        "afgesloten vóór geopend",
        "date_order",
        "afsluitdatum vóór de openingsdatum",
        "closed_date",
        _edit(
            "cases",
            lambda df: df.with_columns(
                closed_date=pl.lit("2024-01-01"), opened_date=pl.lit("2024-02-01")
            ),
        ),
    ),
    Fault(
        "contact vóór opening van de zaak",
        "date_order",
        "contactmoment vóór de openingsdatum van de zaak",
        "contact_date",
        _contact_before_case,
    ),
    Fault(
        "datum vóór 2006",
        "date_range",
        "vóór 01-01-2006",
        "contact_date",
        _set("contacts", "contact_date", "2005-12-31"),
    ),
    Fault(
        "datum na data_until",
        "date_range",
        "na data_until",
        "contact_date",
        _set("contacts", "contact_date", "2026-02-01"),
    ),
    Fault(
        "dubbel nummer", "duplicate_id", "meer dan eens", "contact_id", _duplicate_first("contacts")
    ),
    Fault(
        "contact zonder zaak",
        "reference",
        "niet in tabel 'cases'",
        "case_id",
        _set("contacts", "case_id", "Z00000000"),
    ),
    Fault(
        "kind zonder zaak",
        "reference",
        "niet in tabel 'cases'",
        "case_id",
        _set("children", "case_id", "Z00000001"),
    ),
    Fault(
        "mediation zonder zaak",
        "reference",
        "niet in tabel 'cases'",
        "case_id",
        _set("mediations", "case_id", "Z00000002"),
    ),
    Fault(
        "lijn past niet bij code",
        "line_category",
        "Lijn past niet",
        "line",
        _set("cases", "line", "1", row=0),
    ),
    Fault("twee rijen export_meta", "meta_rows", "precies één rij", None, _two_meta_rows),
    Fault(
        "kolom 'naam'",
        "personal_data",
        "kolomnaam wijst op een naam",
        "naam",
        _add_column("children", "naam", ["Sanne de Vries", "Mohamed B."]),
        hidden=("Sanne de Vries",),
    ),
    Fault(
        "kolom 'Geboortedatum'",
        "personal_data",
        "geboortedatum",
        "Geboortedatum",
        _add_column("children", "Geboortedatum", ["12-03-2015"]),
        hidden=("12-03-2015",),
    ),
    Fault(
        "e-mail in vrije kolom",
        "personal_data",
        "e-mailadressen",
        "opmerking",
        _add_column("cases", "opmerking", ["", "bel terug via j.jansen@example.nl"]),
        hidden=("j.jansen@example.nl",),
    ),
    Fault(
        "telefoonnummer in kolom",
        "personal_data",
        "telefoonnummers",
        "info",
        _add_column("contacts", "info", ["06-12345678"]),
        hidden=("06-12345678",),
    ),
    Fault(
        "BSN in kolom",
        "personal_data",
        "BSN",
        "nummer",
        _add_column("children", "nummer", [VALID_BSN]),
        hidden=(VALID_BSN,),
    ),
    Fault(
        "postcode in kolom",
        "personal_data",
        "postcodes",
        "pc",
        _add_column("cases", "pc", ["1217 AB"]),
        hidden=("1217 AB",),
    ),
    Fault(
        "geboortedatums in kolom",
        "personal_data",
        "geboortedatums",
        "d2",
        _add_column("children", "d2", ["1984-05-06"]),
        hidden=("1984-05-06",),
    ),
    Fault(
        "e-mail in contractkolom",
        "personal_data",
        "e-mailadressen",
        "source",
        _set("export_meta", "source", "vragen: beheer@iko.example.nl"),
        hidden=("beheer@iko.example.nl",),
    ),
    Fault(
        "e-mail in plaats van zaaknummer",
        "personal_data",
        "e-mailadressen",
        "case_id",
        _set("children", "case_id", "ouder@example.com"),
        hidden=("ouder@example.com",),
    ),
)


# ---------------------------------------------------------------- warnings


@dataclass(frozen=True)
class Warned:
    name: str
    rule: str
    message: str  # a piece of the Dutch message
    file: str  # the CSV file the warning names
    column: str
    # the changed tables, and the row of `file` (as the report numbers it) the warning names
    make: Callable[[dict[str, pl.DataFrame]], tuple[dict[str, pl.DataFrame], int]]


def _mediation_before_case(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], int]:
    mediations, index = day_before_case(tables, "mediations", "received_date")
    return {"mediations": mediations}, csv_row(index)


def _children_count_off(tables: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], int]:
    """One case counts a child more than it has rows; another has none and says 0 (fine)."""
    cases = tables["cases"]
    counts = cases.get_column("children_count").to_list()
    more = next(i for i, n in enumerate(counts) if 0 < n < 15)
    none = next(i for i, n in enumerate(counts) if n > 0 and i != more)
    counts[more] += 1
    counts[none] = 0
    childless = cases.get_column("case_id")[none]
    return {
        "cases": cases.with_columns(
            pl.Series("children_count", counts).cast(cases.schema["children_count"])
        ),
        "children": tables["children"].filter(pl.col("case_id") != childless),
    }, csv_row(more)


WARNINGS: tuple[Warned, ...] = (
    Warned(
        "mediationverzoek vóór opening van de zaak",
        "date_order_case",
        "telt zoals geregistreerd",
        "mediations.csv",
        "received_date",
        _mediation_before_case,
    ),
    Warned(
        "aantal kinderen wijkt af van de kindrijen",
        "children_count",
        "telt kinderen met children_count; de leeftijdsverdeling telt de rijen in 'children'",
        "cases.csv",
        "children_count",
        _children_count_off,
    ),
)


def build_fault(fault: Fault, tables: dict[str, pl.DataFrame], folder: Path) -> Path:
    """A valid CSV export in `folder` with exactly this fault in it."""
    if folder.exists():
        shutil.rmtree(folder)
    write_export({t: tables[t] for t in EXPORT_TABLES}, folder)
    fault.make(tables, folder)
    return folder


# ---------------------------------------------------------------- damaged and odd files
#
# Every way a registration system, Excel, a download or a person can damage an export,
# each with the one outcome it must have: published (as the contract allows, perhaps with a
# warning) or rejected with a Dutch finding that names the file (and the row and column
# where there is one). Each case starts from a small valid CSV export and changes it.


@dataclass(frozen=True)
class Damage:
    name: str
    make: Callable[[dict[str, pl.DataFrame], Path], list[Path] | None]  # None: the folder
    outcome: str  # "published" or "rejected"
    rule: str | None = None  # the finding that must be there (error, or warning if published)
    message: str = ""  # a piece of its Dutch message
    file: str | None = None  # a piece of the file name it names
    column: str | None = None
    limits: dict | None = None  # Limits fields for this case (a smaller limit to reach)
    # the row (as the report numbers it) the finding must name, or how to find it in the tables
    row: int | Callable[[dict[str, pl.DataFrame]], int] | None = None

    def row_in(self, tables: dict[str, pl.DataFrame]) -> int | None:
        return self.row(tables) if callable(self.row) else self.row


def _bytes_of(folder: Path, table: str) -> bytes:
    return (folder / f"{table}.csv").read_bytes()


def _rewrite(table: str, change: Callable[[bytes], bytes], suffix: str = ".csv"):
    """Replace `table`.csv by `change` of its bytes, saved as `table``suffix`."""

    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        data = _bytes_of(folder, table)
        (folder / f"{table}.csv").unlink()
        (folder / f"{table}{suffix}").write_bytes(change(data))

    return make


def _replace(table: str, content: bytes, suffix: str = ".csv"):
    return _rewrite(table, lambda _: content, suffix)


def _first_row_with(table: str, text: str):
    """The row (header = 1) of `table` as CSV where `text` first occurs."""

    def row(tables: dict[str, pl.DataFrame]) -> int:
        lines = tables[table].write_csv().split("\n")
        return next(i for i, line in enumerate(lines, start=1) if text in line)

    return row


def _lines_of(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _set_cell(table: str, column: str, value: str, row: int = 0):
    """One value of a CSV written as-is (row 0 = the first data row)."""

    def change(data: bytes) -> bytes:
        lines = _lines_of(data)
        header = lines[0].decode().split(",")
        fields = lines[row + 1].decode().split(",")
        fields[header.index(column)] = value
        lines[row + 1] = ",".join(fields).encode()
        return b"\n".join(lines)

    return _rewrite(table, change)


def _header_only(*tables_: str):
    return [_rewrite(t, lambda data: _lines_of(data)[0] + b"\n") for t in tables_]


def _all(*makers):
    def make(tables, folder):
        for m in makers:
            m(tables, folder)

    return make


def _xlsx(
    table: str,
    *,
    edit: Callable | None = None,
    extra_sheet: bool = False,
    first_sheet_empty: bool = False,
):
    """`table` as an XLSX written by xlsxwriter; `edit(workbook, sheet, frame)` adds damage."""
    import xlsxwriter

    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        (folder / f"{table}.csv").unlink()
        frame = tables[table]
        book = xlsxwriter.Workbook(folder / f"{table}.xlsx")
        if first_sheet_empty:
            book.add_worksheet("Leeg")
        sheet = book.add_worksheet("Blad1")
        sheet.write_row(0, 0, frame.columns)
        for i, row in enumerate(frame.iter_rows(), start=1):
            sheet.write_row(i, 0, ["" if v is None else v for v in row])
        if extra_sheet:
            book.add_worksheet("Toelichting").write(0, 0, "Export van januari")
        if edit:
            edit(book, sheet, frame)
        book.close()

    return make


def _rezip(table: str, change: Callable[[str, bytes], bytes | None], add: dict | None = None):
    """Rewrite the ZIP inside `table`.xlsx: each member through `change` (None drops it)."""
    import zipfile

    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        path = folder / f"{table}.xlsx"
        with zipfile.ZipFile(path) as archive:
            members = [(m, archive.read(m)) for m in archive.namelist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members:
                new = change(name, data)
                if new is not None:
                    archive.writestr(name, new)
            for name, data in (add or {}).items():
                archive.writestr(name, data)

    return make


def _cut_sheet(name: str, data: bytes) -> bytes:
    return (
        data[: len(data) // 2]
        if name.endswith("sheet2.xml") or name.endswith("sheet1.xml")
        else data
    )


def _parquet(table: str, change: Callable[[pl.DataFrame], pl.DataFrame] | None = None):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        (folder / f"{table}.csv").unlink()
        frame = tables[table] if change is None else change(tables[table])
        frame.write_parquet(folder / f"{table}.parquet")

    return make


def _arrow_parquet(table: str, change: Callable):
    """Parquet written by pyarrow from an Arrow table `change(frame.to_arrow())`: types Polars
    would not write itself (binary, bytes that are not UTF-8)."""

    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        import pyarrow.parquet as pq

        (folder / f"{table}.csv").unlink()
        pq.write_table(change(tables[table].to_arrow()), folder / f"{table}.parquet")

    return make


def _binary_case_ids(valid: bool):
    def change(arrow):
        import pyarrow as pa

        ids = [v.encode() for v in arrow.column("case_id").to_pylist()]
        if not valid:
            ids[3] = b"\xff\xfe\x00"
        index = arrow.schema.get_field_index("case_id")
        return arrow.set_column(index, "case_id", pa.array(ids, pa.binary()))

    return change


def _symlink_out(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    outside = folder.parent / "elders"
    outside.mkdir(exist_ok=True)
    (folder / "cases.csv").rename(outside / "cases.csv")
    (folder / "cases.csv").symlink_to(outside / "cases.csv")


def _symlink_dir_out(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    outside = folder.parent / "elders-map"
    outside.mkdir(exist_ok=True)
    (folder / "contacts.csv").rename(outside / "contacts.csv")
    (folder / "contacts").symlink_to(outside)


def _symlink_inside(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    (folder / "bron").mkdir()
    (folder / "cases.csv").rename(folder / "bron" / "zaken.dat")
    (folder / "cases.csv").symlink_to(Path("bron") / "zaken.dat")


def _dangling(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    (folder / "cases_extra.csv").symlink_to(folder / "bestaat-niet.csv")


def _fifo(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    (folder / "contacts.csv").unlink()
    os.mkfifo(folder / "contacts.csv")


def _sparse(size: int):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        (folder / "contacts.csv").unlink()
        with (folder / "contacts.csv").open("wb") as f:
            f.truncate(size)  # a hole: all zeros, no disk used

    return make


def _missing_named_file(tables: dict[str, pl.DataFrame], folder: Path) -> list[Path]:
    return [*sorted(folder.iterdir()), folder / "cases_februari.csv"]


def _empty_folder(tables: dict[str, pl.DataFrame], folder: Path) -> list[Path]:
    (folder.parent / "leeg").mkdir(exist_ok=True)
    return [folder, folder.parent / "leeg"]


def _name_with_newline(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    data = _bytes_of(folder, "contacts").replace(b",phone,", b",fax,", 1)
    (folder / "contacts.csv").unlink()
    (folder / "contacts_\nFOUT nep.csv").write_bytes(data)


def _split_table(header_only_part: bool):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        lines = _lines_of(_bytes_of(folder, "cases"))
        (folder / "cases.csv").unlink()
        if header_only_part:
            (folder / "cases_1.csv").write_bytes(b"\n".join(lines))
            (folder / "cases_2.csv").write_bytes(lines[0] + b"\n")
        else:
            half = len(lines) // 2
            (folder / "cases_1.csv").write_bytes(b"\n".join(lines[:half]) + b"\n")
            (folder / "cases_2.csv").write_bytes(b"\n".join([lines[0], *lines[half:]]))

    return make


def _ignored_files(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    (folder / ".~lock.cases.csv#").write_text("iemand,pc,01.01.2026;")
    (folder / "~$cases.xlsx").write_bytes(b"\x00" * 100)
    (folder / "__MACOSX").mkdir()
    (folder / "__MACOSX" / "._cases.csv").write_bytes(b"\x00\x05\x16\x07" * 20)
    (folder / "Thumbs.db").write_bytes(b"\x00" * 50)
    (folder / "LEESMIJ.md").write_text("Export van januari")


def _quoted_source(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    meta = tables["export_meta"].with_columns(
        source=pl.lit('Export; "maandelijks",\nmet regeleinde')
    )
    write_csv(meta, folder / "export_meta.csv")


def _long_quoted_field(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    meta = tables["export_meta"].with_columns(source=pl.lit("x" * 200_000))
    write_csv(meta, folder / "export_meta.csv")


def _unclosed_quote_long(data: bytes) -> bytes:
    lines = _lines_of(data)
    lines[2] = b'"' + lines[2]
    padding = [b"C%08X,Z00000000,2024-01-01,phone,parent" % i for i in range(5000)]
    return b"\n".join(lines + padding) + b"\n"


def _mixed_in_one_line(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    data = _bytes_of(folder, "export_meta").replace("één".encode(), "één".encode() + b" \xe9")
    (folder / "export_meta.csv").write_bytes(data)


def _child_cut_mid_number(data: bytes) -> bytes:
    """The issue's example: the last age '12' cut to '1' (no final line break)."""
    lines = [line for line in _lines_of(data) if line]
    fields = lines[-1].split(b",")
    fields[-1] = b"12"
    lines[-1] = b",".join(fields)
    return b"\n".join(lines)[:-1]


def _serial_dates(data: bytes) -> bytes:
    lines = _lines_of(data)
    header = lines[0].split(b",")
    at = header.index(b"contact_date")
    for i in range(1, len(lines)):
        if lines[i]:
            fields = lines[i].split(b",")
            day = dt.date.fromisoformat(fields[at].decode())
            fields[at] = str((day - dt.date(1899, 12, 30)).days).encode()
            lines[i] = b",".join(fields)
    return b"\n".join(lines)


def _formula(calculated: bool):
    def edit(book, sheet, frame) -> None:
        column = frame.columns.index("children_count")
        if calculated:
            sheet.write_formula(3, column, "=1+1", None, 2)
        else:
            sheet.write_formula(3, column, "=1+1")  # xlsxwriter stores 0 as the cached value

    return edit


def _merge(book, sheet, frame) -> None:
    column = frame.columns.index("line")
    sheet.merge_range(2, column, 4, column, 2)


def _beyond_header(book, sheet, frame) -> None:
    sheet.write(5, len(frame.columns) + 1, "vergeten kolom")


def _error_cell(book, sheet, frame) -> None:
    sheet.write_formula(2, frame.columns.index("children_count"), "=NA()", None, "#N/A")


def _title_row(tables: dict[str, pl.DataFrame], folder: Path) -> None:
    import xlsxwriter

    (folder / "cases.csv").unlink()
    frame = tables["cases"]
    book = xlsxwriter.Workbook(folder / "cases.xlsx")
    sheet = book.add_worksheet()
    sheet.write(0, 0, "Export zaken Centrum IKO")
    sheet.write_row(2, 0, frame.columns)
    for i, row in enumerate(frame.iter_rows(), start=3):
        sheet.write_row(i, 0, ["" if v is None else v for v in row])
    book.close()


def _keep(name: str, data: bytes) -> bytes:
    return data


def _drop_workbook(name: str, data: bytes) -> bytes | None:
    return None if name == "xl/workbook.xml" else data


def _mediation_int(column: str, value: int):
    return _parquet(
        "mediations",
        lambda df: df.with_columns(
            pl.when(pl.int_range(pl.len()) == 0)
            .then(pl.lit(value, pl.Int64))
            .otherwise(pl.col(column).cast(pl.Int64))
            .alias(column)
        ),
    )


def _rename(old: str, new: str):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        (folder / old).rename(folder / new)

    return make


def _copy_of(name: str, table: str):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        write_csv(tables[table], folder / name)

    return make


def _truncate(name: str, share: float):
    def make(tables: dict[str, pl.DataFrame], folder: Path) -> None:
        data = (folder / name).read_bytes()
        (folder / name).write_bytes(data[: int(len(data) * share)])

    return make


def _drop_last_field(data: bytes, row: int) -> bytes:
    """Row `row` (as the report numbers it) loses its last field."""
    lines = _lines_of(data)
    lines[row - 1] = lines[row - 1].rsplit(b",", 1)[0]
    return b"\n".join(lines)


HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Sessie verlopen</title></head><body>Log opnieuw in.</body></html>
"""

DAMAGED: tuple[Damage, ...] = (
    # -- the seven crash kinds of the outside suite
    Damage(
        "BOM en één Windows-1252-teken",
        _rewrite("export_meta", lambda d: b"\xef\xbb\xbf" + d.replace("één".encode(), b"\xe9\xe9")),
        "rejected", "encoding", "mengt twee tekensets", "export_meta.csv",
    ),
    Damage(
        "kinderen 40000", _set_cell("cases", "children_count", "40000"),
        "rejected", "range", "groter dan 15", "cases.csv", "children_count",
    ),
    Damage(
        "lijn 300", _set_cell("cases", "line", "300"),
        "rejected", "code", "Onbekende code", "cases.csv", "line",
    ),
    Damage(
        "40000 kindgesprekken", _set_cell("mediations", "child_interviews", "40000"),
        "rejected", "range", "groter dan 50", "mediations.csv", "child_interviews",
    ),
    Damage(
        "XLSX met afgebroken werkblad-XML",
        _all(_xlsx("cases"), _rezip("cases", _cut_sheet)),
        "rejected", "corrupt", "werkblad", "cases.xlsx",
    ),
    Damage(
        "Parquet met bytes die geen UTF-8 zijn",
        _arrow_parquet("cases", _binary_case_ids(valid=False)),
        "rejected", "type", "geen tekst (UTF-8)", "cases.parquet", "case_id",
    ),
    Damage(
        "Parquet met een lijstkolom",
        _parquet("children", lambda df: df.with_columns(age_years=pl.concat_list("age_years"))),
        "rejected", "type", "samengesteld", "children.parquet", "age_years",
    ),
    Damage(
        "export_meta met alleen een kopregel", _header_only("export_meta")[0],
        "rejected", "meta_rows", "rij 2", "export_meta.csv", row=2,
    ),
    # -- the two wrong acceptances
    Damage(
        "vier datatabellen met alleen een kopregel",
        _all(*_header_only("cases", "children", "contacts", "mediations")),
        "rejected", "empty_table", "cases.csv heeft geen rijen",
    ),
    Damage(
        "opgegeven bestand bestaat niet", _missing_named_file,
        "rejected", "file_missing", "bestaat niet", "cases_februari.csv",
    ),
    # -- encodings
    Damage(
        "UTF-8 met één Windows-1252-teken op dezelfde regel", _mixed_in_one_line,
        "rejected", "encoding", "mengt twee tekensets", "export_meta.csv",
    ),
    Damage(
        "Windows-1252 zonder UTF-8", _rewrite("export_meta", lambda d: d.decode().encode("cp1252")),
        "published",
    ),
    Damage("UTF-8 met BOM", _rewrite("cases", lambda d: b"\xef\xbb\xbf" + d), "published"),
    Damage(
        "dubbele BOM", _rewrite("cases", lambda d: b"\xef\xbb\xbf\xef\xbb\xbf" + d), "published"
    ),
    Damage(
        "UTF-16 met BOM", _rewrite("cases", lambda d: d.decode().encode("utf-16")),
        "rejected", "encoding", "UTF-16", "cases.csv",
    ),
    Damage(
        "UTF-16 zonder BOM", _rewrite("cases", lambda d: d.decode().encode("utf-16-le")),
        "rejected", "encoding", "UTF-16", "cases.csv",
    ),
    Damage(
        "UTF-32", _rewrite("cases", lambda d: d.decode().encode("utf-32")),
        "rejected", "encoding", "UTF-32", "cases.csv",
    ),
    Damage(
        "NUL-teken vooraan", _rewrite("cases", lambda d: d.replace(b",", b"\x00", 1)),
        "rejected", "csv_syntax", "kopregel bevat een NUL-teken", "cases.csv",
        "case_id\x00family_id", row=1,
    ),
    Damage(
        "NUL-teken in een waarde",
        _rewrite("contacts", lambda d: d.replace(b",phone,", b",ph\x00one,", 1)),
        "rejected", "csv_syntax", "waarde bevat een NUL-teken", "contacts.csv", "channel",
        row=_first_row_with("contacts", ",phone,"),
    ),
    Damage(
        "NUL-opvulling na de laatste regel",
        _rewrite("contacts", lambda d: d + b"\x00" * 4096),
        "rejected", "csv_syntax", "volgen 4.096 NUL-tekens", "contacts.csv",
        row=lambda tables: tables["contacts"].height + 2,  # the line after the last row
    ),
    Damage(
        "NUL-teken na de eerste 8 KiB",
        _rewrite("contacts", lambda d: d.replace(b"\n", b"\n" * 9000, 1)[:-3] + b"\x00\n"),
        "rejected", "csv_syntax", "NUL-teken", "contacts.csv",
    ),
    Damage(
        "binaire rommel", _replace("cases", random.Random(7).randbytes(4096)),
        "rejected", "file_type", "binaire gegevens", "cases.csv",
    ),
    Damage(
        "ongeldig teken in UTF-8 en Windows-1252", _rewrite("cases", lambda d: d + b"\x81\n"),
        "rejected", "encoding", "geen UTF-8 en geen Windows-1252", "cases.csv",
    ),
    # -- not a CSV at all
    Damage("leeg bestand", _replace("cases", b""), "rejected", "empty_file", "0 bytes"),
    Damage("alleen een BOM", _replace("cases", b"\xef\xbb\xbf"), "rejected", "empty_file"),
    Damage("alleen regeleinden", _replace("cases", b"\r\n\r\n"), "rejected", "empty_file"),
    Damage(
        "webpagina in plaats van export", _replace("cases", HTML_PAGE),
        "rejected", "file_type", "webpagina", "cases.csv",
    ),
    Damage(
        "JSON in plaats van CSV", _replace("cases", b'[{"case_id": "Z1"}]'),
        "rejected", "file_type", "JSON", "cases.csv",
    ),
    Damage(
        "gzip met .csv", _rewrite("cases", lambda d: __import__("gzip").compress(d)),
        "rejected", "file_type", "ingepakt", "cases.csv",
    ),
    Damage(
        "PDF met .csv", _replace("cases", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        "rejected", "file_type", "PDF", "cases.csv",
    ),
    Damage(
        "Excel-bestand met .csv", _all(_xlsx("cases"), _rename("cases.xlsx", "cases.csv")),
        "rejected", "file_type", "ZIP-archief", "cases.csv",
    ),
    Damage(
        "Parquet met .csv", _all(_parquet("cases"), _rename("cases.parquet", "cases.csv")),
        "rejected", "file_type", "Parquet-bestand", "cases.csv",
    ),
    Damage(
        "CSV met .parquet", _rename("cases.csv", "cases.parquet"),
        "rejected", "file_type", "tekst", "cases.parquet",
    ),
    Damage(
        "1 GiB aan nullen", _sparse(1 << 30),
        "rejected", "file_type", "binaire gegevens", "contacts.csv",
    ),
    Damage(
        "3 GiB", _sparse(3 << 30), "rejected", "too_large", "de grens is 2,0 GiB", "contacts.csv"
    ),
    # -- line ends and blank rows
    Damage("CRLF", _rewrite("cases", lambda d: d.replace(b"\n", b"\r\n")), "published"),
    Damage("alleen CR", _rewrite("cases", lambda d: d.replace(b"\n", b"\r")), "published"),
    Damage(
        "gemengde regeleinden",
        _rewrite("cases", lambda d: d.replace(b"\n", b"\r\n", 5)),
        "published",
    ),
    Damage(
        "rij met alleen scheidingstekens aan het eind",
        _rewrite("cases", lambda d: d + b",,,,,,,,,,,,,\r\n"), "published",
    ),
    Damage(
        "scheidingstekens aan het eind zonder regeleinde",
        _rewrite("cases", lambda d: d + b",,,,,,,,,,,,,"), "published",
    ),
    Damage("lege regels aan het eind", _rewrite("cases", lambda d: d + b"\n\n  \n"), "published"),
    Damage(
        "lege regel in het midden",
        _rewrite("cases", lambda d: d.replace(b"\n", b"\n\n", 3)),
        "published",
    ),
    Damage(
        "geen regeleinde na de laatste rij", _rewrite("cases", lambda d: d.rstrip(b"\n")),
        "rejected", "no_final_newline", "midden in rij", "cases.csv",
    ),
    Damage(
        "leeftijd 12 afgebroken tot 1", _rewrite("children", _child_cut_mid_number),
        "rejected", "no_final_newline", "afgebroken tot 1", "children.csv",
    ),
    # -- quotes and fields
    Damage(
        "aanhalingsteken niet gesloten",
        _rewrite("contacts", lambda d: d.replace(b"\n", b'\n"', 2).replace(b'\n"', b"\n", 1)),
        "rejected", "csv_syntax", "nergens wordt gesloten", "contacts.csv",
    ),
    Damage(
        "aanhalingsteken niet gesloten, veldgrens bereikt",
        _rewrite("contacts", _unclosed_quote_long),
        "rejected", "csv_syntax", "nergens wordt gesloten", "contacts.csv",
    ),
    Damage(
        "aanhalingsteken midden in een veld",
        _rewrite("contacts", lambda d: d.replace(b",phone,", b',"ph"one,', 1)),
        "rejected", "csv_syntax", "midden in een veld", "contacts.csv",
    ),
    Damage("velden tussen aanhalingstekens met ; , en regeleinde", _quoted_source, "published"),
    Damage(
        "veld van 200.000 tekens", _long_quoted_field,
        "rejected", "csv_syntax", "langer dan 131.072 tekens", "export_meta.csv",
    ),
    Damage(
        "rij met een veld te weinig",
        _rewrite("children", lambda d: _drop_last_field(d, 3)),
        "rejected", "field_count", "rij 3 (2 velden)", "children.csv",
    ),
    Damage(
        "lege velden aan het eind van een rij",
        _rewrite("children", lambda d: d.replace(b"\n", b",,\n")),
        "published",
    ),
    # -- header
    Damage(
        "kolomnaam dubbel",
        _rewrite("children", lambda d: d.replace(b"age_years", b"age_years,age_years", 1)),
        "rejected", "header", "dubbel", "children.csv",
    ),
    Damage(
        "lege kolomnaam",
        _rewrite("children", lambda d: d.replace(b"case_id", b"case_id,", 1)),
        "rejected", "header", "lege kolomnaam (kolom 3)", "children.csv",
    ),
    Damage(
        "kopregel nog eens halverwege",
        _rewrite("children", lambda d: d + _lines_of(d)[0] + b"\n" + _lines_of(d)[1] + b"\n"),
        "rejected", "header", "nog eens in rij", "children.csv",
    ),
    Damage(
        "kolomnamen in hoofdletters",
        _rewrite("cases", lambda d: d.replace(b"opened_date", b"Opened_Date", 1)),
        "rejected", "column_case", "kleine letters", "cases.csv", "Opened_Date",
    ),
    Damage(
        "kopregel helemaal in hoofdletters",
        _rewrite("contacts", lambda d: _lines_of(d)[0].upper() + d[d.index(b"\n"):]),
        "rejected", "column_case", "kleine letters", "contacts.csv", "CONTACT_DATE",
    ),
    Damage(
        "tikfout in kolomnaam",
        _rewrite("cases", lambda d: d.replace(b"opened_date", b"opend_date", 1)),
        "rejected", "extra_column", "Bedoelt u 'opened_date'?", "cases.csv", "opend_date",
    ),
    Damage(
        "spaties rond kolomnamen",
        _rewrite("children", lambda d: d.replace(b"child_id,", b" child_id ,", 1)),
        "published",
    ),
    Damage(
        "komma achter de kopregel", _rewrite("children", lambda d: d.replace(b"\n", b",\n")),
        "published",
    ),
    # -- values
    Damage("puntkomma-CSV", _rewrite("cases", lambda d: d.replace(b",", b";")), "published"),
    Damage("tab-gescheiden", _rewrite("cases", lambda d: d.replace(b",", b"\t")), "published"),
    Damage(
        "datum als 15/01/2024", _set_cell("contacts", "contact_date", "15/01/2024"),
        "rejected", "type", "geen datum", "contacts.csv", "contact_date",
    ),
    Damage(
        "Amerikaanse datum 01-15-2024", _set_cell("contacts", "contact_date", "01-15-2024"),
        "rejected", "type", "geen datum", "contacts.csv", "contact_date",
    ),
    Damage(
        "datum met een tijd", _set_cell("contacts", "contact_date", "2024-03-04 13:45"),
        "rejected", "type", "geen datum", "contacts.csv", "contact_date",
    ),
    Damage(
        "datum met tweecijferig jaar", _set_cell("contacts", "contact_date", "04-03-24"),
        "rejected", None, "", "contacts.csv", "contact_date",
    ),
    Damage("Excel-dagnummers in een CSV", _rewrite("contacts", _serial_dates), "published"),
    Damage(
        "getal met decimale komma", _set_cell("children", "age_years", '"7,0"'),
        "rejected", "type", "geen geheel getal", "children.csv", "age_years",
    ),
    Damage(
        "reusachtig getal", _set_cell("children", "age_years", "99999999999999999999"),
        "rejected", "type", "geen geheel getal", "children.csv", "age_years",
    ),
    Damage(
        "nulbreedte-spatie in een nummer", _set_cell("children", "child_id", "K1234\u200b5678"),
        "rejected", "pattern", "patroon", "children.csv", "child_id",
    ),
    Damage(
        "formule als waarde",
        _set_cell("contacts", "channel", '"=HYPERLINK(""http://x.example"",""klik"")"'),
        "rejected", "code", "Onbekende code", "contacts.csv", "channel",
    ),
    Damage(
        "spaties en harde spaties rond waarden",
        _set_cell("children", "age_years", " 7\u00a0"), "published",
    ),
    Damage(
        "ja/nee als WAAR en ONWAAR",
        _rewrite("cases", lambda d: d.replace(b",true", b",WAAR").replace(b",false", b",ONWAAR")),
        "published",
    ),
    # -- names, folders and links
    Damage(
        "bestandsnaam met regeleinde", _name_with_newline,
        "rejected", "code", "Onbekende code", "contacts_\\x0aFOUT nep.csv", "channel",
    ),
    Damage("hoofdletters in de extensie", _rename("cases.csv", "cases.CSV"), "published"),
    Damage("tabel in twee bestanden", _split_table(header_only_part=False), "published"),
    Damage("een deel met alleen een kopregel", _split_table(header_only_part=True), "published"),
    Damage("verborgen en tijdelijke bestanden", _ignored_files, "published"),
    Damage(
        "koppeling naar een bestand buiten de map", _symlink_out,
        "rejected", "link", "buiten de importmap", "cases.csv",
    ),
    Damage(
        "koppeling naar een map buiten de map", _symlink_dir_out,
        "rejected", "link", "buiten de importmap", "contacts",
    ),
    Damage("koppeling binnen de map", _symlink_inside, "published"),
    Damage(
        "koppeling naar niets", _dangling, "rejected", "link", "naar niets", "cases_extra.csv"
    ),
    Damage(
        "pipe in plaats van bestand", _fifo,
        "rejected", "file_type", "geen gewoon bestand", "contacts.csv",
    ),
    Damage("lege map erbij", _empty_folder, "rejected", "no_files", "geen CSV-", "leeg"),
    Damage(
        "zelfde tabel als CSV en XLSX", _all(_xlsx("cases"), _copy_of("cases_kopie.csv", "cases")),
        "rejected", "duplicate_id", "meer dan eens", "cases",
    ),
    # -- XLSX
    Damage("XLSX", _xlsx("cases"), "published"),
    Damage(
        "XLSX afgebroken (ZIP)", _all(_xlsx("cases"), _truncate("cases.xlsx", 0.5)),
        "rejected", "corrupt", "ZIP-archief", "cases.xlsx",
    ),
    Damage(
        "XLSX met een nooit berekende formule", _xlsx("cases", edit=_formula(calculated=False)),
        "rejected", "formula", "M4 (kolom children_count)", "cases.xlsx",
    ),
    Damage(
        "XLSX met een berekende formule", _xlsx("cases", edit=_formula(calculated=True)),
        "rejected", "formula", "kolom children_count", "cases.xlsx",
    ),
    Damage(
        "XLSX met samengevoegde cellen", _xlsx("cases", edit=_merge),
        "rejected", "merged_cells", "samengevoegde cellen", "cases.xlsx",
    ),
    Damage(
        "XLSX met een waarde naast de kopregel", _xlsx("cases", edit=_beyond_header),
        "rejected", "field_count", "rij 6", "cases.xlsx",
    ),
    Damage(
        "XLSX met een foutcel #N/A", _xlsx("cases", edit=_error_cell),
        "rejected", "formula", "formule", "cases.xlsx",
    ),
    Damage(
        "XLSX met een titel boven de kopregel", _title_row,
        "rejected", "header", "zonder titel", "cases.xlsx",
    ),
    Damage(
        "XLSX met een tweede werkblad", _xlsx("cases", extra_sheet=True),
        "published", "other_sheets", "'Toelichting'", "cases.xlsx",
    ),
    Damage(
        "XLSX met een leeg eerste werkblad", _xlsx("cases", first_sheet_empty=True),
        "rejected", "empty_file", "eerste werkblad is leeg", "cases.xlsx",
    ),
    Damage(
        "XLSX zip-bom",
        _all(_xlsx("cases"), _rezip("cases", _keep, {"xl/media/image1.png": b"\0" * (20 << 20)})),
        "rejected", "too_large", "zip-bom", "cases.xlsx",
    ),
    Damage(
        "XLSX zonder werkmap", _all(_xlsx("cases"), _rezip("cases", _drop_workbook)),
        "rejected", "corrupt", "geen Excel-werkmap", "cases.xlsx",
    ),
    Damage(
        "met wachtwoord beveiligde XLSX",
        _replace("cases", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000, ".xlsx"),
        "rejected", "file_type", "wachtwoord", "cases.xlsx",
    ),
    Damage(
        "XLSX te veel rijen", _xlsx("contacts"),
        "rejected", "too_large", "meer dan 50 rijen", "contacts.xlsx", limits={"rows": 50},
    ),
    Damage(
        "XLSX die zegt te veel rijen te hebben", _xlsx("contacts"),
        "rejected", "too_large", "het werkblad zegt", "contacts.xlsx", limits={"xlsx_rows": 50},
    ),
    Damage(
        "XLSX uitgepakt te groot", _xlsx("contacts"),
        "rejected", "too_large", "uitgepakt", "contacts.xlsx",
        limits={"xlsx_expanded_bytes": 20_000},
    ),
    # -- Parquet
    Damage("Parquet", _parquet("cases"), "published"),
    Damage(
        "Parquet met tekst als bytes", _arrow_parquet("cases", _binary_case_ids(valid=True)),
        "published",
    ),
    Damage(
        "Parquet met datums als getal",
        _parquet("contacts", lambda df: df.with_columns(pl.col("contact_date").cast(pl.Int32))),
        "rejected", "type", "geen datum", "contacts.parquet", "contact_date",
    ),
    Damage(
        "Parquet met datums als tijdstip",
        _parquet("contacts", lambda df: df.with_columns(pl.col("contact_date").cast(pl.Datetime))),
        "published",
    ),
    Damage(
        "Parquet met een structuurkolom",
        _parquet("children", lambda df: df.with_columns(age_years=pl.struct("age_years"))),
        "rejected", "type", "samengesteld", "children.parquet", "age_years",
    ),
    Damage(
        "Parquet met een tijdsduur",
        _parquet(
            "children",
            lambda df: df.with_columns(pl.duration(days=pl.col("age_years")).alias("age_years")),
        ),
        "rejected", "type", "tijdsduur", "children.parquet", "age_years",
    ),
    Damage(
        "Parquet met categorieën",
        _parquet("contacts", lambda df: df.with_columns(pl.col("channel").cast(pl.Categorical))),
        "published",
    ),
    Damage(
        "Parquet met 40000 kindgesprekken", _mediation_int("child_interviews", 40_000),
        "rejected", "range", "groter dan 50", "mediations.parquet", "child_interviews",
    ),
    Damage(
        "Parquet met pandas-index",
        _parquet("cases", lambda df: df.with_columns(__index_level_0__=pl.int_range(pl.len()))),
        "rejected", "extra_column", "hoort niet bij", "cases.parquet", "__index_level_0__",
    ),
    Damage(
        "Parquet zonder rijen", _parquet("mediations", lambda df: df.head(0)),
        "rejected", "empty_table", "mediations.parquet heeft geen rijen",
    ),
    Damage(
        "Parquet met PAR1 en rommel",
        _replace("cases", b"PAR1" + b"\x07" * 500 + b"PAR1", ".parquet"),
        "rejected", "corrupt", "beschadigd", "cases.parquet",
    ),
    Damage(
        "Parquet te veel rijen", _parquet("contacts"),
        "rejected", "too_large", "meer dan 50 rijen", "contacts.parquet", limits={"rows": 50},
    ),
    # -- time
    Damage(
        "tijdgrens", lambda t, f: None, "rejected", "time_limit", "duurt langer",
        limits={"seconds": 0},
    ),
)  # fmt: skip
