"""Time the import of an export the size of three years (~30,000 cases, ~75,000 contacts).

    uv run python scripts/bench_import.py [--format csv|parquet|xlsx]

Uses the demo generator's full 2024-2026 output (about 28,700 cases and 68,000 contacts),
written as a Dutch Excel CSV (semicolon, Windows-1252) by default, into a temporary data home.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from import_corpus import write_export  # noqa: E402

from dashboard.demo.generator import generate  # noqa: E402
from dashboard.importer import import_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    args = parser.parse_args()
    tables = generate(dt.date(2026, 12, 31))
    tables["export_meta"] = tables["export_meta"].with_columns(is_demo=False)
    print({t: df.height for t, df in tables.items()})
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_export(
            tables, Path(tmp) / "export", args.format, separator=";", encoding="cp1252"
        )
        started = time.perf_counter()
        result = import_files([folder], Path(tmp) / "home", who="bench")
        seconds = time.perf_counter() - started
    print(result.summary_nl())
    print(f"import ({args.format}): {seconds:.2f} s")


if __name__ == "__main__":
    main()
