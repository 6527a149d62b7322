"""Check export files against the export contract and turn them into typed tables.

The rules come from `dashboard/contract.py` (types, codes, patterns, ranges, optional columns),
checked column-wise with Polars because Pydantic row by row is far too slow for 100,000 rows.
Findings are grouped from the start (one per file x column x rule, with a count and a few
examples), so a thousand identical faults cost one object and read as one line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

import annotated_types
import polars as pl

from dashboard.contract import (
    CATEGORIES,
    CURRENT_ERA_FROM,
    EXPORT_TABLES,
    FIRST_DATE,
    column_type,
    polars_type,
)
from dashboard.format import number
from dashboard.importer.read import (
    ROW,
    Budget,
    Limits,
    ReadError,
    SourceFile,
    plural,
    read,
)

Severity = Literal["error", "warning"]
FILE = "__file"
EXAMPLES = 5
# The centre registers cases since 2006; older rows follow the registration of their era.
EARLIEST_DATE = FIRST_DATE
PRIMARY_TABLE = "cases"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule: str  # a stable English slug, for tests and the import log
    message_nl: str  # what is wrong, in Dutch, the same for every row of the group
    file: str | None = None
    table: str | None = None
    column: str | None = None
    rows: tuple[int, ...] = ()  # the first few rows, as numbered in the file
    values: tuple[str, ...] = ()  # the first few distinct values; never for personal data
    count: int = 1


@dataclass(frozen=True)
class Rule:
    """One check of the import, as `docs/exportcontract.md` explains it to the exporter."""

    severity: Severity
    check_nl: str  # what an export must do to pass, in Dutch
    outcome_nl: str | None = None  # what happens when it does not; None: the import is refused


# Every check the import of an export makes, in the order it makes them: this list decides the
# severity, and the export contract document lists it (tests/unit/test_contract.py fails when a rule
# is emitted that is not here, or listed here and never emitted).
RULES: dict[str, Rule] = {
    "no_files": Rule(
        "error",
        "Er is minstens één CSV-, XLSX- of Parquet-bestand, en elke opgegeven map bevat er een.",
    ),
    "duplicate_file_name": Rule(
        "error",
        "Elk bestand heeft een eigen naam: twee bestanden met dezelfde naam (bijvoorbeeld twee "
        "keer `cases.csv` geüpload) zijn niet uit elkaar te houden, en geen van beide wordt "
        "gelezen.",
    ),
    "file_missing": Rule(
        "error",
        "Elk opgegeven bestand bestaat (een tikfout in een naam geeft dus nooit 'Niets "
        "veranderd').",
    ),
    "link": Rule(
        "error",
        "Een koppeling (symbolische link) in een importmap wijst naar een bestand in die map: een "
        "export bevat geen bestanden van elders, die iemand niet bewust meegaf.",
        "De import wordt afgewezen; de koppeling wordt niet gevolgd.",
    ),
    "unreadable": Rule("error", "Het bestand is te lezen (leesrechten)."),
    "empty_file": Rule(
        "error", "Het bestand is niet leeg en begint met een kopregel met de kolomnamen."
    ),
    "file_type": Rule(
        "error",
        "Het bestand is CSV (`.csv`, `.txt`), Excel (`.xlsx`) of Parquet (`.parquet`), en de "
        "eerste bytes zeggen hetzelfde als de extensie: geen webpagina (een mislukte download), "
        "PDF, ingepakt archief, oud `.xls` of met wachtwoord beveiligd Excel-bestand, en geen "
        "binaire gegevens in een `.csv`.",
    ),
    "too_large": Rule(
        "error",
        "Het bestand blijft binnen de grenzen (zie 'Grenzen' hierboven): bestandsgrootte, "
        "rijen, uitgepakte grootte en compressieverhouding van een XLSX.",
        "De import wordt afgewezen zodra een grens is overschreden, zonder de rest te lezen.",
    ),
    "time_limit": Rule(
        "error",
        "De import is klaar binnen de tijdgrens (zie 'Grenzen').",
        "De import wordt afgebroken en afgewezen; er verandert niets.",
    ),
    "encoding": Rule(
        "error",
        "Een CSV-bestand is UTF-8 (met of zonder BOM) of Windows-1252, en in zijn geheel één "
        "van de twee; geen UTF-16 ('Unicode-tekst' in Excel). Een mengsel (een UTF-8-bestand "
        "met één Windows-1252-teken, ook na een BOM) is een fout: elke keuze leest een deel "
        "verkeerd (é wordt Ã©).",
    ),
    "delimiter": Rule(
        "error",
        "De kopregel van een CSV-bestand bevat kolomnamen, gescheiden door een komma, puntkomma "
        "of tab.",
    ),
    "csv_syntax": Rule(
        "error",
        "Een CSV-bestand is geldige CSV: elk aanhalingsteken dat een veld opent wordt gesloten, "
        "een aanhalingsteken binnen een veld staat dubbel, geen NUL-tekens, geen veld langer "
        "dan de grens.",
    ),
    "field_count": Rule(
        "error",
        "Elke rij van een CSV-bestand heeft evenveel velden als de kopregel (lege velden aan "
        "het eind van een rij tellen niet); een XLSX heeft geen waarden rechts van de kopregel "
        "(die zouden anders ongemerkt wegvallen). Een rij met alleen scheidingstekens "
        "(`;;;;`, die Excel soms achterlaat) is een lege regel en wordt overgeslagen.",
    ),
    "header": Rule(
        "error",
        "De kopregel is de eerste regel (geen titel erboven), heeft geen lege of dubbele "
        "kolomnamen en staat er maar één keer in (niet nog eens halverwege, zoals na het aan "
        "elkaar plakken van twee bestanden).",
    ),
    "corrupt": Rule(
        "error",
        "Een XLSX- of Parquet-bestand is niet beschadigd, afgebroken of versleuteld.",
    ),
    "no_final_newline": Rule(
        "error",
        "Een CSV-bestand eindigt met een regeleinde na de laatste rij, zoals Excel het "
        "schrijft. Een bestand dat midden in een rij ophoudt is een fout en geen waarschuwing: "
        "een afgebroken laatste getal (een leeftijd 12 die 1 wordt) is niet van een volledig "
        "getal te onderscheiden.",
    ),
    "formula": Rule(
        "error",
        "Een XLSX bevat waarden, geen formules. Een formule wordt geweigerd, ook als Excel er "
        "een waarde bij bewaarde: die kan verouderd zijn of nooit berekend (een bestand dat "
        "door een programma is geschreven bewaart vaak 0), en het dashboard rekent niet na.",
    ),
    "merged_cells": Rule(
        "error",
        "Een XLSX heeft geen samengevoegde cellen: alleen de eerste cel van een samengevoegd "
        "bereik heeft een waarde, de andere zouden leeg worden gelezen.",
    ),
    "other_sheets": Rule(
        "warning",
        "Een XLSX heeft de tabel op het eerste werkblad; andere werkbladen zijn leeg.",
        "Alleen het eerste werkblad wordt gelezen; het verslag noemt de andere werkbladen met "
        "cellen (vaak een toelichting), zodat gegevens daar niet ongemerkt wegvallen.",
    ),
    "unknown_table": Rule(
        "error",
        "Het bestand hoort bij een tabel: de naam begint met de tabelnaam, het bestand staat "
        "in een map met de tabelnaam, of de kolommen passen bij één tabel.",
    ),
    "wrong_table": Rule(
        "error", "De kolommen passen bij de tabel die de naam van het bestand (of de map) noemt."
    ),
    "missing_table": Rule(
        "error", "Elke tabel heeft een bestand: een import bevat altijd alle tabellen."
    ),
    "column_case": Rule(
        "error",
        "Kolomnamen zijn in kleine letters (`case_id`, niet `Case_ID`).",
        "De import wordt afgewezen met de juiste naam erbij; de kolom telt niet als extra "
        "kolom of als persoonsgegeven.",
    ),
    "personal_data": Rule(
        "error",
        "Geen persoonsgegevens: geen kolomnaam die wijst op een naam, adres, geboortedatum, BSN, "
        "telefoonnummer of e-mailadres, en geen waarden die eruitzien als e-mailadres, "
        "telefoonnummer, BSN (11-proef), postcode, of datum in een kolom die niet in het "
        "contract staat.",
        "De import wordt afgewezen; het verslag noemt de kolom, nooit de waarden.",
    ),
    "extra_column": Rule("error", "Het bestand heeft geen kolommen buiten het contract."),
    "missing_column": Rule("error", "Het bestand heeft alle kolommen van zijn tabel."),
    "type": Rule(
        "error", "Elke waarde heeft het type van de kolom: datum, geheel getal of ja/nee."
    ),
    "required": Rule("error", "Een kolom die niet 'of leeg' is, heeft in elke rij een waarde."),
    "code": Rule("error", "Een code is een van de toegestane waarden, precies zo geschreven."),
    "pattern": Rule("error", "Nummers en landcodes passen in hun patroon."),
    "range": Rule(
        "error",
        "Getallen liggen binnen hun grenzen (≥, ≤); elke telling heeft een bovengrens, zodat "
        "een tikfout (40000 kinderen) een melding is en het getal altijd in de opslag past.",
    ),
    "meta_rows": Rule("error", "`export_meta` heeft precies één rij."),
    "empty_table": Rule(
        "error",
        "Elke tabel (`cases`, `children`, `contacts`, `mediations`) heeft rijen. Een tabel met "
        "alleen een kopregel is een mislukte export: gepubliceerd zou hij elk cijfer op elke "
        "pagina nul maken.",
        "De import wordt afgewezen. Verwijzingen naar een lege `cases` worden dan niet ook nog "
        "als duizenden fouten gemeld.",
    ),
    "duplicate_id": Rule(
        "error",
        "Elk nummer (`case_id` in `cases`, `child_id`, `contact_id`, `mediation_id`) komt één "
        "keer voor.",
    ),
    "reference": Rule(
        "error", "Elke `case_id` in `children`, `contacts` en `mediations` staat in `cases`."
    ),
    "date_range": Rule(
        "error",
        f"Elke datum ligt tussen {EARLIEST_DATE:%d-%m-%Y} en `data_until` (behalve in "
        "`export_meta`).",
    ),
    "date_order": Rule(
        "error",
        "Datums in de goede volgorde: `export_date` niet vóór `data_until`; `closed_date` niet "
        "vóór `opened_date`; bij mediation `start_date` niet vóór `received_date` en `end_date` "
        "niet vóór `start_date`; een contactmoment (`contact_date`) niet vóór de `opened_date` "
        "van zijn zaak.",
    ),
    "line_category": Rule(
        "error",
        f"De lijn past bij de registratiecode: bij een zaak geopend vanaf "
        f"{CURRENT_ERA_FROM:%d-%m-%Y} is Lijn 1 alleen `holiday_consent` (en `holiday_consent` "
        "alleen Lijn 1). Daarvóór besliste de behandelaar de lijn (eenvoudige vragen en zaken "
        "van derden in Lijn 1), dus geldt daar elke code in elke lijn.",
    ),
    "code_era": Rule(
        "warning",
        "De registratiecode was in gebruik op de `opened_date` van de zaak (zie "
        "'Registratiecodes': in gebruik van, tot en met).",
        "De zaak wordt geïmporteerd en telt onder haar code; de begindatum van een nieuwe code "
        "is een aanname van het dashboard.",
    ),
    "country": Rule(
        "error", "`country_iso2` staat in de landenlijst (ISO 3166-1 alpha-2) van het dashboard."
    ),
    "date_order_case": Rule(
        "warning",
        "Een mediationverzoek met een zaak is niet ontvangen (`received_date`) vóór de "
        "`opened_date` van die zaak.",
        "Het verzoek wordt geïmporteerd en telt zoals geregistreerd, in het jaar van ontvangst "
        "(een verzoek kan een dag vóór zijn zaak zijn geregistreerd).",
    ),
    "children_count": Rule(
        "warning",
        "`children_count` van een zaak is gelijk aan het aantal rijen van die zaak in `children`.",
        "De zaak wordt geïmporteerd. De aantallen kinderen tellen met `children_count`, de "
        "leeftijdsverdeling met de rijen in `children`; die twee lopen dan uiteen.",
    ),
    "hkov_mismatch": Rule(
        "warning",
        "`hkov_registered` klopt met de verdragslijst (landenreferentie) op de openingsdatum "
        "van de zaak.",
        "De zaak wordt geïmporteerd en telt zoals geregistreerd.",
    ),
    "internal": Rule(
        "error",
        "De import loopt zonder onverwachte fout (bijvoorbeeld te weinig geheugen of een volle "
        "schijf).",
        "De import wordt afgewezen en in het importlogboek gezet; er verandert niets. Het "
        "verslag noemt het bestand waarbij het gebeurde, nooit technische details.",
    ),
}


def finding(rule: str, message_nl: str, **where) -> Finding:
    """A finding of a rule in RULES, with that rule's severity."""
    return Finding(RULES[rule].severity, rule, message_nl, **where)


