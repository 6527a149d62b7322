"""Import files uploaded on /gegevens: save them under their own names, then `import_files`
(an export) or `import_published` (annual figures of other years)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePath

from dashboard.importer import ImportResult, Progress, import_files
from dashboard.importer.published import PublishedImport, import_published

UPLOAD_TYPES = ("csv", "xlsx", "parquet")


MAX_NAME_BYTES = 200  # a file name the file system takes (255 bytes), with room to spare


def safe_name(name: str) -> str:
    """The file name only: a browser may send a path, and the table is known by the name.

    Raises ValueError for a name that is no file name at all ('', '.', '..')."""
    base = PurePath(name.replace("\\", "/").replace("\x00", "")).name
    if base in {"", ".", ".."}:
        raise ValueError(f"ongeldige bestandsnaam: {name!r}")
    if len(base.encode()) > MAX_NAME_BYTES:
        stem, suffix = base[: -len(PurePath(base).suffix) or None], PurePath(base).suffix
        while len((stem + suffix).encode()) > MAX_NAME_BYTES:
            stem = stem[:-1]
        base = stem + suffix
    return base


def import_uploads(
    files: Iterable[tuple[str, bytes]],
    data_home: Path,
    *,
    who: str,
    progress: Progress | None = None,
    reference_root: Path | None = None,
) -> ImportResult:
    """Write (name, content) pairs to a temporary folder and import the files.

    Each file gets a folder of its own (numbered, so never a table name), so that two files
    of the same name do not overwrite each other: the import sees both and rejects them by
    name (`duplicate_file_name`) instead of silently keeping the last one. The folder is
    removed afterwards; what is accepted is kept by the import itself (originals/ in the data
    home).
    """
    with tempfile.TemporaryDirectory(prefix="iko-upload-") as temp:
        paths = []
        for number, (name, content) in enumerate(files, start=1):
            try:
                base = safe_name(name)
            except ValueError:
                base = "naamloos"  # the import then says it cannot tell the table
            path = Path(temp) / str(number) / base
            path.parent.mkdir()
            path.write_bytes(content)
            paths.append(path)
        return import_files(
            paths, data_home, who=who, progress=progress, reference_root=reference_root
        )


def import_published_upload(
    name: str,
    content: bytes,
    data_home: Path,
    *,
    who: str,
    reference_root: Path | None = None,
    skip_unknown: bool = False,
) -> PublishedImport:
    """Import an uploaded file of published annual figures (see `import_published`)."""
    with tempfile.TemporaryDirectory(prefix="iko-upload-") as temp:
        try:
            base = safe_name(name)
        except ValueError:
            base = "naamloos.csv"
        path = Path(temp) / base
        path.write_bytes(content)
        return import_published(
            path, data_home, who=who, reference_root=reference_root, skip_unknown=skip_unknown
        )
