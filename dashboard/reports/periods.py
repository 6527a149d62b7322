"""The period a year's figures cover: the whole calendar year, or, while the year runs, up to
the last data day. One answer to "is this year complete?" for every page and the lecture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dashboard.format import date_nl


@dataclass(frozen=True)
class YearPeriod:
    """Calendar year `year` as data up to and including `data_until` cover it."""

    year: int
    data_until: dt.date

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def is_complete(self) -> bool:
        """The data reach 31 December: the whole year is in."""
        return self.data_until >= self.end

    @property
    def is_running(self) -> bool:
        """The data end inside this year: its figures are the days so far."""
        return dt.date(self.year, 1, 1) <= self.data_until < self.end

    @property
    def last_day(self) -> dt.date:
        """The year's last day with data."""
        return min(self.data_until, self.end)

    @property
    def label(self) -> str:
        """ "2025", or "1 januari – 22 november 2026" for a year that runs."""
        return str(self.year) if self.is_complete else f"1 januari – {date_nl(self.last_day)}"

    @property
    def comparison(self) -> Literal["year", "to_date"]:
        """What a year is set against in the annual reports: a running year against the same
        days of the year before ('to_date'), never against a whole year."""
        return "to_date" if self.is_running else "year"

    @property
    def until(self) -> dt.date | None:
        """For a download's name and notes: the last day a running year is counted to."""
        return self.data_until if self.is_running else None
