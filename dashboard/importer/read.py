"""Read export files (CSV, XLSX, Parquet) into Polars frames of text, one per file.

Everything is read as text first so that validation can name the exact value that does not
fit; row numbers are kept as the user sees them (CSV/XLSX: header = row 1, first data row =
row 2; Parquet has no header row, so its first row is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from dashboard.contract import EXPORT_TABLES

SUFFIXES = (".csv", ".txt", ".xlsx", ".parquet")
ROW = "__row"  # the row number column every frame carries
# Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" with ';' and Windows-1252.
DELIMITERS = (";", ",", "\t")


class ReadError(Exception):
    """A file cannot be read at all; `rule` and `message_nl` go straight into the report."""

    def __init__(self, rule: str, message_nl: str) -> None:
        super().__init__(message_nl)
        self.rule = rule
        self.message_nl = message_nl


@dataclass
class SourceFile:
    path: Path
    label: str = ""  # how the report names the file: its name, or its path inside the folder
    table: str | None = None  # from the file or folder name; None = decide by the columns
    frame: pl.DataFrame | None = None  # all columns as text plus ROW
    detail_nl: str = ""  # what was detected, e.g. "CSV, puntkomma, Windows-1252"
    warning_nl: str = ""  # something to check that does not reject the file
    header_row: bool = True
    columns: list[str] = field(default_factory=list)


def collect(paths: list[Path]) -> list[SourceFile]:
    """The files to import: every given file, and every export file inside a given folder."""
    found: list[SourceFile] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in SUFFIXES and not file.name.startswith((".", "~$")):
                    label = f"{path.name}/{file.relative_to(path).as_posix()}"
                    found.append(SourceFile(file, label, table_from_name(file)))
        else:
            found.append(SourceFile(path, path.name, table_from_name(path)))
    return found


def table_from_name(path: Path) -> str | None:
    """`cases.csv`, `cases_2026-01.xlsx` or `cases/part-0.parquet` -> 'cases'."""
    # longest name first, so a future table whose name starts with another's still wins
    names = sorted(EXPORT_TABLES, key=len, reverse=True)
    stem = path.stem.lower().replace("-", "_")
    for name in names:
        if stem == name or stem.startswith(name + "_") or stem.startswith(name + "."):
            return name
    parent = path.parent.name.lower()
    return parent if parent in EXPORT_TABLES else None


def read(source: SourceFile) -> None:
    """Fill `source.frame`; raises ReadError when the file cannot be read."""
    suffix = source.path.suffix.lower()
    if not source.path.is_file():
        raise ReadError("file_missing", "Het bestand bestaat niet of is geen bestand.")
    if source.path.stat().st_size == 0:
        raise ReadError("empty_file", "Het bestand is leeg (0 bytes).")
    if suffix in (".csv", ".txt"):
        _read_csv(source)
    elif suffix == ".xlsx":
        _read_xlsx(source)
    elif suffix == ".parquet":
        _read_parquet(source)
    else:
        raise ReadError(
            "file_type",
            f"Onbekend bestandstype '{suffix}': gebruik CSV, XLSX (Excel) of Parquet.",
        )
    assert source.frame is not None
    source.columns = [c for c in source.frame.columns if c != ROW]


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (with or without BOM), else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise ReadError(
            "encoding",
            "Het bestand is geen tekst in UTF-8 of Windows-1252 (het lijkt UTF-16, "
            "'Unicode-tekst' in Excel). Sla het op als 'CSV UTF-8' of als 'CSV "
            "(gescheiden door lijstscheidingsteken)'.",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ReadError(
            "encoding",
            "De tekens in het bestand zijn niet te lezen als UTF-8 of Windows-1252 "
            f"(onbekend teken op positie {exc.start}). Sla het op als 'CSV UTF-8'.",
        ) from None


def _read_csv(source: SourceFile) -> None:
    text, encoding = decode(source.path.read_bytes())
    first_line = text.split("\n", 1)[0].strip("\r")
    if not first_line.strip():
        raise ReadError("empty_file", "De eerste regel is leeg: er is geen kopregel.")
    delimiter = sniff_delimiter(first_line)
    if delimiter is None:
        raise ReadError(
            "delimiter",
            "Scheidingsteken niet herkend: de kopregel moet kolomnamen bevatten, gescheiden "
            "door een komma of een puntkomma.",
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
        width = len(header)
        rows: list[list[str]] = []
        numbers: list[int] = []
        row_number = 1
        for record in reader:
            row_number += 1
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # blank lines, e.g. at the end of the file
            if len(record) != width:
                truncated = not text.endswith(("\n", "\r"))
                raise ReadError(
                    "field_count",
                    f"Rij {row_number} heeft {len(record)} velden, de kopregel {width}"
                    + (
                        " (het bestand houdt midden in een rij op: afgebroken?)."
                        if truncated
                        else " (ander scheidingsteken of een veld met een losse aanhalingsteken?)."
                    ),
                )
            rows.append(record)
            numbers.append(row_number)
    except csv.Error as exc:
        raise ReadError(
            "csv_syntax", f"Het CSV-bestand is niet te lezen rond rij {row_number + 1}: {exc}."
        ) from None
    _check_header(header)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    frame = pl.DataFrame(
        {
            h: pl.Series(h, list(col), dtype=pl.String)
            for h, col in zip(header, columns, strict=True)
        }
    )
    source.frame = frame.with_columns(pl.Series(ROW, numbers, dtype=pl.Int64))
    if not text.endswith(("\n", "\r")):
        # Excel ends every row with a line break; a file without one may have been cut short
        source.warning_nl = (
            "Het bestand eindigt niet met een regeleinde; controleer of het volledig is."
        )
    name = {";": "puntkomma", ",": "komma", "\t": "tab"}[delimiter]
    source.detail_nl = f"CSV, {name}, {encoding}"


EXPORT_COLUMNS = frozenset(c for model in EXPORT_TABLES.values() for c in model.model_fields)


def sniff_delimiter(header: str, known: frozenset[str] = EXPORT_COLUMNS) -> str | None:
    """The delimiter that splits the header into `known` column names, else into the most."""
    best, best_score = None, (0, 0)
    for delimiter in DELIMITERS:
        parts = [p.strip().strip('"').lower() for p in header.split(delimiter)]
        if len(parts) < 2:
            continue
        # prefer the delimiter that yields contract column names, then the most columns
        score = (sum(p in known for p in parts), len(parts))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _check_header(header: list[str]) -> None:
    if any(not h for h in header):
        raise ReadError("header", "De kopregel bevat een lege kolomnaam.")
    seen = {h for h in header if header.count(h) > 1}
    if seen:
        raise ReadError("header", f"Kolomnaam dubbel in de kopregel: {', '.join(sorted(seen))}.")


def _read_xlsx(source: SourceFile) -> None:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(source.path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(
            "corrupt", f"Het Excel-bestand is beschadigd of geen XLSX ({type(exc).__name__})."
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_cells = next(rows, None)
        if header_cells is None:
            raise ReadError("empty_file", "Het eerste werkblad is leeg.")
        # trailing empty header cells are Excel formatting, not columns
        header_list = [_cell_text(c) or "" for c in header_cells]
        while header_list and not header_list[-1]:
            header_list.pop()
        header = [h.strip() for h in header_list]
        _check_header(header)
        width = len(header)
        data: list[list[str | None]] = [[] for _ in header]
        numbers: list[int] = []
        for number, cells in enumerate(rows, start=2):
            values = [_cell_text(c) for c in cells[:width]]
            if all(v is None for v in values):
                continue
            values += [None] * (width - len(values))
            for column, value in zip(data, values, strict=True):
                column.append(value)
            numbers.append(number)
    finally:
        book.close()
    frame = pl.DataFrame(
        {h: pl.Series(h, c, dtype=pl.String) for h, c in zip(header, data, strict=True)}
    )
    source.frame = frame.with_columns(pl.Series(ROW, numbers, dtype=pl.Int64))
    source.detail_nl = f"Excel, werkblad '{sheet.title}'"


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        # Excel stores dates as date-times; midnight means "just a date"
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_parquet(source: SourceFile) -> None:
    try:
        frame = pl.read_parquet(source.path)
    except Exception as exc:  # polars raises several types for a damaged file
        raise ReadError(
            "corrupt",
            "Het Parquet-bestand is beschadigd of afgebroken en kan niet worden gelezen "
            f"({type(exc).__name__}).",
        ) from None
    texts = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.Boolean:
            column = pl.when(column).then(pl.lit("true")).otherwise(pl.lit("false"))
            column = pl.when(pl.col(name).is_null()).then(None).otherwise(column)
        texts.append(column.cast(pl.String).alias(name))
    frame = frame.select(texts) if texts else frame
    source.frame = frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
    source.header_row = False
    source.detail_nl = "Parquet"
