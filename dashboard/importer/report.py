"""The Dutch import report: one line per file x column x rule, with a count and examples.

A line quotes values from the file back; those may be anything (a line break, a 100 KB field,
`=HYPERLINK(...)`), and the report goes to a screen, a log and perhaps a spreadsheet. So each
value is cut short, its control characters escaped, and always put between single quotes (never
double quotes, which a CSV reader strips), so that no piece of a line starts with `=`.
"""

from __future__ import annotations

from dashboard.contract import column_nl
from dashboard.format import number
from dashboard.importer.read import printable
from dashboard.importer.validate import Finding

SEVERITY_NL = {"error": "FOUT", "warning": "WAARSCHUWING"}


VALUE_CHARS = 60  # of a value quoted back


def quoted(value: str) -> str:
    """'value', at most VALUE_CHARS characters, control characters escaped."""
    text = printable(str(value))
    if len(text) > VALUE_CHARS:
        text = text[: VALUE_CHARS - 1] + "…"
    return f"'{text}'"


def finding_line(f: Finding) -> str:
    where = [printable(f.file) if f.file else (f"tabel {f.table}" if f.table else "import")]
    if f.column:
        where.append(f"kolom {column_nl(printable(f.column))}")
    text = f"{SEVERITY_NL[f.severity]} {', '.join(where)}: {f.message_nl}"
    if f.rows:
        shown = ", ".join(number(r) for r in f.rows)
        more = f" en nog {number(f.count - len(f.rows))}" if f.count > len(f.rows) else ""
        text += f" {number(f.count)}× (rij {shown}{more})"
    if f.values:
        text += "; waarden: " + ", ".join(quoted(v) for v in f.values)
        if f.count > len(f.values):
            text += " …"
    return text + f" [{f.rule}]"


def report_lines(findings: list[Finding]) -> list[str]:
    # errors first; within a severity in the order found (file by file, column by column)
    ordered = sorted(findings, key=lambda f: f.severity != "error")
    return [finding_line(f) for f in ordered]


def summary_nl(outcome: str, errors: int, warnings: int, version: str | None) -> str:
    counts = f"{number(errors)} {'fout' if errors == 1 else 'fouten'}, " + (
        f"{number(warnings)} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}"
    )
    if outcome == "rejected":
        return f"Import afgewezen ({counts}). De gepubliceerde gegevens zijn niet veranderd."
    if outcome == "unchanged":
        return (
            "Niets veranderd: deze bestanden zijn precies de bestanden van de gepubliceerde "
            f"versie {version}."
        )
    return f"Import gepubliceerd als versie {version} ({counts})."
