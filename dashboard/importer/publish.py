"""The data home: published versions, the `current` pointer, kept originals and the import log.

    <data home>/versions/<UTC time>-<hash>/<table>/<table>.parquet  + manifest.json
    <data home>/current -> versions/<id>          (a relative symlink)
    <data home>/originals/<sha256><suffix>       (every accepted original file)
    <data home>/import-log.jsonl                 (one JSON line per import)

A version is written completely and fsynced under a temporary name, renamed into place, and
only then does `current` change, by `os.replace` of a fresh symlink: a reader (or a kill at
any moment) sees the old set or the new one, never a mix. Nothing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from dashboard.db import fsync

CURRENT = "current"
VERSIONS = "versions"
ORIGINALS = "originals"
LOG = "import-log.jsonl"
MANIFEST = "manifest.json"
TEMP_PREFIX = ".tmp-"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


@contextmanager
def locked(data_home: Path) -> Iterator[None]:
    """One import at a time per data home; the OS drops the lock if the process is killed."""
    data_home.mkdir(parents=True, exist_ok=True)
    with (data_home / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_leftovers(data_home: Path) -> None:
    """Remove what a killed import left half-written: only temporary names, never a version."""
    for folder in (data_home, data_home / VERSIONS, data_home / ORIGINALS):
        if not folder.is_dir():
            continue
        for leftover in folder.glob(TEMP_PREFIX + "*"):
            if leftover.is_symlink() or leftover.is_file():
                leftover.unlink()
            else:
                shutil.rmtree(leftover)


def current_version(data_home: Path) -> Path | None:
    link = data_home / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def current_manifest(data_home: Path) -> dict | None:
    version = current_version(data_home)
    if version is None or not (version / MANIFEST).is_file():
        return None
    return json.loads((version / MANIFEST).read_text(encoding="utf-8"))


def keep_original(data_home: Path, path: Path, checksum: str) -> Path:
    """Copy an accepted file to originals/<sha256><suffix>, once; the name is its checksum."""
    folder = data_home / ORIGINALS
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{checksum}{path.suffix.lower()}"
    if not target.exists():
        temp = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
        shutil.copyfile(path, temp)
        _fsync_file(temp)
        os.replace(temp, target)
        fsync(folder)
    return target


def write_version(
    data_home: Path,
    tables: dict[str, pl.DataFrame | Callable[[Path], None]],
    manifest: dict,
    now: dt.datetime,
    complete: Callable[[Path], None] | None = None,
) -> str:
    """Write a complete version and return its id; `current` is not touched.

    A table is a frame, or what writes its Parquet file to the path it is given.
    `complete(folder)` adds what is derived from the tables (the materialised marts) while the
    version still has its temporary name, so a version appears with everything or not at all.
    """
    versions = data_home / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(
        "".join(sorted(f["sha256"] for f in manifest["files"])).encode()
    ).hexdigest()[:12]
    version_id = f"{now:%Y%m%dT%H%M%SZ}-{digest}"
    while (versions / version_id).exists():  # same files again after a change in between
        version_id += "-" + uuid.uuid4().hex[:4]
    temp = versions / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    temp.mkdir()
    for table, df in tables.items():
        folder = temp / table
        folder.mkdir()
        target = folder / f"{table}.parquet"
        if isinstance(df, pl.DataFrame):
            df.write_parquet(target, compression="zstd")
        else:
            df(target)
        _fsync_file(target)
        fsync(folder)
    if complete is not None:
        complete(temp)
    manifest = {**manifest, "version": version_id}
    (temp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    _fsync_file(temp / MANIFEST)
    fsync(temp)
    os.rename(temp, versions / version_id)
    fsync(versions)
    return version_id


def point_current(data_home: Path, version_id: str) -> None:
    """Swap `current` to the version in one atomic rename of a symlink."""
    temp = data_home / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    os.symlink(Path(VERSIONS) / version_id, temp)
    os.replace(temp, data_home / CURRENT)
    fsync(data_home)


def append_log(data_home: Path, record: dict) -> None:
    with (data_home / LOG).open("a", encoding="utf-8") as log:
        log.write(json.dumps(record, ensure_ascii=False) + "\n")
        log.flush()
        os.fsync(log.fileno())


def read_log(data_home: Path) -> list[dict]:
    """Every import so far, oldest first; a line cut off by a kill is skipped."""
    path = data_home / LOG
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records