class HasFindings:
    """Errors and warnings of whatever holds a list of findings."""

    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


@dataclass
class Checked(HasFindings):
    """The outcome of validation: typed tables (contract order and types) and findings."""

    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    rows_by_file: dict[str, int] = field(default_factory=dict)
    table_by_file: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    internal: list[str] = field(default_factory=list)  # for the log, never for the user


def unexpected(exc: BaseException, **where) -> Finding:
    """The finding for an error nobody foresaw: said in Dutch, without Python's words."""
    if isinstance(exc, MemoryError):
        what = "Er was te weinig geheugen om dit te lezen en te controleren."
    elif isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC
        what = "De schijf is vol."
    elif isinstance(exc, PermissionError):
        what = "Er zijn geen rechten om een bestand of map te lezen of te schrijven."
    else:
        what = "Er ging iets onverwacht mis."
    return finding(
        "internal",
        f"{what} De import is afgewezen en er is niets veranderd. Meld het aan de beheerder "
        "van het dashboard; het importlogboek bewaart waar het misging.",
        **where,
    )


def technical(exc: BaseException, where: str) -> str:
    """Where an unexpected error happened, for the maintainer: the exception's kind and the
    code lines, never its message (that may quote a value from the export)."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    trail = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{where}: {type(exc).__name__} at {trail}"


# ---------------------------------------------------------------- personal data

# Parts of a column name that mean personal data; substrings, because Dutch compounds
# ('geboortedatum', 'telefoonnummer', 'emailadres') hide them inside longer words.
PERSONAL_NAME_PARTS = {
    "naam": "een naam",
    "name": "een naam",
    "adres": "een adres",
    "address": "een adres",
    "straat": "een adres",
    "street": "een adres",
    "huisnummer": "een adres",
    "postcode": "een adres",
    "zipcode": "een adres",
    "woonplaats": "een adres",
    "geboorte": "een geboortedatum",
    "birth": "een geboortedatum",
    "bsn": "een BSN",
    "burgerservice": "een BSN",
    "sofinummer": "een BSN",
    "telefoon": "een telefoonnummer",
    "phone": "een telefoonnummer",
    "mobiel": "een telefoonnummer",
    "mobile": "een telefoonnummer",
    "mail": "een e-mailadres",
}
# Short words that only count as a whole part of the name ('tel' but not 'hotel').
PERSONAL_NAME_WORDS = {"tel": "een telefoonnummer", "dob": "een geboortedatum", "zip": "een adres"}

EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
# Dutch numbers: 0 + 9 digits, +31 or 0031 + 9 digits, after removing spaces, dashes, brackets
PHONE = r"(^|[^0-9])(\+31|0031|0)[1-9][0-9]{8}([^0-9]|$)"
POSTCODE = r"(^|[^0-9A-Za-z])[1-9][0-9]{3} ?[A-Z]{2}([^A-Za-z]|$)"
NINE_DIGITS = r"(^|[^0-9])([0-9]{9})([^0-9]|$)"


def personal_by_name(column: str) -> str | None:
    name = column.lower()
    words = re.split(r"[^a-z0-9]+", name)
    for word, what in PERSONAL_NAME_WORDS.items():
        if word in words:
            return what
    for part, what in PERSONAL_NAME_PARTS.items():
        if part in name.replace("-", "").replace("_", ""):
            return what
    return None


def passes_eleven_test(digits: str) -> bool:
    """The BSN 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(w * int(d) for w, d in zip(weights, digits, strict=True))
    return total % 11 == 0 and digits != "000000000"


