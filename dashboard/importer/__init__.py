"""Import a real export: read, validate against the contract, publish atomically, keep all.

`import_files` is the one entry point, for the command line and the upload on /gegevens.
An import always brings the full set of tables: an export is a snapshot, and
mixing tables of two exports would give a set whose `export_meta` describes neither.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import polars as pl

from dashboard.importer import publish
from dashboard.importer.read import collect
from dashboard.importer.report import report_lines, summary_nl
from dashboard.importer.validate import Finding, HasFindings, validate

Outcome = Literal["published", "unchanged", "rejected"]
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
) -> ImportResult:
    """Validate the files and, when there are no errors, publish them as the new version."""
    who = who or getpass.getuser()
    started = dt.datetime.now(dt.UTC)
    with publish.locked(data_home):
        publish.clean_leftovers(data_home)
        sources = collect([Path(p) for p in paths])
        files = [
            {"file": s.label, "sha256": publish.sha256(s.path), "bytes": s.path.stat().st_size}
            for s in sources
            if s.path.is_file()
        ]

        def log(result: ImportResult) -> ImportResult:
            publish.append_log(
                data_home,
                {
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
                },
            )
            return result

        if not sources:
            finding = Finding(
                "error", "no_files", "Geen CSV-, XLSX- of Parquet-bestanden gevonden."
            )
            return log(ImportResult("rejected", None, [finding]))

        manifest = publish.current_manifest(data_home)
        if manifest and sorted(f["sha256"] for f in manifest["files"]) == sorted(
            f["sha256"] for f in files
        ):
            return log(
                ImportResult("unchanged", manifest["version"], [], manifest["rows_by_table"], files)
            )

        checked = validate(sources, _countries(reference_root), progress)
        for f in files:
            f["table"] = checked.table_by_file.get(f["file"])
            f["rows"] = checked.rows_by_file.get(f["file"])
        rows = {t: df.height for t, df in checked.tables.items()}
        if checked.errors:
            return log(ImportResult("rejected", None, checked.findings, rows, files))

        if progress:
            progress("Publiceren: originelen bewaren en nieuwe versie schrijven", 0.9)
        for source, f in zip(sources, files, strict=True):
            kept = publish.keep_original(data_home, source.path, f["sha256"])
            f["original"] = kept.relative_to(data_home).as_posix()
        version = publish.write_version(
            data_home,
            checked.tables,
            {
                "imported_at": started.isoformat(timespec="seconds"),
                "who": who,
                "files": files,
                "rows_by_table": rows,
                "warnings": len(checked.warnings),
            },
            started,
            complete=lambda folder: _build_marts(folder, data_home, reference_root),
        )
        publish.point_current(data_home, version)
        if progress:
            progress(f"Gepubliceerd: versie {version}", 1.0)
        return log(ImportResult("published", version, checked.findings, rows, files))


def import_log(data_home: Path) -> pl.DataFrame:
    """The import log as a table, newest first: for the /gegevens page."""
    records = publish.read_log(data_home)
    return pl.DataFrame(
        [
            {
                "when": r["when"],
                "who": r["who"],
                "outcome": r["outcome"],
                "version": r.get("version"),
                "files": ", ".join(f["file"] for f in r.get("files", [])),
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
