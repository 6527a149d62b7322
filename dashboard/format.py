"""Numbers and dates the Dutch way ("9.524", "12,5 %", "22 november 2026").

Pure functions without the `locale` module: a machine may lack the nl_NL locale, and the
output must not change with it. Rounding is half away from zero on the decimal value as
written (2,5 -> 3; 1,005 -> 1,01), which is what a reader checking a table by hand expects.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from decimal import ROUND_HALF_UP, Decimal

MISSING = "–"

MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
WEEKDAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def _rounded(value: float | int | Decimal, decimals: int) -> Decimal:
    if isinstance(value, Decimal):
        exact = value
    elif isinstance(value, numbers.Integral):
        exact = Decimal(int(value))
    else:
        # repr() gives the shortest decimal that round-trips, so 1.005 rounds as 1,005 and
        # not as the binary 1.00499999...; float() first turns numpy scalars into floats.
        exact = Decimal(repr(float(value)))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)  # never "-0"


def _is_missing(value: float | int | Decimal | None) -> bool:
    """None, NaN and infinity have no Dutch spelling in a table: they show as "–"."""
    if value is None:
        return True
    if isinstance(value, Decimal):
        return not value.is_finite()
    return not isinstance(value, numbers.Integral) and not math.isfinite(float(value))


def number(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """9524 -> "9.524"; 156.58 with decimals=1 -> "156,6"; None or NaN -> "–"."""
    if _is_missing(value):
        return MISSING
    rounded = _rounded(value, decimals)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def signed(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """Like `number`, with "+" before a positive value: a difference or change."""
    text = number(value, decimals)
    if _is_missing(value) or _rounded(value, decimals) <= 0:
        return text
    return "+" + text


def percent(value: float | int | Decimal | None, decimals: int = 1) -> str:
    """12.5 -> "12,5 %" (the value is already a percentage, not a fraction)."""
    if _is_missing(value):
        return MISSING
    return f"{number(value, decimals)} %"


def change_pct(value: float | int | Decimal | None, decimals: int = 1) -> str:
    """A change in percent with its sign: -3.5 -> "-3,5 %"; 3 with decimals=0 -> "+3 %"."""
    if _is_missing(value):
        return MISSING
    return f"{signed(value, decimals)} %"


def month_name(month: int) -> str:
    """1 -> "januari"."""
    return MONTH_NAMES[month - 1]


def month_abbreviation(month: int) -> str:
    """3 -> "mrt" (the Dutch abbreviation, not "mar")."""
    return MONTH_ABBREVIATIONS[month - 1]


def month_nl(day: dt.date, *, full: bool = False) -> str:
    """The month of a date with its year: "nov 2026", or "november 2026" with full=True."""
    name = month_name(day.month) if full else month_abbreviation(day.month)
    return f"{name} {day.year}"


def weekday_nl(day: dt.date, *, short: bool = False) -> str:
    """The weekday: "maandag", or "ma" with short=True."""
    names = WEEKDAY_ABBREVIATIONS if short else WEEKDAY_NAMES
    return names[day.weekday()]


def date_nl(day: dt.date) -> str:
    """date(2026, 11, 22) -> "22 november 2026"."""
    return f"{day.day} {month_name(day.month)} {day.year}"
