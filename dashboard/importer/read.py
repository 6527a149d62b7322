"""Read export files (CSV, XLSX, Parquet) into Polars frames of text, one per file.

Everything is read as text first so that validation can name the exact value that does not
fit; row numbers are kept as the user sees them (CSV/XLSX: header = row 1, first data row =
row 2; Parquet has no header row, so its first row is row 1).

A file is judged by its first bytes before it is read (a 1 GiB file of zeros is refused after
8 KiB), read in pieces (never whole into memory as one string), and held to `Limits`, so that
an outsized or hostile file is refused early, with a message, instead of holding the import
lock for minutes. Every way a file can fail ends in a `ReadError` with a Dutch message.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import stat
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from dashboard.contract import EXPORT_TABLES
from dashboard.format import number

SUFFIXES = (".csv", ".txt", ".xlsx", ".parquet")
ROW = "__row"  # the row number column every frame carries
# Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" with ';' and Windows-1252.
DELIMITERS = (";", ",", "\t")
SNIFF_BYTES = 8192  # what is read of a file to judge what it is
CHUNK_ROWS = 100_000  # rows gathered in Python before they become a Polars frame
KIB, MIB, GIB = 1 << 10, 1 << 20, 1 << 30


@dataclass(frozen=True)
class Limits:
    """What one import may ask of the machine; `docs/exportcontract.md` states each with its
    reason. An export a hundred times today's size (2,9 miljoen zaken, 6,8 miljoen
    contactmomenten) fits; a zip bomb, a runaway file or a stuck read does not."""

    file_bytes: int = 2 * GIB  # one file on disk
    rows: int = 10_000_000  # data rows in one file
    field_chars: int = 131_072  # one CSV field (the csv module's own limit)
    # openpyxl reads some 10.000 rows a second: half a million rows is under a minute, and
    # more than a year of contacts; a larger table belongs in CSV or Parquet
    xlsx_rows: int = 500_000
    xlsx_expanded_bytes: int = 1 * GIB  # an XLSX once unzipped
    zip_ratio: int = 100  # unzipped / zipped, per part of an XLSX larger than 1 MiB
    seconds: float = 300.0  # the whole import, while it holds the import lock


class ReadError(Exception):
    """A file cannot be read at all; `rule` and `message_nl` go straight into the report."""

    def __init__(
        self, rule: str, message_nl: str, column: str | None = None, row: int | None = None
    ) -> None:
        super().__init__(message_nl)
        self.rule = rule
        self.message_nl = message_nl
        self.column = column
        self.row = row


class NulByte(ReadError):
    """A NUL byte on line `line_number` of a text file; the CSV reader says where in the table."""

    def __init__(self, line_number: int, line: bytes) -> None:
        super().__init__(
            "csv_syntax",
            f"Regel {number(line_number)} bevat een NUL-teken (binaire gegevens): het bestand "
            "is beschadigd of geen tekst.",
            row=line_number,
        )
        self.line_number = line_number
        self.line = line


class Budget:
    """The time one import may take; `check` raises once it is spent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self, where_nl: str = "") -> None:
        if time.monotonic() > self.deadline:
            raise ReadError(
                "time_limit",
                f"De import duurt langer dan {seconds_nl(self.seconds)} en is afgebroken"
                + (f" ({where_nl})" if where_nl else "")
                + ". Splits de export in kleinere bestanden of lever hem als Parquet.",
            )


