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

from dashboard.format import change_pct, month_name, number, signed

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


# Below this many the year before, a change is said in counts: from 1 to 2 is "+1", not
# "+100,0 %" (a percentage of a handful reads as a trend it is not).
SMALL_BASE = 20


def change_text(value: float | None, before: float | None) -> str | None:
    """The change against `before`, for a label beside the value: in percent with one decimal
    ("+3,5 %"), or on a base under SMALL_BASE (or nothing: from 0 there is no percentage) as
    the difference in counts ("+1"). None when there is nothing to compare."""
    if value is None or before is None:
        return None
    if before < SMALL_BASE:
        return "±0" if value == before else signed(value - before, _places(value, before))
    return change_pct(100 * (value - before) / before, decimals=1)


def change_words(value: float | None, before: float | None, year_before: int) -> str | None:
    """The change in a sentence or a hover: "+3,5 % tegenover 2025", on a small base
    "van 1 naar 2 (+1) tegenover 2025", "evenveel als in 2025" for none. None when there is
    nothing to compare."""
    change = change_text(value, before)
    if change is None or value is None or before is None:
        return None
    places = _places(value, before)
    if value == before:
        return f"evenveel als in {year_before}"
    if before < SMALL_BASE:
        return (
            f"van {number(before, places)} naar {number(value, places)} ({change}) "
            f"tegenover {year_before}"
        )
    return f"{change} tegenover {year_before}"


def _places(*values: float) -> int:
    """0 for counts, 1 for a measure with fractions (a monthly average)."""
    return 0 if all(float(v).is_integer() for v in values) else 1