def personal_by_content(values: pl.Series, *, dates_allowed: bool) -> str | None:
    """What personal data the values look like, or None. Never returns a value itself."""
    text = values.drop_nulls().str.strip_chars()
    text = text.filter(text != "")
    if text.is_empty():
        return None
    if text.str.contains(EMAIL).any():
        return "e-mailadressen"
    compact = text.str.replace_all(r"[\s\-().]", "")
    if compact.str.contains(PHONE).any():
        return "telefoonnummers"
    nine = compact.str.extract_all(r"[0-9]{9,}").explode().drop_nulls().unique()
    if any(len(n) == 9 and passes_eleven_test(n) for n in nine.to_list()):
        return "BSN-nummers (9 cijfers die de 11-proef doorstaan)"
    if text.str.contains(POSTCODE).any():
        return "postcodes"
    if not dates_allowed and parse_dates(text).is_not_null().any():
        return "datums (mogelijk geboortedatums)"
    return None


# ---------------------------------------------------------------- parsing text

TRUE_WORDS = ("true", "1", "ja", "j", "waar", "yes", "y")
FALSE_WORDS = ("false", "0", "nee", "n", "onwaar", "no")


EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_dates(text: pl.Series) -> pl.Series:
    """ISO dates and the Dutch d-m-jjjj that Excel writes; a midnight time part is allowed.

    A five-digit number is Excel's day number: what a date cell shows once it loses its date
    format (45306 = 15-01-2024), in an XLSX or in a CSV saved from one.
    """
    bare = text.str.strip_chars().str.replace(r"[ T]00:00(:00(\.0+)?)?$", "")
    serial = bare.str.replace(r"\.0+$", "")
    serial = pl.when(serial.str.contains(r"^[0-9]{5}$")).then(serial.cast(pl.Int32, strict=False))
    return pl.select(
        pl.coalesce(
            bare.str.to_date("%Y-%m-%d", strict=False),
            bare.str.to_date("%d-%m-%Y", strict=False),
            pl.lit(EXCEL_EPOCH) + pl.duration(days=serial),
        )
    ).to_series()


