"""Helpers shared by the tier files tests/*/test_import_published.py."""

from __future__ import annotations

from pathlib import Path


def write(tmp_path: Path, text: str, name: str = "jaarcijfers.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
