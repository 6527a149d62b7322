"""Import a real export: read, validate against the contract, publish atomically, keep all.

`import_files` is the one entry point, for the command line and the upload on /gegevens.
An import always brings the full set of tables: an export is a snapshot, and
mixing tables of two exports would give a set whose `export_meta` describes neither.
"""

from __future__ import annotations

import datetime as dt
import getpass
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal

import polars as pl

from dashboard.contract import EXPORT_TABLES
from dashboard.downloads import neutralise
from dashboard.importer import fast, publish
from dashboard.importer.read import Budget, Limits, ReadError, collect, printable
from dashboard.importer.report import report_lines, summary_nl
from dashboard.importer.validate import (
    Checked,
    Finding,
    HasFindings,
    finding,
    technical,
    unexpected,
    validate,
)

Outcome = Literal["published", "unchanged", "rejected"]
# A rejected file's checksum goes into the log when it is cheap to compute.
LOG_CHECKSUM_BYTES = 64 << 20
# progress(message in Dutch, fraction done 0..1)
Progress = Callable[[str, float], None]


@dataclass
class ImportResult(HasFindings):
    outcome: Outcome
    version: str | None
    findings: list[Finding] = field(default_factory=list)
    rows_by_table: dict[str, int] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)

    def summary_nl(self) -> str:
        return summary_nl(self.outcome, len(self.errors), len(self.warnings), self.version)

    def report_nl(self) -> str:
        return "\n".join([self.summary_nl(), *report_lines(self.findings)])


def _countries(reference_root: Path | None) -> pl.DataFrame:
    if reference_root is None:
        from dashboard.settings import settings

        reference_root = settings().reference_root
    return pl.read_parquet(reference_root / "reference" / "countries.parquet")


def _build_marts(folder: Path, data_home: Path, reference_root: Path | None) -> None:
    """The marts of a new version, computed once now instead of by every page that reads them."""
    from dashboard.db import build_marts, marts_file_name
    from dashboard.settings import settings

    reference_root = reference_root or settings().reference_root
    build_marts(folder / marts_file_name(reference_root), folder, reference_root, data_home)


def import_files(
    paths: list[Path],
    data_home: Path,
    *,
    who: str | None = None,
    progress: Progress | None = None,
    reference_root: Path | None = None,
    limits: Limits | None = None,
    fast_path: bool = True,
) -> ImportResult:
    """Validate the files and, when there are no errors, publish them as the new version.

    Whatever the files hold, this returns a result with Dutch findings and writes a line to
    the import log; an error nobody foresaw is one more finding (`internal`), not a crash.
    `fast_path=False` skips the set-wise checks (`importer/fast.py`) and validates row by
    row in Python straight away: the same outcome and messages, slower on a large export."""
    who = who or getpass.getuser()
    limits = limits or Limits()
    started = dt.datetime.now(dt.UTC)
    try:
        with publish.locked(data_home):
            return _import_locked(
                paths, data_home, who, progress, reference_root, limits, started, fast_path
            )
    except OSError as exc:
        # the data home itself cannot be used (no rights, disk full): nothing to log into
        return ImportResult("rejected", None, [unexpected(exc, file=printable(str(data_home)))])