def parse_column(text: pl.Series, base: object) -> pl.Series:
    if base is dt.date:
        return parse_dates(text)
    if base is bool:
        lower = text.str.to_lowercase()
        return (
            pl.select(
                pl.when(lower.is_in(TRUE_WORDS))
                .then(True)
                .when(lower.is_in(FALSE_WORDS))
                .then(False)
                .otherwise(None)
            )
            .to_series()
            .cast(pl.Boolean)
        )
    if base is int:
        return text.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)
    return text


TYPE_NAMES_NL = {
    dt.date: "geen datum (JJJJ-MM-DD of DD-MM-JJJJ)",
    int: "geen geheel getal",
    bool: "geen ja/nee-waarde (true/false, ja/nee, 1/0)",
}


def _int_range(storage: pl.DataType) -> tuple[int, int]:
    bits = next((b for t, b in ((pl.Int8, 8), (pl.Int16, 16), (pl.Int32, 32)) if storage == t), 64)
    return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def _blank_to_null(text: pl.Expr) -> pl.Expr:
    return pl.when(text == "").then(None).otherwise(text)


# ---------------------------------------------------------------- grouping helpers


def _group(
    bad: pl.DataFrame,
    *,
    rule: str,
    message_nl: str,
    table: str,
    column: str | None,
    value: str | None = None,
    show_values: bool = True,
) -> list[Finding]:
    """One finding per file from the offending rows (columns FILE, ROW and `value`)."""
    if bad.is_empty():
        return []
    out = []
    for (file,), part in bad.sort(FILE, ROW).group_by(FILE, maintain_order=True):
        values: tuple[str, ...] = ()
        if show_values and value is not None:
            distinct = (
                part.get_column(value)
                .cast(pl.String)
                .fill_null("(leeg)")
                .unique(maintain_order=True)
            )
            values = tuple(distinct.head(EXAMPLES).to_list())
        out.append(
            finding(
                rule,
                message_nl,
                file=str(file),
                table=table,
                column=column,
                rows=tuple(part.get_column(ROW).head(EXAMPLES).to_list()),
                values=values,
                count=part.height,
            )
        )
    return out


# ---------------------------------------------------------------- per file


class Problem(NamedTuple):
    """Rows of one column that break one rule (`mask` is true for them)."""

    mask: pl.Series
    rule: str
    message_nl: str