def seconds_nl(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{number(seconds // 60)} minuten"
    return f"{number(seconds, 0 if float(seconds).is_integer() else 1)} seconden"


def plural(count: int, one: str, many: str) -> str:
    """'1 veld', '2 velden', '68.159 rijen': the number in Dutch spelling, the word to match."""
    return f"{number(count)} {one if count == 1 else many}"


def bytes_nl(size: int) -> str:
    if size >= GIB:
        return f"{number(size / GIB, 1)} GiB"
    if size >= MIB:
        return f"{number(size / MIB, 1)} MiB"
    return f"{number(size / KIB, 1)} KiB"


def printable(text: str) -> str:
    """A name as a report can show it: control and format characters (a line break, a tab, a
    right-to-left mark) escaped, so a crafted file name cannot split or forge a report line."""
    out = []
    for char in text:
        if unicodedata.category(char)[0] == "C":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class Note:
    """A warning found while reading, reported with the file's other findings."""

    rule: str
    severity: str
    message_nl: str


@dataclass
class SourceFile:
    path: Path
    label: str = ""  # how the report names the file: its name, or its path inside the folder
    table: str | None = None  # from the file or folder name; None = decide by the columns
    frame: pl.DataFrame | None = None  # all columns as text plus ROW
    detail_nl: str = ""  # what was detected, e.g. "CSV, puntkomma, Windows-1252"
    warnings: list[Note] = field(default_factory=list)  # what to report without rejecting
    header_row: bool = True
    columns: list[str] = field(default_factory=list)
    # Parquet: the stored type per column, so a number is not mistaken for an Excel day number
    stored_types: dict[str, pl.DataType] = field(default_factory=dict)


@dataclass(frozen=True)
class Refused:
    """Something given to import that is not read at all: a link out of the folder, a device."""

    label: str
    rule: str
    message_nl: str


def collect(paths: list[Path]) -> tuple[list[SourceFile], list[Refused]]:
    """The files to import: every given file, and every export file inside a given folder.

    Inside a folder, a symbolic link is followed only when it stays inside that folder: an
    export copied from elsewhere must not pull in a file the person never meant to give."""
    found: list[SourceFile] = []
    refused: list[Refused] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            before = len(found) + len(refused)
            for folder, dirs, names in os.walk(path):
                dirs.sort()
                linked = [d for d in dirs if Path(folder, d).is_symlink()]
                for name in sorted(names) + linked:
                    file = Path(folder) / name
                    export_file = file.suffix.lower() in SUFFIXES or name in linked
                    if not export_file or name.startswith((".", "~$")):
                        continue
                    label = printable(f"{path.name}/{file.relative_to(path).as_posix()}")
                    if name in linked:
                        # a linked folder inside is walked where it really is
                        if not file.resolve().is_relative_to(root):
                            refused.append(Refused(label, rule="link", message_nl=LINK_OUT))
                        continue
                    problem = _refuse_in_folder(file, root, label)
                    if problem:
                        refused.append(problem)
                    else:
                        found.append(SourceFile(file, label, table_from_name(file)))
                # never walk into a linked folder: its files would be outside or counted twice
                dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
            if len(found) + len(refused) == before:
                refused.append(
                    Refused(
                        printable(path.name or str(path)),
                        rule="no_files",
                        message_nl="De map bevat geen CSV-, XLSX- of Parquet-bestanden.",
                    )
                )
        else:
            found.append(SourceFile(path, printable(path.name), table_from_name(path)))
    return found, refused


LINK_OUT = (
    "Koppeling (symbolische link) naar iets buiten de importmap; niet gevolgd. Kopieer het "
    "bestand zelf in de map als het bij de export hoort."
)


def _refuse_in_folder(file: Path, root: Path, label: str) -> Refused | None:
    if file.is_symlink():
        target = file.resolve()
        if not target.exists():
            return Refused(
                label,
                rule="link",
                message_nl="Koppeling (symbolische link) die naar niets wijst; niet gelezen.",
            )
        if not target.is_relative_to(root):
            return Refused(label, rule="link", message_nl=LINK_OUT)
    return None


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


def read(source: SourceFile, limits: Limits | None = None, budget: Budget | None = None) -> None:
    """Fill `source.frame`; raises ReadError when the file cannot be read."""
    limits = limits or Limits()
    budget = budget or Budget(limits.seconds)
    expected = kind_of(source, limits)
    try:
        if expected == "text":
            _read_csv(source, limits, budget)
        elif expected == "zip":
            _read_xlsx(source, limits, budget)
        else:
            _read_parquet(source, limits)
    except OSError:
        raise ReadError("unreadable", "Het bestand kon niet helemaal worden gelezen.") from None
    assert source.frame is not None
    source.columns = [c for c in source.frame.columns if c != ROW]


def kind_of(source: SourceFile, limits: Limits) -> str:
    """'text', 'zip' or 'parquet': what the file is, after the checks every file gets before
    it is read (a regular file, not empty, within the size limit, its first bytes agreeing with
    its extension); raises ReadError otherwise."""
    suffix = source.path.suffix.lower()
    try:
        info = source.path.stat()
    except OSError:
        raise ReadError("file_missing", "Het bestand bestaat niet.") from None
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("file_type", "Dit is een map, geen bestand.")
        # a pipe or a device (/dev/zero) would never end
        raise ReadError("file_type", "Dit is geen gewoon bestand (maar bv. een pipe of apparaat).")
    if info.st_size == 0:
        raise ReadError("empty_file", "Het bestand is leeg (0 bytes).")
    if info.st_size > limits.file_bytes:
        raise ReadError(
            "too_large",
            f"Het bestand is {bytes_nl(info.st_size)}; de grens is {bytes_nl(limits.file_bytes)} "
            "per bestand. Verdeel de tabel over meer bestanden (cases_1.csv, cases_2.csv).",
        )
    if suffix not in SUFFIXES:
        raise ReadError(
            "file_type",
            f"Onbekend bestandstype '{printable(suffix)}': gebruik CSV, XLSX (Excel) of Parquet.",
        )
    try:
        with source.path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        raise ReadError(
            "unreadable", "Het bestand is niet te openen (geen leesrechten?)."
        ) from None
    kind = sniff(head)
    expected = {".xlsx": "zip", ".parquet": "parquet"}.get(suffix, "text")
    if kind != expected:
        rule = "encoding" if kind in ("utf16", "utf32") and expected == "text" else "file_type"
        raise ReadError(rule, wrong_kind_nl(kind, suffix))
    return expected


# ---------------------------------------------------------------- what a file is

MAGIC = {
    b"PK\x03\x04": "zip",
    b"PK\x05\x06": "zip",  # an empty ZIP archive
    b"PAR1": "parquet",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "ole2",  # old .xls, or any Office file with a password
    b"\x1f\x8b": "gzip",
    b"BZh": "compressed",
    b"7z\xbc\xaf\x27\x1c": "compressed",
    b"Rar!": "compressed",
    b"\xfd7zXZ": "compressed",
    b"\x28\xb5\x2f\xfd": "compressed",  # zstd
    b"%PDF": "pdf",
    b"SQLite format 3": "binary",
}
KIND_NL = {
    "zip": "een ZIP-archief (of een Excel-bestand, XLSX)",
    "parquet": "een Parquet-bestand",
    "ole2": "een met een wachtwoord beveiligd Excel-bestand of een oud Excel-bestand (.xls)",
    "gzip": "een ingepakt bestand (gzip)",
    "compressed": "een ingepakt archief (bv. 7z, bz2, RAR)",
    "pdf": "een PDF-document",
    "binary": "binaire gegevens (geen tekst)",
    "utf16": "tekst in UTF-16 ('Unicode-tekst' in Excel)",
    "utf32": "tekst in UTF-32",
    "html": "een webpagina (HTML), geen export: waarschijnlijk is de download mislukt "
    "(bv. een verlopen sessie of een foutpagina)",
    "json": "JSON, geen tabel",
    "xml": "XML (bv. 'XML-spreadsheet 2003' uit Excel), geen CSV of XLSX",
    "text": "tekst (CSV?)",
}


def sniff(head: bytes) -> str:
    """What the first bytes say a file is: a key of KIND_NL."""
    for magic, kind in MAGIC.items():
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    sample = head[:512]
    if sample and b"\x00" in sample:
        # UTF-16 without a BOM: every other byte of Latin text is zero
        zeros = sorted((sample[1::2].count(0) / len(sample[1::2] or b"x"),
                        sample[0::2].count(0) / len(sample[0::2] or b"x")))  # fmt: skip
        # Latin text in UTF-16: one byte of each pair is zero, the other almost never
        if zeros[1] > 0.4 and zeros[0] < 0.1:
            return "utf16"
    # Text with a few NUL bytes in it (one in a value, padding after the last line) is still
    # text: reading it names the row and the column. Without them, binary stays binary.
    if b"\x00" in head:
        head = head.replace(b"\x00", b"")
        if not head.strip():
            return "binary"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    if control > max(8, len(head) // 100):
        return "binary"
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    if start.startswith(b"<?xml") or start.startswith(b"<"):
        return "xml" if b"<html" not in start[:1024] else "html"
    if start.startswith((b"{", b"[{", b"[\n", b"[\r")):
        return "json"
    return "text"


def wrong_kind_nl(kind: str, suffix: str) -> str:
    name = {".xlsx": "Excel-bestand (XLSX)", ".parquet": "Parquet-bestand"}.get(
        suffix, "CSV-bestand"
    )
    if kind in ("utf16", "utf32"):
        return (
            f"Het bestand is {KIND_NL[kind]}; een CSV-bestand is UTF-8 of Windows-1252. Sla het "
            "op als 'CSV UTF-8' of als 'CSV (gescheiden door lijstscheidingsteken)'."
        )
    hint = {
        "ole2": " Sla het in Excel op als 'Excel-werkmap (.xlsx)' zonder wachtwoord.",
        "zip": " Geef een Excel-bestand de extensie .xlsx; pak een ZIP-archief eerst uit.",
        "gzip": " Pak het eerst uit.",
        "compressed": " Pak het eerst uit.",
        "parquet": " Geef het de extensie .parquet.",
        "text": " Geef een CSV-bestand de extensie .csv.",
    }.get(kind, "")
    return f"Het bestand heet {printable(suffix)} maar is {KIND_NL[kind]}, geen {name}.{hint}"


# ---------------------------------------------------------------- CSV


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (with or without BOM), else Windows-1252.

    For small files read whole (the published figures); an export is read in pieces."""
    kind = sniff(raw[:SNIFF_BYTES])
    if kind != "text":
        raise ReadError("encoding" if kind.startswith("utf") else "file_type",
                        wrong_kind_nl(kind, ".csv"))  # fmt: skip
    encoding = _encoding_of(enumerate(raw.split(b"\n"), start=1))
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8" if encoding == "UTF-8" else "cp1252")
    return text, encoding


def _encoding_of(lines: Iterator[tuple[int, bytes]]) -> str:
    """'UTF-8' or 'Windows-1252' for the (numbered) lines of a file; raises ReadError for a file
    whose lines disagree (UTF-8 here, Windows-1252 there), which no single choice reads right.
    Lines left out are plain ASCII."""
    utf8_line = invalid_line = None
    bom = False
    for number_, line in lines:
        if number_ == 1 and line.startswith(b"\xef\xbb\xbf"):
            bom, line = True, line[3:]
        if b"\x00" in line:
            raise NulByte(number_, line)
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_line = utf8_line or number_
        except UnicodeDecodeError:
            invalid_line = invalid_line or number_
            if UTF8_SEQUENCE.search(line):
                # 'één' in UTF-8 beside a Windows-1252 byte on one line: mixed, too
                utf8_line = utf8_line or number_
            try:
                line.decode("cp1252")
            except UnicodeDecodeError:
                raise ReadError(
                    "encoding",
                    f"Regel {number(number_)} bevat een teken dat geen UTF-8 en geen "
                    "Windows-1252 is. Sla het bestand op als 'CSV UTF-8'.",
                ) from None
        if invalid_line and (utf8_line or bom):
            first = (
                "de markering voor UTF-8 (BOM) aan het begin"
                if bom
                else (
                    f"regel {number(utf8_line)} in UTF-8"  # type: ignore[arg-type]
                )
            )
            raise ReadError(
                "encoding",
                f"Het bestand mengt twee tekensets: {first}, regel {number(invalid_line)} in "
                "Windows-1252. Zo wordt het niet goed gelezen (é wordt Ã©). Sla het bestand "
                "in één keer op als 'CSV UTF-8'.",
            )
    return "Windows-1252" if invalid_line else "UTF-8"


# A complete multi-byte UTF-8 character; Windows-1252 Dutch text ('één', 'coördinatie') has none.
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's lines decoded, ending in \\n, \\r\\n or \\r as written (csv needs them)."""
    with path.open("r", encoding="utf-8-sig" if encoding == "UTF-8" else "cp1252", newline="") as f:
        yield from f


def _suspect_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The numbered lines of a file that are not plain ASCII text, read in blocks: most exports
    are ASCII throughout, and a block is judged at C speed without splitting it into lines."""
    carry = b""
    line_number = 1  # of the first line in `carry`
    with path.open("rb") as f:
        while True:
            block = f.read(4 * MIB)
            data = carry + block
            if not block:
                whole, carry = data, b""
            else:
                cut = max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
                if cut == 0:
                    carry = data  # one long line so far
                    continue
                whole, carry = data[:cut], data[cut:]
            if b"\x00" in whole or not whole.isascii():
                yield from enumerate(re.split(rb"\r\n|\r|\n", whole), start=line_number)
            line_number += whole.count(b"\n") + whole.count(b"\r") - whole.count(b"\r\n")
            if not block:
                return


def _binary_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        yield from f


def _read_csv(source: SourceFile, limits: Limits, budget: Budget) -> None:
    try:
        encoding = _encoding_of(_suspect_lines(source.path))
    except NulByte as nul:
        raise _nul_where(source.path, nul) from None
    budget.check("tekens controleren")
    lines = _lines(source.path, encoding)
    first = next(lines, "")
    # lines the header: a delimiter is judged on the header only
    header_line = first.rstrip("\r\n").lstrip("\ufeff")
    if not header_line.strip():
        raise ReadError(
            "empty_file",
            "De eerste regel is leeg: er is geen kopregel."
            if first.strip("\r\n\ufeff") or next(lines, None) is not None
            else "Het bestand bevat niets dan een markering (BOM) of een regeleinde.",
        )
    delimiter = sniff_delimiter(header_line)
    if delimiter is None:
        raise ReadError(
            "delimiter",
            "Scheidingsteken niet herkend: de kopregel moet kolomnamen bevatten, gescheiden "
            "door een komma, een puntkomma of een tab.",
        )

    def all_lines() -> Iterator[str]:
        yield first
        yield from lines

    reader = csv.reader(all_lines(), delimiter=delimiter, strict=True)
    csv.field_size_limit(limits.field_chars)
    header = [h.strip().lstrip("\ufeff").strip() for h in next(reader)]
    while len(header) > 1 and not header[-1]:
        header.pop()  # a trailing separator on the header line: Excel's empty last column
    _check_header(header, source.table)
    width = len(header)
    frames: list[pl.DataFrame] = []
    rows: list[list[str]] = []
    numbers: list[int] = []
    ragged: list[tuple[int, int]] = []
    ragged_count = 0
    row_number = 1
    record_start = 1
    try:
        while True:
            record_start = reader.line_num + 1
            record = next(reader, None)
            if record is None:
                break
            row_number += 1
            if not "".join(record).strip():
                continue  # blank lines, and rows of only separators that Excel leaves
            if (
                record[0].strip() == header[0]
                and [f.strip() for f in record[:width]] == header
                and len(rows) + len(frames)
            ):
                raise ReadError(
                    "header",
                    f"De kopregel staat nog eens in rij {number(row_number)}: zijn twee "
                    "bestanden aan elkaar geplakt? Laat de tweede kopregel weg, of lever ze als "
                    "twee bestanden (cases_1.csv, cases_2.csv).",
                )
            if len(record) != width:
                if len(record) > width and not any(f.strip() for f in record[width:]):
                    record = record[:width]  # trailing empty fields: separators at the end
                else:
                    ragged_count += 1
                    if len(ragged) < 5:
                        ragged.append((row_number, len(record)))
                    continue
            rows.append(record)
            numbers.append(row_number)
            if len(rows) >= CHUNK_ROWS:
                frames.append(_chunk(header, rows, numbers))
                rows, numbers = [], []
                budget.check(f"bij rij {number(row_number)}")
                if sum(f.height for f in frames) > limits.rows:
                    raise ReadError("too_large", _too_many_rows(limits))
    except csv.Error as exc:
        message = _csv_error_nl(str(exc), row_number + 1, record_start, source.path)
        raise ReadError("csv_syntax", message) from None
    if ragged_count:
        shown = ", ".join(f"rij {number(r)} ({plural(n, 'veld', 'velden')})" for r, n in ragged)
        more = f" en nog {number(ragged_count - len(ragged))}" if ragged_count > len(ragged) else ""
        raise ReadError(
            "field_count",
            f"{plural(ragged_count, 'rij heeft', 'rijen hebben')} een ander aantal velden dan "
            f"de kopregel ({plural(width, 'veld', 'velden')}): {shown}{more}. Ander "
            "scheidingsteken, een veld met een losse aanhalingsteken, of een afgebroken bestand?",
        )
    if rows or not frames:
        frames.append(_chunk(header, rows, numbers))
    frame = pl.concat(frames) if len(frames) > 1 else frames[0]
    if frame.height > limits.rows:
        raise ReadError("too_large", _too_many_rows(limits))
    if frame.height and not _ends_with_line_break(source.path, delimiter):
        last = frame.get_column(ROW)[-1]
        raise ReadError(
            "no_final_newline",
            f"Het bestand houdt op midden in rij {number(last)}: na de laatste rij staat geen "
            "regeleinde. Dan is niet te zien of die rij volledig is (een leeftijd 12 die is "
            "afgebroken tot 1 ziet er net zo uit). Controleer of het bestand helemaal is "
            "gekopieerd of gedownload; sla het opnieuw op, dan schrijft Excel het regeleinde.",
        )
    source.frame = frame
    name = {";": "puntkomma", ",": "komma", "\t": "tab"}[delimiter]
    source.detail_nl = f"CSV, {name}, {encoding}"


def _nul_where(path: Path, nul: NulByte) -> ReadError:
    """A NUL byte told by row and column (the header's), or as padding after the last row.

    Rows are counted as lines here: a NUL is found before the file is parsed, and an export's
    values hold no line breaks (only `source` in export_meta may)."""
    with path.open("rb") as f:
        first = f.readline(64 * KIB).removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n")
    header_line = first.decode("cp1252", "replace")
    delimiter = sniff_delimiter(header_line.replace("\x00", "")) or ","
    names = [h.strip() for h in header_line.split(delimiter)]  # a NUL in one stays, escaped
    line, row = nul.line, nul.line_number
    if not line.strip(b"\x00 \t\r\n"):
        padding = _padding_from(path, row)
        if padding:
            return ReadError(
                "csv_syntax",
                f"Na de laatste rij (rij {number(row - 1)}) volgen "
                f"{plural(padding, 'NUL-teken', 'NUL-tekens')} (binaire nullen), vanaf rij "
                f"{number(row)}: opvulling van een kopie of download die niet is afgemaakt. "
                "Controleer of de rijen erboven compleet zijn en maak de export opnieuw (of "
                "verwijder de nullen).",
                row=row,
            )
    # the field the first NUL is in; a delimiter inside quotes is rare enough in an export
    field = line[: line.index(b"\x00")].count(delimiter.encode())
    column = names[field] if field < len(names) else None
    if row == 1:
        return ReadError(
            "csv_syntax",
            f"De kopregel bevat een NUL-teken (binaire gegevens) in kolomnaam {number(field + 1)}: "
            "het bestand is beschadigd of geen tekst. Maak de export opnieuw.",
            column=column,
            row=row,
        )
    return ReadError(
        "csv_syntax",
        "Een waarde bevat een NUL-teken (binaire gegevens): het bestand is beschadigd of niet "
        "als tekst geschreven. Verwijder het teken of maak de export opnieuw.",
        column=column,
        row=row,
    )


def _padding_from(path: Path, row: int) -> int:
    """The NUL bytes from line `row` to the end of the file, if nothing else follows; else 0."""
    count = 0
    for number_, line in enumerate(_binary_lines(path), start=1):
        if number_ < row:
            continue
        if line.strip(b"\x00 \t\r\n"):
            return 0
        count += line.count(b"\x00")
    return count


def _chunk(header: list[str], rows: list[list[str]], numbers: list[int]) -> pl.DataFrame:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    frame = pl.DataFrame(
        {h: pl.Series(h, list(c), dtype=pl.String) for h, c in zip(header, columns, strict=True)}
    )
    return frame.with_columns(pl.Series(ROW, numbers, dtype=pl.Int64))


def _ends_with_line_break(path: Path, delimiter: str) -> bool:
    """Whether the last row with data is followed by a line break. Blank lines and rows of
    only separators after it may lack one: they are skipped, so they cannot hide a cut."""
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - 64 * KIB))
        tail = f.read()
    blank = b" \t\r\n" + delimiter.encode()
    stripped = tail.rstrip(b" \t" + delimiter.encode())
    if stripped.endswith((b"\n", b"\r")):
        return True
    # the file ends without a line break: fine only if the last line holds nothing
    last_line = re.split(rb"\r\n|\r|\n", tail)[-1]
    return not last_line.strip(blank)


def _too_many_rows(limits: Limits) -> str:
    return (
        f"Het bestand heeft meer dan {plural(limits.rows, 'rij', 'rijen')}, de grens per "
        "bestand. Verdeel de tabel over meer bestanden (cases_1.csv, cases_2.csv)."
    )


def _csv_error_nl(error: str, row: int, line: int, path: Path) -> str:
    """Python's csv errors, told in Dutch with the row where the faulty field starts."""
    where = f"rij {number(row)}" + (f" (regel {number(line)})" if line != row else "")
    unclosed = (
        f'In {where} begint een veld met een aanhalingsteken (") dat nergens wordt gesloten, '
        "zodat de rest van het bestand één veld wordt. Een aanhalingsteken binnen een veld "
        'schrijft u dubbel ("").'
    )
    if "unexpected end of data" in error:
        return unclosed
    if "field larger than field limit" in error:
        if _odd_quotes_from(path, line):
            return unclosed
        return (
            f"In {where} is een veld langer dan "
            f"{plural(csv.field_size_limit(), 'teken', 'tekens')}, de grens: geen kolom van "
            "het contract heeft zoveel tekst nodig."
        )
    if "expected after" in error:
        return (
            f"In {where} staat een aanhalingsteken midden in een veld: na het sluitende "
            'aanhalingsteken volgt geen scheidingsteken. Schrijf het dubbel ("") of zet het '
            "hele veld tussen aanhalingstekens."
        )
    if "NUL" in error or "null byte" in error:
        return (
            f"{where[0].upper()}{where[1:]} bevat een NUL-teken (binaire gegevens): het bestand "
            "is beschadigd of geen tekst."
        )
    if "new-line character seen in unquoted field" in error:
        return f"In {where} staat een regeleinde midden in een veld zonder aanhalingstekens."
    return f"Het CSV-bestand is niet te lezen vanaf {where}: de aanhalingstekens kloppen niet."


def _odd_quotes_from(path: Path, line: int) -> bool:
    """Whether the quotes from `line` to the end are odd in number: one is never closed."""
    quotes = 0
    for number_, text in enumerate(_binary_lines(path), start=1):
        if number_ >= line:
            quotes += text.count(b'"')
    return quotes % 2 == 1


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


def _check_header(header: list[str], table: str | None = None) -> None:
    if table is not None and not any(h.lower() in EXPORT_COLUMNS for h in header):
        raise ReadError(
            "header",
            f"De eerste rij ('{printable(header[0])[:60]}'…) bevat geen enkele kolomnaam van "
            "het exportcontract: de kopregel moet de eerste rij zijn, zonder titel of lege "
            "rijen erboven.",
        )
    if any(not h for h in header):
        position = next(i for i, h in enumerate(header, start=1) if not h)
        raise ReadError(
            "header", f"De kopregel bevat een lege kolomnaam (kolom {number(position)})."
        )
    seen = {h for h in header if header.count(h) > 1}
    if seen:
        names = ", ".join(printable(h) for h in sorted(seen))
        raise ReadError("header", f"Kolomnaam dubbel in de kopregel: {names}.")


# ---------------------------------------------------------------- XLSX


def _read_xlsx(source: SourceFile, limits: Limits, budget: Budget) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(source.path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            expanded = sum(m.file_size for m in members)
            for m in members:
                if m.flag_bits & 0x1:
                    raise ReadError(
                        "corrupt", "Het Excel-bestand is versleuteld (met een wachtwoord)."
                    )
                if m.file_size > MIB and m.file_size > limits.zip_ratio * max(m.compress_size, 1):
                    raise ReadError(
                        "too_large",
                        f"Het Excel-bestand pakt uit tot meer dan {number(limits.zip_ratio)} keer "
                        f"zijn grootte ({bytes_nl(m.file_size)} uit {bytes_nl(m.compress_size)}): "
                        "zo comprimeert geen gewone export (een 'zip-bom'?).",
                    )
            if expanded > limits.xlsx_expanded_bytes:
                raise ReadError(
                    "too_large",
                    f"Het Excel-bestand is uitgepakt {bytes_nl(expanded)}; de grens is "
                    f"{bytes_nl(limits.xlsx_expanded_bytes)}. Lever zo'n grote tabel als CSV "
                    "of Parquet.",
                )
            if "xl/workbook.xml" not in names:
                raise ReadError(
                    "corrupt", "Het bestand is een ZIP-archief, maar geen Excel-werkmap (XLSX)."
                )
    except zipfile.BadZipFile:
        raise ReadError(
            "corrupt",
            "Het Excel-bestand is beschadigd of afgebroken (het ZIP-archief is niet te lezen).",
        ) from None

    from openpyxl import load_workbook

    try:
        # not data_only: a formula must be seen as one, not as the value Excel last cached
        book = load_workbook(source.path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise ReadError(
            "corrupt", "Het Excel-bestand is beschadigd: de werkmap is niet te lezen."
        ) from None
    try:
        if not book.worksheets:
            raise ReadError("empty_file", "Het Excel-bestand heeft geen werkblad met cellen.")
        sheet = book.worksheets[0]
        others = [s.title for s in book.worksheets[1:] if _has_cells(s)]
        if others:
            source.warnings.append(
                Note(
                    rule="other_sheets",
                    severity="warning",
                    message_nl=f"Alleen het eerste werkblad ('{printable(sheet.title)}') is "
                    "gelezen; ook "
                    + ", ".join(f"'{printable(t)}'" for t in others)
                    + f" {'bevat' if len(others) == 1 else 'bevatten'} cellen en "
                    f"{'is' if len(others) == 1 else 'zijn'} niet gelezen.",
                )
            )
        merged = _merged_ranges(source.path, sheet)
        if merged:
            raise ReadError(
                "merged_cells",
                f"Het werkblad heeft samengevoegde cellen ({', '.join(merged[:5])}"
                f"{' …' if len(merged) > 5 else ''}): alleen de eerste cel van zo'n bereik "
                "heeft een waarde, de andere zouden leeg worden gelezen. Maak de samenvoeging "
                "ongedaan en vul elke cel.",
            )
        source.frame = _sheet_frame(sheet, source.table, limits, budget)
    finally:
        book.close()
    source.detail_nl = f"Excel, werkblad '{printable(sheet.title)}'"


def _has_cells(sheet) -> bool:  # type: ignore[no-untyped-def]
    try:
        return (
            sheet.max_row is not None
            and sheet.max_column is not None
            and (
                sheet.max_row > 1
                or sheet.max_column > 1
                or next(sheet.values, (None,))[0] is not None
            )
        )
    except Exception:
        return True  # cannot tell: say so rather than stay silent


def _merged_ranges(path: Path, sheet) -> list[str]:  # type: ignore[no-untyped-def]
    """The merged ranges of a sheet, read from its XML in pieces (read-only openpyxl drops
    them)."""
    import zipfile

    found: list[str] = []
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(sheet._worksheet_path) as xml:
        while block := xml.read(MIB):
            data = tail + block
            found += [m.decode() for m in re.findall(rb'<mergeCell ref="([A-Z0-9:]+)"', data)]
            tail = data[-256:]
            # a match inside the overlap is found twice
    return list(dict.fromkeys(found))


def _sheet_frame(sheet, table: str | None, limits: Limits, budget: Budget) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    from openpyxl.utils import get_column_letter

    rows_limit = min(limits.rows, limits.xlsx_rows)
    declared = sheet.max_row  # from the sheet's own <dimension>, before reading it
    if declared is not None and declared - 1 > rows_limit:
        raise ReadError("too_large", _too_many_xlsx_rows(declared - 1, rows_limit))
    row_number = 0
    try:
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        row_number = 1
        if header_cells is None:
            raise ReadError("empty_file", "Het eerste werkblad is leeg.")
        # trailing empty header cells are Excel formatting, not columns
        header_list = [_cell_text(c.value) or "" for c in header_cells]
        while header_list and not header_list[-1]:
            header_list.pop()
        header = [h.strip().lstrip("\ufeff").strip() for h in header_list]
        if not header:
            raise ReadError("empty_file", "De eerste rij van het werkblad is leeg: geen kopregel.")
        _check_header(header, table)
        width = len(header)
        formulas: list[str] = []
        formula_count = 0
        outside: list[int] = []
        outside_count = 0
        frames: list[pl.DataFrame] = []
        data: list[list[str | None]] = []
        numbers: list[int] = []
        total = 0
        for cells in rows:
            row_number = (
                cells[0].row if cells and getattr(cells[0], "row", None) else row_number + 1
            )
            values: list[str | None] = []
            for position, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    formula_count += 1
                    if len(formulas) < 5:
                        column = header[position] if position < width else "?"
                        formulas.append(
                            f"{get_column_letter(position + 1)}{row_number} (kolom {column})"
                        )
                    values.append(None)
                    continue
                values.append(_cell_text(cell.value))
            if any(v not in (None, "") for v in values[width:]):
                outside_count += 1
                if len(outside) < 5:
                    outside.append(row_number)
            values = values[:width]
            if all(v is None or not v.strip() for v in values):
                continue
            values += [None] * (width - len(values))
            data.append(values)
            numbers.append(row_number)
            if len(data) >= CHUNK_ROWS:
                total += len(data)
                frames.append(_chunk(header, data, numbers))  # type: ignore[arg-type]
                data, numbers = [], []
                budget.check(f"bij rij {number(row_number)}")
            if row_number - 1 > rows_limit:
                raise ReadError("too_large", _too_many_xlsx_rows(None, rows_limit))
    except ReadError:
        raise
    except Exception:  # a cut-off or damaged sheet: XML, zlib or openpyxl errors
        raise ReadError(
            "corrupt",
            "Het werkblad in het Excel-bestand is beschadigd of afgebroken"
            + (f" (na rij {number(row_number)})" if row_number else "")
            + ". Sla het opnieuw op in Excel, of lever de tabel als CSV.",
        ) from None
    if formula_count:
        raise ReadError(
            "formula",
            f"{plural(formula_count, 'cel bevat', 'cellen bevatten')} een formule, bv. "
            f"{', '.join(formulas)}. Een export bevat waarden: de waarde die Excel bij een "
            "formule bewaart kan verouderd of nooit berekend zijn. Kopieer de cellen en plak ze "
            "als waarden ('Plakken speciaal' > 'Waarden').",
        )
    if outside_count:
        raise ReadError(
            "field_count",
            f"{plural(outside_count, 'rij heeft', 'rijen hebben')} een waarde in een kolom "
            f"zonder kolomnaam (rechts van de kopregel, {plural(width, 'kolom', 'kolommen')}): "
            f"rij {', '.join(number(r) for r in outside)}"
            + (f" en nog {number(outside_count - len(outside))}" if outside_count > 5 else "")
            + ".",
        )
    if data or not frames:
        frames.append(_chunk(header, data, numbers))  # type: ignore[arg-type]
    frame = pl.concat(frames) if len(frames) > 1 else frames[0]
    if frame.height > limits.rows:
        raise ReadError("too_large", _too_many_rows(limits))
    return frame


def _too_many_xlsx_rows(declared: int | None, limit: int) -> str:
    said = f" (het werkblad zegt {plural(declared, 'rij', 'rijen')})" if declared else ""
    return (
        f"Het werkblad heeft meer dan {plural(limit, 'rij', 'rijen')}{said}, de grens voor "
        "Excel-bestanden: Excel lezen gaat langzaam en houdt zo lang de import vast. Lever zo'n "
        "grote tabel als CSV of Parquet, of verdeel hem over meer bestanden."
    )


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


# ---------------------------------------------------------------- Parquet


def parquet_schema(source: SourceFile, limits: Limits):  # type: ignore[no-untyped-def]
    """The Arrow schema of a Parquet file whose footer, size and column types pass; raises
    ReadError otherwise. What every Parquet file gets before its rows are read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    size = source.path.stat().st_size
    with source.path.open("rb") as f:
        f.seek(max(0, size - 4))
        if f.read(4) != b"PAR1":
            raise ReadError(
                "corrupt",
                "Het Parquet-bestand is afgebroken: het einde van het bestand ontbreekt. "
                "Kopieer of download het opnieuw.",
            )
    try:
        meta = pq.ParquetFile(source.path).metadata
        schema = meta.schema.to_arrow_schema()
    except Exception:  # pyarrow raises several kinds for a damaged footer
        raise ReadError(
            "corrupt",
            "Het Parquet-bestand is beschadigd: de beschrijving aan het eind is onleesbaar.",
        ) from None
    if meta.num_rows > limits.rows:
        raise ReadError("too_large", _too_many_rows(limits))
    for item in schema:
        kind = item.type
        nested = (
            pa.types.is_list(kind)
            or pa.types.is_large_list(kind)
            or pa.types.is_struct(kind)
            or pa.types.is_map(kind)
            or pa.types.is_fixed_size_list(kind)
        )
        odd = pa.types.is_duration(kind) or pa.types.is_time(kind) or pa.types.is_interval(kind)
        if nested or odd:
            what = "samengesteld (een lijst of structuur)" if nested else "een tijdsduur of tijd"
            raise ReadError(
                "type",
                f"De kolom heeft in Parquet een type dat {what} is; een exportkolom is tekst, "
                "een geheel getal, een datum of ja/nee.",
                column=printable(item.name),
            )
    return schema


def _read_parquet(source: SourceFile, limits: Limits) -> None:
    parquet_schema(source, limits)
    try:
        frame = pl.read_parquet(source.path)
    except Exception:  # polars raises several types for a damaged file
        raise ReadError(
            "corrupt",
            "Het Parquet-bestand is beschadigd of afgebroken en kan niet worden gelezen.",
        ) from None
    source.stored_types = dict(frame.schema)
    texts = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.Boolean:
            column = pl.when(column).then(pl.lit("true")).otherwise(pl.lit("false"))
            column = pl.when(pl.col(name).is_null()).then(None).otherwise(column)
        elif dtype == pl.Binary:
            column = _binary_as_text(frame.get_column(name))
        elif isinstance(dtype, pl.Datetime):
            column = column.dt.strftime("%Y-%m-%d %H:%M:%S")
        texts.append(column.cast(pl.String).alias(name))
    try:
        frame = frame.select(texts) if texts else frame
    except Exception:
        raise ReadError(
            "type",
            "Een kolom van het Parquet-bestand is niet als tekst, getal, datum of ja/nee te lezen.",
        ) from None
    source.frame = frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
    source.header_row = False
    source.detail_nl = "Parquet"


def _binary_as_text(values: pl.Series) -> pl.Expr:
    """Bytes that some writers store for text, as text; raises ReadError naming the first rows
    whose bytes are not UTF-8."""
    texts: list[str | None] = []
    bad: list[int] = []
    for row, value in enumerate(values.to_list(), start=1):
        if value is None:
            texts.append(None)
            continue
        try:
            texts.append(value.decode("utf-8"))
        except UnicodeDecodeError:
            bad.append(row)
            texts.append(None)
    if bad:
        raise ReadError(
            "type",
            "De kolom bevat bytes die geen tekst (UTF-8) zijn, in "
            f"{plural(len(bad), 'rij', 'rijen')}: rij {', '.join(number(r) for r in bad[:5])}"
            + (" …" if len(bad) > 5 else "")
            + ".",
            column=printable(values.name),
        )
    return pl.lit(pl.Series(values.name, texts, dtype=pl.String))
