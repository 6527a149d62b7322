"""Publication mode: what a number may look like once it leaves the building.

Pure functions, no Streamlit. A count from 1 to `threshold - 1` is shown as "<5"; where the
totals of a table are shown too, further cells are hidden ("×") until no hidden count can be
worked out from the numbers on show; a percentage needs a denominator of at least
`min_denominator` and a numerator that is shown; a ranking keeps its order but merges the
places of hidden counts ("gedeeld 12e, <5 zaken").

Tables are described as equations, `total = part + part + ...` over named cells, so the same
suppression serves a grid with row and column totals, a funnel (requests = started + not
started) and a country list whose column totals are published elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from dashboard import disclosure
from dashboard.format import MISSING, number, percent

# A count hidden to protect another one: it is not small itself, so it must not read "<5".
COMPLEMENTARY = "×"
BANNER = (
    'Publicatiemodus: aantallen kleiner dan {threshold} staan als "<{threshold}", '
    "percentages alleen bij een noemer van ten minste {min_denominator}; "
    f'"{COMPLEMENTARY}" is afgeschermd zodat een klein aantal niet is terug te rekenen.'
)


@dataclass(frozen=True)
class Equation:
    """`total` equals the sum of `parts`; all are keys of the cells of one published table."""

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Publication:
    """The rules of publication mode, with the threshold from the settings."""

    threshold: int = 5
    min_denominator: int = 10

    @property
    def small(self) -> str:
        return f"<{self.threshold}"

    @property
    def banner(self) -> str:
        return BANNER.format(threshold=self.threshold, min_denominator=self.min_denominator)

    def is_small(self, count: int | None) -> bool:
        """1 to threshold-1: a count that could point to a family. Zero is no one."""
        return count is not None and 0 < count < self.threshold

    def count(self, count: int | None) -> str:
        """12 -> "12"; 3 -> "<5"; 0 -> "0"."""
        if count is None:
            return MISSING
        return self.small if self.is_small(count) else number(count)

    def counts(
        self,
        values: Mapping[Hashable, int],
        equations: Sequence[Equation] = (),
        fixed: Iterable[Hashable] = (),
    ) -> dict:
        """Every cell of a table as text, small counts and their complements hidden, decided
        and audited as one released set (`disclosure.Release`); `fixed`: known anyway."""
        release = released(values, equations, self.threshold, fixed=fixed)
        return {key: release.text(key) for key in values}

    def cell_text(self, count: int | None, hidden: bool) -> str:
        if not hidden:
            return self.count(count)
        return self.small if self.is_small(count) else COMPLEMENTARY

    def shows_share(self, part: int, whole: int) -> bool:
        """A percentage only on a large enough denominator, and only if it cannot be turned
        back into a hidden count (6 % of 16 is 1)."""
        return (
            whole >= self.min_denominator
            and not self.is_small(part)
            and not self.is_small(whole - part)
        )

    def share(self, part: int, whole: int, what: str = "", decimals: int = 0) -> str:
        """ "12 van 40 (30 %)"; "<5 van 16" (no percentage); "6 van 8" (too few for one)."""
        text = f"{self.count(part)} van {self.count(whole)}" + (f" {what}" if what else "")
        if self.shows_share(part, whole):
            text += f" ({percent(100 * part / whole, decimals)})"
        return text


# -- suppression ---------------------------------------------------------------------------


def recoverable(
    values: Mapping[Hashable, int], hidden: Iterable[Hashable], equations: Sequence[Equation]
) -> set[Hashable]:
    """The hidden cells whose value follows from the shown ones through `equations`.

    A linear system over the hidden cells (the shown values moved to the right-hand side):
    a hidden cell is determined exactly when its unit vector lies in the row space of the
    system. This finds more than "the only hidden cell of a row", e.g. a cell pinned down
    by a row and a column together.
    """
    unknown = sorted(set(hidden), key=repr)
    if not unknown or not equations:
        return set()
    index = {key: i for i, key in enumerate(unknown)}
    rows = []
    for eq in equations:
        row = np.zeros(len(unknown))
        if eq.total in index:
            row[index[eq.total]] -= 1
        for part in eq.parts:
            if part in index:
                row[index[part]] += 1
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    system = np.vstack(rows)
    rank = np.linalg.matrix_rank(system)
    found = set()
    for key, i in index.items():
        unit = np.zeros(len(unknown))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([system, unit])) == rank:
            found.add(key)
    return found


def released(
    values: Mapping[Hashable, int], equations: Sequence[Equation], threshold: int,
    name: str = "tabel", fixed: Iterable[Hashable] = (),
) -> disclosure.Release:  # fmt: skip
    """The cells of one table with its sums as a released set of their own (its keys are
    the table's, not the page's); `fixed` cells are known anyway (totals published
    elsewhere): never hidden to protect another."""
    release = disclosure.Release(name, threshold, local=True)
    fixed = set(fixed)
    for key, value in values.items():
        release.cell(key, value, fixed=key in fixed)
    for eq in equations:
        release.relate(eq.total, eq.parts)
    return release


def suppressed(
    values: Mapping[Hashable, int], equations: Sequence[Equation], threshold: int
) -> set[Hashable]:
    """Small counts, and as few other cells as it takes so that none can be worked out
    (see `disclosure`: a total before a part, checked by integer programming)."""
    return set(released(values, equations, threshold).hidden)


def grid_equations(
    rows: Sequence[Hashable], columns: Sequence[Hashable], *, row_totals: bool, column_totals: bool
) -> list[Equation]:
    """The equations of a grid of cells (row, column) with its shown totals: a row's total is
    the key (row, "totaal"), a column's ("totaal", column), the grand total ("totaal", "totaal")
    when both are shown."""
    equations = []
    if row_totals:
        equations += [Equation((r, TOTAL), tuple((r, c) for c in columns)) for r in rows]
    if column_totals:
        equations += [Equation((TOTAL, c), tuple((r, c) for r in rows)) for c in columns]
    if row_totals and column_totals:
        equations.append(Equation((TOTAL, TOTAL), tuple((r, TOTAL) for r in rows)))
        equations.append(Equation((TOTAL, TOTAL), tuple((TOTAL, c) for c in columns)))
    return equations


TOTAL = "totaal"


def grid_values(
    df: pl.DataFrame, row_key: str, columns: Sequence[str], *, totals: bool = True
) -> dict[Hashable, int]:
    """The cells of `df` (one row per `row_key`, counts in `columns`) keyed (row, column),
    with the row, column and grand totals under TOTAL."""
    values: dict[Hashable, int] = {}
    for row in df.iter_rows(named=True):
        for column in columns:
            values[(row[row_key], column)] = int(row[column] or 0)
        if totals:
            values[(row[row_key], TOTAL)] = sum(int(row[c] or 0) for c in columns)
    if totals:
        for column in columns:
            values[(TOTAL, column)] = int(df[column].fill_null(0).sum())
        values[(TOTAL, TOTAL)] = sum(values[(TOTAL, c)] for c in columns)
    return values


def protect_frame(
    df: pl.DataFrame,
    publication: Publication,
    *,
    count_columns: Sequence[str] | None = None,
    column_totals: bool = False,
    row_key: str | None = None,
) -> pl.DataFrame:
    """`df` with its count columns as text: small counts "<5", and, when the column totals
    are published (on the page or in the same file), the complements that protect them.

    `count_columns` defaults to every integer column that counts (not a year or a week);
    `row_key` names the rows (defaults to
    the row number).
    """
    if count_columns is None:
        count_columns = count_columns_of(df)
    if not count_columns or df.is_empty():
        return df.with_columns(pl.col(c).cast(pl.String) for c in count_columns)
    keyed = df.with_row_index("_row") if row_key is None else df
    key = "_row" if row_key is None else row_key
    values = grid_values(keyed, key, count_columns, totals=column_totals)
    rows = keyed[key].to_list()
    equations = (
        grid_equations(rows, count_columns, row_totals=False, column_totals=True)
        if column_totals
        else []
    )
    # totals published elsewhere are known: another cell is hidden, never the total
    texts = publication.counts(values, equations, fixed=[k for k in values if k[0] == TOTAL])
    return df.with_columns(
        pl.Series(c, [texts[(r, c)] for r in rows], dtype=pl.String) for c in count_columns
    )


# -- tables ----------------------------------------------------------------------------------

# Integer columns that name a row, not count anyone: a year is written "2024", never "2.024"
# and never "<5".
IDENTIFIERS = re.compile(r"^(year|jaar|month|maand|week|iso_week|dag|day|rank|plaats)\b|_year$",
                         re.IGNORECASE)  # fmt: skip
TOTALS = re.compile(r"^(total|totaal)\b|_total$", re.IGNORECASE)


def count_columns_of(df: pl.DataFrame, columns: Iterable[str] | None = None) -> list[str]:
    """The integer columns of `df` (of `columns`) that hold counts."""
    names = df.columns if columns is None else [c for c in columns if c in df.columns]
    return [c for c in names if df.schema[c].is_integer() and not IDENTIFIERS.search(c)]


def protect_table(
    df: pl.DataFrame, name: str, threshold: int, min_denominator: int = 10,
    counts: Sequence[str] | None = None, headers: Mapping[str, str] | None = None,
) -> tuple[pl.DataFrame, set[str]]:  # fmt: skip
    """`df` with its count columns as released text, decided on one set per table: every
    cell, a row total where a column is the sum of the others in every row, and each
    column's total as known (it is a headline elsewhere, or an addition away). Numbers that
    are not counts (shares, averages) are left out ("–") in a row where a count is hidden:
    they are worked out from it. Returns the frame and the columns made text."""
    counts = count_columns_of(df) if counts is None else list(counts)
    if df.is_empty() or not counts:
        return df, set()
    release = disclosure.Release(f"tabel {name}", threshold, min_denominator, local=True)
    rows = range(df.height)
    for column in counts:
        values = df[column].fill_null(0).to_list()
        for row in rows:
            release.cell((name, row, column), values[row])
        release.cell((name, "totaal", column), sum(values), fixed=True)
        release.relate((name, "totaal", column), ((name, row, column) for row in rows))
    headers = headers or {}
    for total in (c for c in counts if TOTALS.search(c) or TOTALS.search(headers.get(c, ""))):
        parts = [c for c in counts if c != total]
        sums = df.select(pl.sum_horizontal(pl.col(parts).fill_null(0))).to_series().to_list()
        if parts and sums == df[total].fill_null(0).to_list():
            for row in rows:
                release.relate((name, row, total), ((name, row, c) for c in parts))
    texts = {c: [release.text((name, row, c)) for row in rows] for c in counts}
    hidden_rows = {row for row in rows for c in counts if (name, row, c) in release.hidden}
    derived = [c for c, t in df.schema.items() if t.is_float() and c not in counts]
    out = df.with_columns(pl.Series(c, texts[c], dtype=pl.String) for c in counts)
    if hidden_rows and derived:
        keep = pl.Series([row not in hidden_rows for row in rows])
        out = out.with_columns(pl.when(keep).then(pl.col(c)).otherwise(None) for c in derived)
    return out, set(counts)


# -- rankings ------------------------------------------------------------------------------


def merged_places(counts: Sequence[int | None], publication: Publication) -> list[str]:
    """Places in a ranking, in the order of `counts` (which is sorted, largest first):
    "1", "2", "gedeeld 3e" for a tie, and one shared place for every hidden count, so the
    ranking keeps its order but does not tell 4 from 1. Zero or None has no place: "–"."""
    places: list[str] = []
    shown = [c for c in counts if c and not publication.is_small(c)]
    first_small = 1 + len(shown)
    small_total = sum(1 for c in counts if publication.is_small(c))
    for count in counts:
        if not count:
            places.append(MISSING)
        elif publication.is_small(count):
            places.append(f"gedeeld {first_small}e" if small_total > 1 else str(first_small))
        else:
            rank = 1 + sum(1 for other in shown if other > count)
            places.append(f"gedeeld {rank}e" if shown.count(count) > 1 else str(rank))
    return places


def ranking(df: pl.DataFrame, count: str, publication: Publication) -> pl.DataFrame:
    """The rows of `df` with a count in `count`, largest first, hidden counts merged at the
    bottom in alphabetical order (`country_nl` if present), with `place` and `count_text`."""
    name = "country_nl" if "country_nl" in df.columns else count
    listed = df.filter(pl.col(count) > 0)
    small = pl.col(count) < publication.threshold
    ordered = pl.concat(
        [
            listed.filter(~small).sort([count, name], descending=[True, False]),
            listed.filter(small).sort(name),
        ]
    )
    counts = ordered[count].to_list()
    return ordered.with_columns(
        place=pl.Series(merged_places(counts, publication), dtype=pl.String),
        count_text=pl.Series([publication.count(c) for c in counts], dtype=pl.String),
    )