def detect_table(source: SourceFile) -> tuple[str | None, Finding | None]:
    """The table a file belongs to: its name says so, and its columns must agree."""
    # capitals are reported per column (column_case); they do not hide which table it is
    columns = {c.lower() for c in source.columns}
    overlap = {t: len(columns & set(m.model_fields)) for t, m in EXPORT_TABLES.items()}
    best = max(overlap, key=lambda t: overlap[t])
    by_columns = (
        best if overlap[best] >= max(2, len(EXPORT_TABLES[best].model_fields) // 2) else None
    )
    name = source.label
    if source.table is None and by_columns is None:
        return None, finding(
            "unknown_table",
            "Niet herkend voor welke tabel dit bestand is: de naam begint niet met een "
            f"tabelnaam ({', '.join(EXPORT_TABLES)}) en de kolommen passen bij geen tabel.",
            file=name,
        )
    if (
        source.table is not None
        and by_columns is not None
        and by_columns != source.table
        and overlap[by_columns] > overlap[source.table]
    ):
        return None, finding(
            "wrong_table",
            f"Bestand voor de verkeerde tabel: de naam zegt '{source.table}', maar de "
            f"kolommen zijn die van '{by_columns}'.",
            file=name,
            table=source.table,
        )
    return source.table or by_columns, None


def check_file(source: SourceFile, table: str) -> tuple[pl.DataFrame | None, list[Finding]]:
    """Typed frame (with FILE and ROW) for one file, or None when a column is unusable."""
    assert source.frame is not None
    name = source.label
    model = EXPORT_TABLES[table]
    findings: list[Finding] = []
    text = source.frame.with_columns(
        _blank_to_null(pl.col(c).str.strip_chars()).alias(c) for c in source.columns
    ).with_columns(pl.lit(name).alias(FILE))

    # 'Case_ID' for 'case_id': said as such, and not also as an extra column, a missing one,
    # or (a date column in capitals) as birth dates
    personal_columns: set[str] = set()
    for column in source.columns:
        lower = column.lower()
        if column != lower and lower in model.model_fields and lower not in source.columns:
            personal_columns.add(column)
            findings.append(
                finding(
                    "column_case",
                    f"Kolomnaam in hoofdletters: schrijf '{lower}' (kolomnamen in kleine "
                    "letters, precies zoals in het exportcontract).",
                    file=name,
                    table=table,
                    column=column,
                )
            )
    case_only = {c.lower() for c in personal_columns}
    absent = [c for c in model.model_fields if c not in {x.lower() for x in source.columns}]

    def typo_of(column: str) -> str | None:
        """The contract column that `column` is a slip of the keyboard for ('opend_date')."""
        close = difflib.get_close_matches(column.lower(), absent, n=1, cutoff=0.75)
        return close[0] if close else None

    for column in source.columns:
        if column in personal_columns:
            continue
        what = personal_by_name(column)
        reason = f"de kolomnaam wijst op {what}" if what else None
        if reason is None and column not in model.model_fields and typo_of(column) is None:
            found = personal_by_content(text.get_column(column), dates_allowed=False)
            reason = f"de inhoud bevat {found}" if found else None
        if reason:
            personal_columns.add(column)
            findings.append(
                finding(
                    "personal_data",
                    f"Persoonsgegevens geweigerd: {reason}. Verwijder de kolom uit de export; "
                    "de waarden worden hier niet getoond.",
                    file=name,
                    table=table,
                    column=column,
                )
            )

    for column in source.columns:
        if column not in model.model_fields and column not in personal_columns:
            close = typo_of(column)
            findings.append(
                finding(
                    "extra_column",
                    "Kolom hoort niet bij het exportcontract (geen extra kolommen toegestaan)."
                    + (f" Bedoelt u '{close}'?" if close else ""),
                    file=name,
                    table=table,
                    column=column,
                )
            )
    missing = [c for c in model.model_fields if c not in source.columns and c not in case_only]
    for column in missing:
        findings.append(
            finding(
                "missing_column",
                f"Verplichte kolom ontbreekt in het bestand voor tabel '{table}'.",
                file=name,
                table=table,
                column=column,
            )
        )

    typed: dict[str, pl.Series] = {}
    for column, info in model.model_fields.items():
        if column in missing or column in case_only or column in personal_columns:
            continue
        col = column_type(info)
        raw = text.get_column(column)
        base = type(col.codes[0]) if col.codes is not None else col.base
        stored = source.stored_types.get(column)
        if base is dt.date and stored is not None and stored.is_numeric():
            # a number stored as a number is no Excel day number: say what it is
            parsed = pl.Series(column, [None] * raw.len(), dtype=pl.Date)
            type_nl = f"een getal (Parquet-type {stored}), geen datum"
        else:
            parsed = parse_column(raw, base)
            type_nl = TYPE_NAMES_NL.get(base, "")
        storage = polars_type(info)
        problems: list[Problem] = []
        not_parsed = raw.is_not_null() & parsed.is_null()
        if base in TYPE_NAMES_NL:
            problems.append(Problem(not_parsed, rule="type", message_nl=f"Waarde is {type_nl}."))
        if base is int and col.codes is None:
            # every count has a contract bound below what its storage holds; this guards a
            # bound forgotten in the contract, so it can never crash the import
            low, high = _int_range(storage)
            outside = parsed.is_not_null() & ((parsed < low) | (parsed > high))
            problems.append(
                Problem(
                    outside,
                    rule="range",
                    message_nl=f"Waarde past niet in de opslag ({number(low)} tot en met "
                    f"{number(high)}).",
                )
            )
        if not col.optional:
            problems.append(
                Problem(
                    raw.is_null(), rule="required", message_nl="Verplichte waarde ontbreekt (leeg)."
                )
            )
        if col.codes is not None:
            allowed = ", ".join(str(c) for c in col.codes)
            outside = parsed.is_not_null() & ~parsed.is_in(list(col.codes))
            problems.append(
                Problem(outside, rule="code", message_nl=f"Onbekende code; toegestaan: {allowed}.")
            )
        for meta in col.metadata:
            pattern = getattr(meta, "pattern", None)
            if pattern:
                wrong = parsed.is_not_null() & ~parsed.str.contains(pattern)
                problems.append(
                    Problem(
                        wrong,
                        rule="pattern",
                        message_nl=f"Waarde past niet in het patroon {pattern}.",
                    )
                )
            if isinstance(meta, annotated_types.Ge):
                low = parsed.is_not_null() & (parsed < meta.ge)
                problems.append(
                    Problem(low, rule="range", message_nl=f"Waarde is kleiner dan {meta.ge}.")
                )
            if isinstance(meta, annotated_types.Le):
                high = parsed.is_not_null() & (parsed > meta.le)
                problems.append(
                    Problem(high, rule="range", message_nl=f"Waarde is groter dan {meta.le}.")
                )
        invalid = pl.select(pl.any_horizontal([p.mask for p in problems] or [pl.lit(False)]))
        invalid_mask = invalid.to_series() & raw.is_not_null()
        # A value that breaks its column's rule may be personal data put in the wrong field;
        # values that pass cannot be (ids, codes and dates by contract), so only those are read.
        free_text = base is str and col.codes is None and not col.metadata
        suspects = raw if free_text else raw.filter(invalid_mask)
        found = personal_by_content(suspects, dates_allowed=True)
        if found:
            findings.append(
                finding(
                    "personal_data",
                    f"Persoonsgegevens geweigerd: de inhoud bevat {found}. Verwijder ze uit de "
                    "export; de waarden worden hier niet getoond.",
                    file=name,
                    table=table,
                    column=column,
                )
            )
            continue
        for problem in problems:
            bad = text.select(FILE, ROW, column).filter(problem.mask)
            findings += _group(
                bad,
                rule=problem.rule,
                message_nl=problem.message_nl,
                table=table,
                column=column,
                value=column,
            )
        # not strict: a value that does not fit is an error found above, never a crash here
        typed[column] = parsed.cast(storage, strict=False)
    if len(typed) < len(model.model_fields):
        return None, findings
    frame = pl.DataFrame(typed).with_columns(text.get_column(FILE), text.get_column(ROW))
    return frame, findings


# ---------------------------------------------------------------- across files and tables


def table_keys() -> dict[str, str]:
    """Unique ids: the first column of a table is its key when it is an id."""
    return {
        t: next(iter(m.model_fields))
        for t, m in EXPORT_TABLES.items()
        if next(iter(m.model_fields)).endswith("_id")
    }


def references() -> list[tuple[str, str, str]]:
    """(table, column, target table): a column named like another table's key points into
    that table."""
    keys = table_keys()
    found = []
    for table, model in EXPORT_TABLES.items():
        for column in model.model_fields:
            target = next((t for t, k in keys.items() if k == column and t != table), None)
            if target is not None and column != keys.get(table):
                found.append((table, column, target))
    return found


# (table, earlier date, later date, what is wrong when the later one comes first)
DATE_ORDER = (
    ("cases", "opened_date", "closed_date", "afsluitdatum vóór de openingsdatum"),
    ("mediations", "received_date", "start_date", "intakedatum vóór de ontvangstdatum"),
    ("mediations", "start_date", "end_date", "einddatum vóór de intakedatum"),
)


def check_tables(tables: dict[str, pl.DataFrame], countries: pl.DataFrame) -> list[Finding]:
    """Rules over whole tables: unique ids, references, dates in range and in order, HKOV,
    and whether the children rows agree with the count on their case."""
    findings: list[Finding] = []

    def rows(
        table: str,
        mask: pl.Expr,
        column: str,
        *,
        rule: str,
        message_nl: str,
        frame: pl.DataFrame | None = None,
        shown: pl.Expr | None = None,
    ) -> None:
        """The rows of `table` where `mask` holds, grouped; `frame` is the table joined to
        what the mask needs, `shown` the example value (default: the column itself)."""
        frame = tables.get(table) if frame is None else frame
        if frame is None:
            return
        shown = pl.col(column) if shown is None else shown
        bad = frame.filter(mask).select(FILE, ROW, shown.alias("__shown"))
        findings.extend(
            _group(
                bad, rule=rule, message_nl=message_nl, table=table, column=column, value="__shown"
            )
        )

    meta = tables.get("export_meta")
    data_until = None
    if meta is not None:
        if meta.height > 1:  # none at all is said where the files are known
            findings.append(
                finding(
                    "meta_rows",
                    f"Tabel export_meta moet precies één rij hebben, niet {meta.height}.",
                    table="export_meta",
                    file=", ".join(sorted(set(meta.get_column(FILE).to_list()))) or None,
                )
            )
        if meta.height >= 1:
            data_until = meta.get_column("data_until")[0]
        rows(
            "export_meta",
            pl.col("export_date") < pl.col("data_until"),
            "export_date",
            rule="date_order",
            message_nl="Exportdatum ligt vóór data_until.",
        )

    keys = table_keys()
    for table, key in keys.items():
        rows(
            table,
            pl.col(key).is_duplicated(),
            key,
            rule="duplicate_id",
            message_nl="Nummer komt meer dan eens voor; het moet uniek zijn.",
        )
    for table in tables:
        for column, target in ((c, t) for s, c, t in references() if s == table):
            if target not in tables or tables[target].is_empty():
                continue  # an empty or unusable table is reported once, not per reference
            known = tables[target].get_column(column).implode()
            rows(
                table,
                pl.col(column).is_not_null() & ~pl.col(column).is_in(known),
                column,
                rule="reference",
                message_nl=f"Verwijst naar een {column} die niet in tabel '{target}' staat.",
            )

    # dates: within the export's period
    for table in tables:
        if table == "export_meta":
            continue
        for column, info in EXPORT_TABLES[table].model_fields.items():
            if column_type(info).base is not dt.date:
                continue
            rows(
                table,
                pl.col(column) < EARLIEST_DATE,
                column,
                rule="date_range",
                message_nl=f"Datum vóór {EARLIEST_DATE:%d-%m-%Y}, het begin van de registratie.",
            )
            if data_until is not None:
                rows(
                    table,
                    pl.col(column) > data_until,
                    column,
                    rule="date_range",
                    message_nl=f"Datum na data_until ({data_until:%d-%m-%Y}) van de export.",
                )
    for table, first, then, what in DATE_ORDER:
        rows(
            table,
            pl.col(then) < pl.col(first),
            then,
            rule="date_order",
            message_nl=f"Datums in de verkeerde volgorde: {what}.",
        )

    cases = tables.get("cases")
    if cases is not None:
        # dates against the case they belong to; a case_id that is not in cases is a
        # reference error already, and a duplicated one must not double the rows
        opened = cases.select("case_id", __opened="opened_date").unique("case_id", keep="first")

        def before_opening(table: str, column: str, *, rule: str, message_nl: str) -> None:
            if table in tables:
                rows(
                    table,
                    pl.col(column) < pl.col("__opened"),
                    column,
                    rule=rule,
                    message_nl=message_nl,
                    frame=tables[table].join(opened, on="case_id", how="inner"),
                    shown=pl.format("{} (zaak geopend {})", column, "__opened"),
                )

        before_opening(
            "contacts",
            "contact_date",
            rule="date_order",
            message_nl="Datums in de verkeerde volgorde: contactmoment vóór de "
            "openingsdatum van de zaak.",
        )
        before_opening(
            "mediations",
            "received_date",
            rule="date_order_case",
            message_nl="Verzoek ontvangen vóór de openingsdatum van de zaak; het verzoek "
            "telt zoals geregistreerd, in het jaar van ontvangst.",
        )
        children = tables.get("children")
        if children is not None:
            per_case = children.group_by("case_id").agg(__rows=pl.len())
            rows(
                "cases",
                pl.col("children_count") != pl.col("__rows").fill_null(0),
                "children_count",
                rule="children_count",
                message_nl="Aantal kinderen wijkt af van het aantal rijen van de zaak in tabel "
                "'children'. Het dashboard telt kinderen met children_count; de "
                "leeftijdsverdeling telt de rijen in 'children'.",
                frame=cases.join(per_case, on="case_id", how="left"),
                shown=pl.format(
                    "{} (rijen in children: {})", "children_count", pl.col("__rows").fill_null(0)
                ),
            )

        line_of = pl.DataFrame(
            {
                "category_code": [c.code for c in CATEGORIES],
                "__line": [c.line for c in CATEGORIES],
                "__from": [c.valid_from for c in CATEGORIES],
                "__until": [c.valid_until for c in CATEGORIES],
            }
        ).with_columns(pl.col("__line").cast(pl.Int8))
        joined = cases.join(line_of, on="category_code", how="left")
        # before the current registration the line was the handler's call, not the code's
        bad = joined.filter(
            (pl.col("opened_date") >= CURRENT_ERA_FROM) & (pl.col("__line") != pl.col("line"))
        ).select(FILE, ROW, "line")
        findings += _group(
            bad,
            rule="line_category",
            table="cases",
            column="line",
            value="line",
            message_nl=f"Lijn past niet bij de registratiecode (vanaf {CURRENT_ERA_FROM:%d-%m-%Y} "
            "is Lijn 1 alleen 'holiday_consent').",
        )
        rows(
            "cases",
            (pl.col("opened_date") < pl.col("__from"))
            | (pl.col("opened_date") > pl.col("__until")),
            "category_code",
            rule="code_era",
            message_nl="Registratiecode was op de openingsdatum niet in gebruik; de zaak telt "
            "onder haar code.",
            frame=joined,
            shown=pl.format("{} (geopend {})", "category_code", "opened_date"),
        )
        known = countries.get_column("iso2").implode()
        rows(
            "cases",
            pl.col("country_iso2").is_not_null() & ~pl.col("country_iso2").is_in(known),
            "country_iso2",
            rule="country",
            message_nl="Onbekende landcode (geen ISO 3166-1 alpha-2 uit de landenlijst).",
        )
        hkov = cases.join(
            countries.select(
                pl.col("iso2").alias("country_iso2"), "hkov_party", "hkov_entry_into_force"
            ),
            on="country_iso2",
            how="inner",
        ).with_columns(
            __expected=pl.col("hkov_party")
            & (
                pl.col("hkov_entry_into_force").is_null()
                | (pl.col("hkov_entry_into_force") <= pl.col("opened_date"))
            )
        )
        bad = hkov.filter(
            pl.col("hkov_registered").is_not_null()
            & (pl.col("hkov_registered") != pl.col("__expected"))
        ).select(FILE, ROW, pl.format("{} {}", "country_iso2", "hkov_registered").alias("v"))
        findings += _group(
            bad,
            rule="hkov_mismatch",
            table="cases",
            column="hkov_registered",
            value="v",
            message_nl="HKOV-vlag wijkt af van de verdragslijst (landenreferentie) op de "
            "openingsdatum; de zaak telt zoals geregistreerd.",
        )
    return findings


def validate(
    sources: list[SourceFile],
    countries: pl.DataFrame,
    progress=None,
    *,
    limits: Limits | None = None,
    budget: Budget | None = None,
) -> Checked:
    limits = limits or Limits()
    budget = budget or Budget(limits.seconds)
    checked = Checked()
    parts: dict[str, list[pl.DataFrame]] = {}
    files_of: dict[str, list[str]] = {}
    given: set[str] = set()
    # The report, the import log and the manifest know a file by its name: two files of one
    # name cannot be told apart there (and an upload would have kept only the last one).
    per_name = Counter(s.label for s in sources)
    reported: set[str] = set()
    for i, source in enumerate(sources, start=1):
        name = source.label
        if progress:
            progress(f"Lezen: {name} ({i}/{len(sources)})", (i - 1) / (len(sources) + 2))
        if per_name[name] > 1:
            if name not in reported:
                reported.add(name)
                checked.findings.append(
                    finding(
                        "duplicate_file_name",
                        f"{number(per_name[name])} bestanden hebben deze naam; ze zijn niet uit "
                        "elkaar te houden, dus geen ervan is gelezen. Kies het juiste bestand, "
                        "of geef bestanden die samen één tabel vormen elk een eigen naam (zoals "
                        "cases_1.csv en cases_2.csv).",
                        file=name,
                        table=source.table,
                    )
                )
            if source.table:
                given.add(source.table)  # no "missing table" on top
            continue
        try:
            read(source, limits, budget)
            table, problem = detect_table(source)
            if problem is not None:
                checked.findings.append(problem)
                if source.table:
                    given.add(source.table)
                continue
            assert table is not None and source.frame is not None
            checked.table_by_file[name] = table
            checked.rows_by_file[name] = source.frame.height
            for note in source.warnings:
                checked.findings.append(finding(note.rule, note.message_nl, file=name, table=table))
            if progress:
                progress(
                    f"Controleren: {name} ({table}, {plural(source.frame.height, 'rij', 'rijen')})",
                    i / (len(sources) + 2),
                )
            frame, findings = check_file(source, table)
            budget.check(f"bij bestand {name}")
        except ReadError as exc:
            if exc.rule == "time_limit":
                checked.findings.append(finding(exc.rule, exc.message_nl, file=name))
                return checked
            checked.findings.append(
                finding(
                    exc.rule,
                    exc.message_nl,
                    file=name,
                    table=source.table,
                    column=exc.column,
                    rows=() if exc.row is None else (exc.row,),
                )
            )
            if source.table:
                given.add(source.table)  # given but unreadable: no "missing table" on top
            continue
        except Exception as exc:  # a bug or the machine (memory, disk): still a Dutch answer
            checked.findings.append(unexpected(exc, file=name, table=source.table))
            checked.internal.append(technical(exc, name))
            if source.table:
                given.add(source.table)
            continue
        finally:
            source.frame = None  # the typed frame is kept; the text is not needed again
        checked.findings += findings
        if frame is not None:
            parts.setdefault(table, []).append(frame)
        files_of.setdefault(table, []).append(name)
    tables = {t: pl.concat(frames) for t, frames in parts.items()}
    given |= set(checked.table_by_file.values())
    for table in EXPORT_TABLES:
        if table not in given:
            checked.findings.append(
                finding(
                    "missing_table",
                    f"Geen bestand voor tabel '{table}': een import bevat altijd alle "
                    f"tabellen ({', '.join(EXPORT_TABLES)}).",
                    table=table,
                )
            )
    for table, frame in tables.items():
        if table == "export_meta" and frame.is_empty():
            checked.findings.append(
                finding(
                    "meta_rows",
                    "Alleen een kopregel: rij 2, met de datum van de export, tot welke dag de "
                    "gegevens lopen en de bron, ontbreekt. Zonder die rij is niet te zeggen "
                    "waarover de cijfers gaan. Maak de export opnieuw.",
                    file=", ".join(files_of[table]),
                    table=table,
                    rows=(2,),
                )
            )
        elif frame.is_empty():
            files = files_of[table]
            checked.findings.append(
                finding(
                    "empty_table",
                    f"{' en '.join(files)} {'heeft' if len(files) == 1 else 'hebben'} geen rijen, "
                    "alleen een kopregel. Een export bevat altijd zaken, kinderen, "
                    "contactmomenten en mediationverzoeken; gepubliceerd zou een lege tabel elk "
                    "cijfer nul maken. Maak de export opnieuw.",
                    table=table,
                )
            )
    if progress:
        progress(
            "Controleren: verwijzingen, datums en HKOV over alle tabellen",
            len(sources) / (len(sources) + 2),
        )
    checked.findings += check_tables(tables, countries)
    checked.tables = {t: df.drop(FILE, ROW) for t, df in tables.items()}
    return checked
