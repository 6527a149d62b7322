"""The same period a year earlier: one definition for every page that compares a running year.

Every year runs from 1 January up to and including the calendar day of the last data day
(`queries/marts/mart_year_to_date.sql`); 29 February counts with the year that has it. The
SQL does the counting; this module only names the periods the way the pages say them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from dashboard.format import change_pct, month_name

Runner = Callable[..., pl.DataFrame]


@dataclass(frozen=True)
class YearToDate:
    """One year from 1 January up to and including `end` (its cut-off day)."""

    year: int
    end: dt.date
    is_part_of_year: bool  # False when the data reaches 31 December: the whole year

    @property
    def label(self) -> str:
        """ "2026 t/m 22 november", or "2025" for a whole year."""
        if not self.is_part_of_year:
            return str(self.year)
        return f"{self.year} t/m {self.end.day} {month_name(self.end.month)}"

    @property
    def short_label(self) -> str:
        """ "2026 t/m 22-11" for a column header or an axis; "2025" for a whole year."""
        return f"{self.year} t/m {self.end:%d-%m}" if self.is_part_of_year else str(self.year)


def year_to_date_periods(run: Runner) -> dict[int, YearToDate]:
    """Every year of the data, cut off at the calendar day of the last data day."""
    return {
        r["year"]: YearToDate(r["year"], r["period_end"], r["is_part_of_year"])
        for r in run("year_to_date_periods").iter_rows(named=True)
    }


def versus(now: YearToDate, before: YearToDate) -> str:
    """ "2026 t/m 22 november tegenover 2025 t/m 22 november"."""
    return f"{now.label} tegenover {before.label}"


def definition_nl(end: dt.date) -> str:
    """What 'dezelfde periode' means, in one paragraph for a caption."""
    text = (
        f"Dezelfde periode: van 1 januari tot en met {end.day} {month_name(end.month)} van elk "
        "jaar, de laatste dag met gegevens; elk jaar telt wat er op die dag was geopend, "
        "ontvangen of gebeurd. 29 februari telt mee in het jaar dat hem heeft"
    )
    if (end.month, end.day) == (2, 29):
        return text + ": een jaar zonder 29 februari telt tot en met 28 februari."
    if end.month >= 3:
        return text + " (een schrikkeljaar heeft in deze periode één dag meer)."
    return text + "."


def change_text(value: float | None, before: float | None) -> str | None:
    """The change in percent with one decimal, None when there is nothing to compare."""
    if value is None or not before:
        return None
    return change_pct(100 * (value - before) / before, decimals=1)
