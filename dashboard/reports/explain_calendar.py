"""The calendar's part in a change of Lijn 1: how many cases two periods would differ by only
because the school holidays (per region) and the working days fell differently.

A model of the day, fitted to every observed day: a level per year for working days and one
for other days, plus the holiday-aligned profile /vakantiepieken shows (the extra cases per
working day in each week before and after a holiday's first day, averaged over the three
regions). Its expected count of a period, at one level for both periods, is what the
calendar alone says; the difference of the two is the calendar part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import linalg

REGIONS = 3  # noord, midden, zuid: each region's holiday moves a third of the country
WEEK = 7

METHOD_NL = (
    "**Kalender** (alleen Lijn 1): hoeveel van het verschil alleen komt doordat de "
    "schoolvakanties (per regio) en de werkdagen anders vielen. Per dag schat een lineair "
    "model (kleinste kwadraten over elke dag van de gegevens) het aantal Lijn 1-zaken uit een "
    "niveau per jaar voor werkdagen en voor andere dagen, plus het vakantieprofiel van "
    "/vakantiepieken: de extra zaken per werkdag in elke week van 6 weken vóór tot 2 weken na "
    "de eerste vakantiedag, per vakantie, gemiddeld over noord, midden en zuid. Met één niveau "
    "voor beide perioden telt het model elke periode op; het verschil van die twee is de "
    "kalender. De rest van het verschil van Lijn 1 blijft bij de delen (naar hun aandeel in "
    "de Lijn 1-zaken)."
)


@dataclass(frozen=True)
class Period:
    """The days `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    def days(self) -> pl.Expr:
        return pl.col("day").is_between(self.start, self.end)


@dataclass(frozen=True)
class CalendarPart:
    """What the calendar says of Lijn 1 in two periods, at one level."""

    expected_now: float
    expected_before: float

    @property
    def part(self) -> float:
        return self.expected_now - self.expected_before


def _features(days: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """One row per day: the cases, the year, working day or not, and per holiday x week of
    its window the share of the regions that are in that week (working days only)."""
    by_day = days.group_by("day").agg(
        pl.col("day_year").first(),
        pl.col("is_working_day").first(),
        pl.col("cases").first(),
    )
    windows = (
        days.filter(pl.col("holiday_key").is_not_null() & pl.col("is_working_day"))
        .with_columns(
            feature=pl.col("holiday_key") + ":" + (pl.col("day_offset") // WEEK).cast(pl.String)
        )
        .group_by("day", "feature")
        .agg((pl.len() / REGIONS).alias("share"))
    )
    names = sorted(windows["feature"].unique().to_list())
    if names:
        wide = windows.pivot(on="feature", index="day", values="share")
        by_day = by_day.join(wide, on="day", how="left")
    for name in names:
        by_day = by_day.with_columns(pl.col(name).fill_null(0.0))
    return by_day.sort("day"), names


def _design(frame: pl.DataFrame, years: list[int], names: list[str]) -> np.ndarray:
    working = frame["is_working_day"].to_numpy().astype(float)
    year = frame["day_year"].to_numpy()
    levels = [(year == y) * working for y in years] + [(year == y) * (1 - working) for y in years]
    profile = [frame[name].to_numpy() for name in names]
    return np.column_stack([*levels, *profile]) if levels else np.empty((frame.height, 0))


def calendar_part(days: pl.DataFrame, now: Period, before: Period) -> CalendarPart | None:
    """The calendar part of Lijn 1's change from `before` to `now`, from the daily rows of
    report `line1_calendar_days`; None when a period has no observed day."""
    frame, names = _features(days)
    if frame.filter(now.days()).is_empty() or frame.filter(before.days()).is_empty():
        return None
    years = sorted(frame["day_year"].unique().to_list())
    design = _design(frame, years, names)
    # least squares; a holiday week seen in one year only is still fitted (minimum norm)
    coefficients, *_ = linalg.lstsq(design, frame["cases"].to_numpy().astype(float))
    n = len(years)
    # one level for both periods: the mean of the years they touch, so a year's growth is
    # left to the parts and only the calendar differs
    touched = frame.filter(now.days() | before.days())["day_year"].unique().to_list()
    pick = [years.index(y) for y in touched]
    working_level = float(np.mean(coefficients[:n][pick]))
    other_level = float(np.mean(coefficients[n : 2 * n][pick]))
    profile = coefficients[2 * n :]

    def expected(period: Period) -> float:
        part = frame.filter(period.days())
        working = part["is_working_day"].to_numpy().astype(float)
        uplift = (
            np.column_stack([part[name].to_numpy() for name in names]) @ profile
            if names
            else np.zeros(part.height)
        )
        return float(np.sum(working * working_level + (1 - working) * other_level + uplift))

    return CalendarPart(expected(now), expected(before))
