"""Import published annual figures for years without a case-level export.

A CSV in the measure catalogue's vocabulary (`data/reference/measure-labels.csv`: year,
measure, value and optionally section, note, source) is checked and merged into
`<data home>/reference/published-imported-report.csv`, where `src_published_figures` finds it
next to the reference file through one glob (so the view never depends on whether an import
happened).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import getpass
import math
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from dashboard.contract import CATEGORIES, CURRENT_ERA_FROM
from dashboard.importer import publish
from dashboard.importer.read import ReadError, decode, sniff_delimiter
from dashboard.importer.report import report_lines, summary_nl
from dashboard.importer.validate import EXAMPLES, Finding, HasFindings

# Must match the glob 'reference/published-*-report.csv' of queries/sources/src_published_figures.
IMPORTED = Path("reference") / "published-imported-report.csv"
CATALOGUE = Path("reference") / "measure-labels.csv"
REQUIRED = ("year", "measure", "value")
COLUMNS = (*REQUIRED, "section", "note", "source")
# Dutch column names someone keeping such a table by hand may use
ALIASES = {"bron": "source", "jaar": "year", "maat": "measure", "waarde": "value"}
TABLE = "published_figures"
SCHEMA = {"year": pl.Int64, "measure": pl.String, "value": pl.Float64,
          "section": pl.String, "note": pl.String, "source": pl.String}  # fmt: skip
SUGGESTIONS = 3


@dataclass
class PublishedImport(HasFindings):
    outcome: str  # "published" or "rejected"
    rows: int = 0  # rows in the file
    total_rows: int = 0  # rows in the imported figures after the merge
    years: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def summary_nl(self) -> str:
        if self.outcome == "rejected":
            return summary_nl("rejected", len(self.errors), len(self.warnings), None)
        years = ", ".join(str(y) for y in self.years)
        skipped = sum(f.count for f in self.warnings if f.rule == "unknown_measure")
        return (
            f"Gepubliceerde jaarcijfers geïmporteerd: {self.rows} "
            f"{'cijfer' if self.rows == 1 else 'cijfers'} voor {years}; "
            f"samen nu {self.total_rows} geïmporteerde cijfers."
            + (
                f" {skipped} {'rij' if skipped == 1 else 'rijen'} met een onbekende maat "
                "overgeslagen."
                if skipped
                else ""
            )
        )

    def report_nl(self) -> str:
        return "\n".join([self.summary_nl(), *report_lines(self.findings)])


def template(measures: pl.DataFrame) -> pl.DataFrame:
    """A file to fill in: every measure (of the report `published_measures`) with its chapter
    and, as note, its Dutch description; year, value and source empty."""
    return measures.select(
        year=pl.lit(None, pl.Int64),
        measure="measure",
        value=pl.lit(None, pl.Float64),
        section="section",
        note="label_nl",
        source=pl.lit(None, pl.String),
    )


def known_measures(reference_root: Path) -> set[str]:
    """The catalogue: the listed measures and those named after a registration code, as
    `stg_measure_labels` names them (tests/*/test_import_published.py keeps the two equal)."""
    listed = set(pl.read_csv(reference_root / CATALOGUE, columns=["measure"])["measure"])
    parties = ("parents", "third_parties")
    overview = {
        f"line2.{party}.{c.code}" for c in CATEGORIES if c.overview_order for party in parties
    }
    totals = {f"line2.{party}.total" for party in parties}
    chapters = ("prevention", "relocation_consent", "abduction", "international_access")
    def2020 = {
        f"line{line}.def2020.{c.code}"
        for c in CATEGORIES
        if c.valid_from < CURRENT_ERA_FROM
        for line in (1, 2)
        if not (line == 2 and c.code in chapters)
    }
    return listed | overview | totals | def2020


def nearest_nl(name: str, measures: set[str]) -> str:
    """'Bedoelt u ...?' with the closest known names, or a pointer to the template."""
    close = difflib.get_close_matches(name, sorted(measures), n=SUGGESTIONS, cutoff=0.5)
    if not close:
        return "Geen maat lijkt erop; het sjabloon op de pagina Gegevens noemt ze alle."
    return "Bedoelt u " + " of ".join(f"'{c}'" for c in close) + "?"


def _read(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], str]:
    """Header, rows numbered as in the file (the header is row 1) and the delimiter; read as
    an export's CSV is: UTF-8 or Windows-1252, comma or semicolon (Dutch Excel)."""
    text, _ = decode(path.read_bytes())
    lines = text.splitlines()
    delimiter = sniff_delimiter(lines[0] if lines else "", frozenset(COLUMNS)) or ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    header = [ALIASES.get(h, h) for h in header]
    rows = [
        # a field beyond the header lands under "" and is reported as too many fields
        (number, dict(zip(header + [""] * len(record), map(str.strip, record), strict=False)))
        for number, record in enumerate(reader, start=2)
        if any(v.strip() for v in record)
    ]
    return header, rows, delimiter


def parse_value(text: str, delimiter: str) -> float:
    """'156.6' in a comma file; '156,6' in a semicolon file, as Dutch Excel writes it.

    Raises ValueError for anything else: a point in a semicolon file may be a thousands
    separator ('9.524' is 9524 to Dutch eyes), so it is refused rather than guessed."""
    if delimiter == ";":
        if "." in text:
            raise ValueError(text)
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def check(
    path: Path, measures: set[str], *, skip_unknown: bool = False
) -> tuple[pl.DataFrame, list[Finding]]:
    """The figures as a typed frame, and what is wrong with them (row and column named).

    An unknown measure is an error that refuses the file, or with `skip_unknown` a warning:
    its rows are left out and listed, and the rest can be imported."""
    label = path.name
    try:
        header, rows, delimiter = _read(path)
    except OSError as exc:
        return pl.DataFrame(schema=SCHEMA), [
            Finding("error", "unreadable", f"Het bestand is niet te lezen: {exc}.", label)
        ]
    except ReadError as exc:
        return pl.DataFrame(schema=SCHEMA), [Finding("error", exc.rule, exc.message_nl, label)]
    findings: list[Finding] = []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    for c in missing:
        findings.append(
            Finding("error", "missing_column", "Deze kolom ontbreekt.", label, TABLE, c)
        )
    for c in unknown:
        findings.append(
            Finding(
                "error", "unknown_column",
                "Onbekende kolom; toegestaan zijn year, measure, value, section, note en source "
                "(of bron).",
                label, TABLE, c,
            )
        )  # fmt: skip
    if missing or unknown:
        return pl.DataFrame(schema=SCHEMA), findings
    # a row of the template (it lists every measure) left without year and value is skipped
    rows = [(n, row) for n, row in rows if row.get("year") or row.get("value")]
    if not rows:
        findings.append(Finding("error", "empty", "Het bestand bevat geen cijfers.", label))
        return pl.DataFrame(schema=SCHEMA), findings

    bad: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    unknown_measures: dict[str, list[int]] = {}
    good = []
    seen: dict[tuple[int, str], int] = {}
    for number, row in rows:
        if row.get(""):
            bad.setdefault(
                ("", "extra_fields", "Meer velden dan kolommen (een komma in een getal?)."), []
            ).append((number, row[""]))
            continue
        year_text, measure, value_text = (
            row.get("year", ""),
            row.get("measure", ""),
            row.get("value", ""),
        )
        ok = True
        if not (year_text.isdigit() and len(year_text) == 4):
            bad.setdefault(
                ("year", "bad_year", "Geen jaartal (vier cijfers, zoals 2023)."), []
            ).append((number, year_text))
            ok = False
        if measure not in measures:
            unknown_measures.setdefault(measure, []).append(number)
            ok = False
        try:
            value = parse_value(value_text, delimiter)
        except ValueError:
            bad.setdefault(
                (
                    "value",
                    "bad_value",
                    "Geen getal. Schrijf het zonder scheidingsteken voor duizendtallen; "
                    "decimaalteken: een komma in een bestand met puntkomma's, anders een punt.",
                ),
                [],
            ).append((number, value_text))
            ok = False
        if not ok:
            continue
        key = (int(year_text), measure)
        if key in seen:
            bad.setdefault(
                (
                    "measure",
                    "duplicate",
                    "Dubbel: dit jaar en deze maat staan al op een eerdere rij.",
                ),
                [],
            ).append((number, f"{key[0]} {measure}"))
            continue
        seen[key] = number
        good.append(
            {
                "year": key[0],
                "measure": measure,
                "value": value,
                "section": row.get("section") or None,
                "note": row.get("note") or None,
                "source": row.get("source") or None,
            }
        )
    for (column, rule, message), hits in bad.items():
        values = tuple(dict.fromkeys(v for _, v in hits))[:EXAMPLES]
        findings.append(
            Finding(
                "error",
                rule,
                message,
                label,
                TABLE,
                column,
                tuple(n for n, _ in hits[:EXAMPLES]),
                values,
                len(hits),
            )  # fmt: skip
        )
    # one line per unknown name, so each gets its own suggestions
    for measure, numbers in unknown_measures.items():
        message = f"Onbekende maat. {nearest_nl(measure, measures)}"
        if skip_unknown:
            message += " De rij is overgeslagen; de andere rijen worden geïmporteerd."
        findings.append(
            Finding(
                "warning" if skip_unknown else "error",
                "unknown_measure",
                message,
                label,
                TABLE,
                "measure",
                tuple(numbers[:EXAMPLES]),
                (measure,),
                len(numbers),
            )  # fmt: skip
        )
    if skip_unknown and not good and unknown_measures and not bad:
        findings.append(Finding("error", "empty", "Geen enkele rij heeft een bekende maat.", label))
    return pl.DataFrame(good, schema=SCHEMA), findings


def _write_atomically(df: pl.DataFrame, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f"{publish.TEMP_PREFIX}{uuid.uuid4().hex}.csv"
    df.write_csv(temp)
    with temp.open("rb+") as f:
        os.fsync(f.fileno())
    os.replace(temp, target)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def imported_figures(data_home: Path) -> pl.DataFrame:
    path = data_home / IMPORTED
    if not path.is_file():
        return pl.DataFrame(schema=SCHEMA)
    stored = pl.read_csv(path, infer_schema=False)
    # a file written before the column `source` existed has none
    return stored.select(
        pl.col(c).cast(t) if c in stored.columns else pl.lit(None, t).alias(c)
        for c, t in SCHEMA.items()
    )


def import_published(
    path: Path,
    data_home: Path,
    *,
    who: str | None = None,
    reference_root: Path | None = None,
    skip_unknown: bool = False,
) -> PublishedImport:
    """Check the file and, without errors, merge it in by (year, measure): the new file wins.

    With `skip_unknown` the rows with an unknown measure are left out (and listed as warnings)
    instead of refusing the file."""
    if reference_root is None:
        from dashboard.settings import settings

        reference_root = settings().reference_root
    who = who or getpass.getuser()
    started = dt.datetime.now(dt.UTC)
    with publish.locked(data_home):
        publish.clean_leftovers(data_home / "reference")
        figures, findings = check(path, known_measures(reference_root), skip_unknown=skip_unknown)
        if any(f.severity == "error" for f in findings):
            result = PublishedImport("rejected", figures.height, findings=findings)
        else:
            merged = (
                pl.concat([figures, imported_figures(data_home)])
                .unique(["year", "measure"], keep="first", maintain_order=True)
                .sort("year", "measure")
            )
            _write_atomically(merged, data_home / IMPORTED)
            years = sorted(set(figures["year"]))
            result = PublishedImport("published", figures.height, merged.height, years, findings)
        publish.append_log(
            data_home,
            {
                "kind": "published-figures",
                "who": who,
                "when": started.isoformat(timespec="seconds"),
                "outcome": result.outcome,
                "version": None,
                "files": [
                    {"file": path.name, "bytes": path.stat().st_size if path.is_file() else 0}
                ],
                "rows_by_table": {TABLE: figures.height},
                "errors": len(result.errors),
                "warnings": len(result.warnings),
                "error_lines": report_lines(result.errors),
                "warning_lines": report_lines(result.warnings),
            },
        )
        return result
