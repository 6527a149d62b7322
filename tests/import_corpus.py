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
        "Parquet-bestand is beschadigd",
        None,
        _raw("cases", ".parquet", lambda t: b"PAR1 dit is geen parquet" * 20),
    ),
    Fault(
        "afgebroken Parquet",
        "corrupt",
        "beschadigd of afgebroken",
        None,
        _raw("cases", ".parquet", lambda t: _parquet_bytes(t)[: len(_parquet_bytes(t)) // 2]),
    ),
    Fault(
        "kapotte XLSX",
        "corrupt",
        "Excel-bestand is beschadigd",
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
    Fault("rij met te veel velden", "field_count", "Rij 4 heeft 4 velden", None, _ragged_row),
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
