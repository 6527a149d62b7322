"""The rows of a frame per group, in the order a chart draws its groups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

import polars as pl

Key = TypeVar("Key")


def groups(
    frame: pl.DataFrame, column: str, keys: Iterable[Key]
) -> Iterator[tuple[Key, pl.DataFrame]]:
    """The rows of `frame` per value of `column`, in the order of `keys` (the legend's order,
    not the data's); a key without rows is left out, so a chart gets no empty trace for it."""
    for key in keys:
        part = frame.filter(pl.col(column) == key)
        if not part.is_empty():
            yield key, part
