"""Import files uploaded on /gegevens: save them under their own names, then `import_files`."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePath

from dashboard.importer import ImportResult, Progress, import_files

UPLOAD_TYPES = ("csv", "xlsx", "parquet")


def safe_name(name: str) -> str:
    """The file name only: a browser may send a path, and the table is known by the name."""
    base = PurePath(name.replace("\\", "/")).name
    if base in {"", ".", ".."}:
        raise ValueError(f"ongeldige bestandsnaam: {name!r}")
    return base


def import_uploads(
    files: Iterable[tuple[str, bytes]],
    data_home: Path,
    *,
    who: str,
    progress: Progress | None = None,
    reference_root: Path | None = None,
) -> ImportResult:
    """Write (name, content) pairs to a temporary folder and import that folder.

    The folder is removed afterwards; what is accepted is kept by the import itself
    (originals/ in the data home).
    """
    with tempfile.TemporaryDirectory(prefix="iko-upload-") as temp:
        folder = Path(temp)
        paths = []
        for name, content in files:
            path = folder / safe_name(name)
            path.write_bytes(content)
            paths.append(path)
        return import_files(
            paths, data_home, who=who, progress=progress, reference_root=reference_root
        )