def _import_locked(
    paths: list[Path],
    data_home: Path,
    who: str,
    progress: Progress | None,
    reference_root: Path | None,
    limits: Limits,
    started: dt.datetime,
    fast_path: bool,
) -> ImportResult:
    files: list[dict] = []
    internal: list[str] = []
    checks: dict[str, str] = {}  # how the export was checked, for the import log
    clean: fast.Clean | None = None

    def log(result: ImportResult) -> ImportResult:
        record = {
            "who": who,
            "when": started.isoformat(timespec="seconds"),
            "outcome": result.outcome,
            "version": result.version,
            "files": result.files,
            "rows_by_table": result.rows_by_table,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            # the grouped Dutch lines, so /gegevens can show them after a restart
            "error_lines": report_lines(result.errors),
            "warning_lines": report_lines(result.warnings),
            "seconds": round((dt.datetime.now(dt.UTC) - started).total_seconds(), 2),
        }
        if internal:
            record["internal"] = internal
        if checks:
            record["checks"] = checks
        publish.append_log(data_home, record)
        return result

    try:
        publish.clean_leftovers(data_home)
        sources, refused = collect([Path(p) for p in paths])
        budget = Budget(limits.seconds)
        paths_of: dict[int, Path] = {}
        for s in sources:
            try:
                if s.path.is_file():
                    files.append({"file": s.label, "sha256": None, "bytes": s.path.stat().st_size})
                    paths_of[id(files[-1])] = s.path
            except OSError:
                continue  # unreadable: the read says so, with the file's name

        def checksums(up_to: int | None = None) -> None:
            """Fill in sha256 (a full read of each file), only where it is needed: a
            rejected 1 GiB file of garbage is refused by its first bytes, not read whole."""
            for f in files:
                if f["sha256"] is None and (up_to is None or f["bytes"] <= up_to):
                    try:
                        f["sha256"] = publish.sha256(paths_of[id(f)])
                    except OSError:
                        continue
                    budget.check("controlegetallen berekenen")

        refusals = [finding(r.rule, r.message_nl, file=r.label) for r in refused]

        if not sources and not refusals:
            refusals = [finding("no_files", "Geen CSV-, XLSX- of Parquet-bestanden gevonden.")]
        if not sources:
            return log(ImportResult("rejected", None, refusals, {}, files))

        manifest = publish.current_manifest(data_home)
        # the same files as published, and nothing given that is missing or refused; the
        # sizes tell cheaply when that cannot be
        if (
            manifest
            and not refusals
            and len(files) == len(sources)
            and sorted(f["bytes"] for f in manifest["files"]) == sorted(f["bytes"] for f in files)
        ):
            checksums()
            if sorted(f["sha256"] for f in manifest["files"]) == sorted(
                f["sha256"] or "" for f in files
            ):
                return log(
                    ImportResult(
                        "unchanged", manifest["version"], [], manifest["rows_by_table"], files
                    )
                )

        countries = _countries(reference_root)
        if fast_path and not refusals:
            # spill files in a temporary folder of the data home: on the same disk as the
            # version, and removed by the next import if this one is killed
            work = data_home / f"{publish.TEMP_PREFIX}{uuid.uuid4().hex}"
            outcome = fast.check(
                sources, countries, work, limits=limits, budget=budget, progress=progress
            )
            clean = outcome.clean
            checks["set-wise"] = "clean" if clean else outcome.declined
        if clean is not None:
            checked = Checked(rows_by_file=clean.rows_by_file, table_by_file=clean.table_by_file)
            rows = dict(clean.rows_by_table)
            tables: dict = {t: partial(clean.write, t) for t in EXPORT_TABLES}
        else:
            if checks:
                checks["python"] = "volledig"
            checked = validate(sources, countries, progress, limits=limits, budget=budget)
            rows = {t: df.height for t, df in checked.tables.items()}
            tables = checked.tables
        internal += checked.internal
        findings = refusals + checked.findings
        for f in files:
            f["table"] = checked.table_by_file.get(f["file"])
            f["rows"] = checked.rows_by_file.get(f["file"])
        if any(f.severity == "error" for f in findings):
            checksums(up_to=LOG_CHECKSUM_BYTES)
            return log(ImportResult("rejected", None, findings, rows, files))
        checksums()

        if progress:
            progress("Publiceren: originelen bewaren en nieuwe versie schrijven", 0.9)
        for source, f in zip(sources, files, strict=True):
            kept = publish.keep_original(data_home, source.path, f["sha256"])
            f["original"] = kept.relative_to(data_home).as_posix()

        def complete(folder: Path) -> None:
            if clean is not None:
                clean.close()  # the checks' memory is free again before the marts are built
            _build_marts(folder, data_home, reference_root)

        version = publish.write_version(
            data_home,
            tables,
            {
                "imported_at": started.isoformat(timespec="seconds"),
                "who": who,
                "files": files,
                "rows_by_table": rows,
                "warnings": len(checked.warnings),
            },
            started,
            complete=complete,
        )
        publish.point_current(data_home, version)
        if progress:
            progress(f"Gepubliceerd: versie {version}", 1.0)
        return log(ImportResult("published", version, findings, rows, files))
    except ReadError as exc:  # the time budget, spent before validation began
        return log(ImportResult("rejected", None, [finding(exc.rule, exc.message_nl)], {}, files))
    except Exception as exc:  # never a traceback; still a line in the log
        internal.append(technical(exc, "import"))
        return log(ImportResult("rejected", None, [unexpected(exc)], {}, files))
    finally:
        if clean is not None:
            clean.close()


def import_log(data_home: Path) -> pl.DataFrame:
    """The import log as a table, newest first: for the /gegevens page."""
    records = publish.read_log(data_home)
    return pl.DataFrame(
        [
            {
                "when": r["when"],
                # typed by a person or named by a file: shown, and downloadable from the table,
                # as text that a spreadsheet never runs as a formula
                "who": neutralise(printable(r["who"] or "")),
                "outcome": r["outcome"],
                "version": r.get("version"),
                "files": neutralise(", ".join(printable(f["file"]) for f in r.get("files", []))),
                "rows": sum((r.get("rows_by_table") or {}).values()),
                "errors": r.get("errors", 0),
                "warnings": r.get("warnings", 0),
            }
            for r in reversed(records)
        ],
        schema={
            "when": pl.String,
            "who": pl.String,
            "outcome": pl.String,
            "version": pl.String,
            "files": pl.String,
            "rows": pl.Int64,
            "errors": pl.Int64,
            "warnings": pl.Int64,
        },
    )
