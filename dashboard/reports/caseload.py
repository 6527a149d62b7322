"""Caseload page: its period and filters (kept in the URL) and its typed reports.

The reports are the SQL of `queries/reports/caseload_*.sql`; each function here takes the
runner that executes them (`dashboard.data.report` on the page, `Database.run` in tests), so the
page and the tests run exactly the same queries with exactly the same parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict

from dashboard.format import month_nl

Runner = Callable[..., pl.DataFrame]

ALL = "alle"
DEFAULT_MONTHS = 24

# URL parameter names (Dutch, because the address is what staff share)
PERIOD_START_PARAM = "van"
PERIOD_END_PARAM = "tot"
LINE_PARAM = "lijn"
CATEGORY_PARAM = "code"
PARTY_PARAM = "wie"

LINES: dict[int, str] = {0: "Beide lijnen", 1: "Lijn 1", 2: "Lijn 2"}
# URL word -> (code in the data, label on screen)
PARTIES: dict[str, tuple[str, str]] = {
    ALL: (ALL, "Iedereen"),
    "ouders": ("parent", "Alleen ouders"),
    "derden": ("third_party", "Alleen derden"),
}

Party = Literal["alle", "ouders", "derden"]


class Filters(BaseModel):
    """What the page shows: a period of whole months and three filters."""

    model_config = ConfigDict(frozen=True)

    start: dt.date  # first day of the first month
    end: dt.date  # first day of the last month
    line: Literal[0, 1, 2] = 0
    category: str = ALL
    party: Party = ALL

    def monthly_params(self) -> dict[str, object]:
        """The parameters every monthly report takes: the period and the three filters."""
        return {
            **self.period(),
            "line": self.line,
            "category": self.category,
            "party": self.party_code,
        }

    def period(self) -> dict[str, dt.date]:
        return {"period_start": self.start, "period_end": self.end}

    @property
    def party_code(self) -> str:
        return PARTIES[self.party][0]

    def month_count(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def year_earlier(self) -> Filters:
        return self.model_copy(
            update={"start": _shift_year(self.start, -1), "end": _shift_year(self.end, -1)}
        )

    def to_url(self) -> dict[str, str]:
        return {
            PERIOD_START_PARAM: month_key(self.start),
            PERIOD_END_PARAM: month_key(self.end),
            LINE_PARAM: ALL if self.line == 0 else str(self.line),
            CATEGORY_PARAM: self.category,
            PARTY_PARAM: self.party,
        }

    def describe(self) -> str:
        """The period in words: "jan 2025 t/m dec 2025"."""
        return f"{month_nl(self.start)} t/m {month_nl(self.end)}"


def _shift_year(month: dt.date, years: int) -> dt.date:
    return month.replace(year=month.year + years)


def month_key(month: dt.date) -> str:
    """The month as the URL writes it: date(2024, 12, 1) -> "2024-12"."""
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(text: str | None) -> dt.date | None:
    """ "2024-12" -> date(2024, 12, 1); anything else -> None."""
    if text is None:
        return None
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return None


def parse_line(text: str | None) -> int | None:
    if text is None:
        return None
    word = text.strip().lower()
    if word == ALL:
        return 0
    return int(word) if word in {"1", "2"} else None


def default_period(months: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    """The last 24 months of the export, the running month included."""
    last = max(months)
    return months[max(0, len(months) - DEFAULT_MONTHS)], last


def year_period(months: Sequence[dt.date], year: int) -> tuple[dt.date, dt.date]:
    """January to December of `year`, as far as the export reaches."""
    in_year = [m for m in months if m.year == year]
    return (min(in_year), max(in_year)) if in_year else default_period(months)


def categories_for_line(categories: pl.DataFrame, line: int) -> list[str]:
    """The category codes the filter offers for a line (0 = both), "alle" first."""
    codes = categories.filter((pl.col("line") == line) | (line == 0))["category_code"]
    return [ALL, *codes.to_list()]


def filters_from_url(
    query: Mapping[str, str], months: Sequence[dt.date], categories: pl.DataFrame
) -> Filters:
    """The filters a shared link asks for; what is missing or invalid falls back to the default.

    A period outside the export is clamped to it; a start after the end is swapped; a category
    that does not belong to the chosen line falls back to every category.
    """
    default_start, default_end = default_period(months)
    start = parse_month(query.get(PERIOD_START_PARAM)) or default_start
    end = parse_month(query.get(PERIOD_END_PARAM)) or default_end
    start, end = sorted((start, end))
    start = min(max(start, min(months)), max(months))
    end = min(max(end, min(months)), max(months))
    line = parse_line(query.get(LINE_PARAM))
    line = 0 if line is None else line
    category = query.get(CATEGORY_PARAM, ALL)
    if category not in categories_for_line(categories, line):
        category = ALL
    party = query.get(PARTY_PARAM, ALL)
    if party not in PARTIES:
        party = ALL
    return Filters(start=start, end=end, line=line, category=category, party=party)


# -- reports ------------------------------------------------------------------------------


def months(run: Runner) -> pl.DataFrame:
    """Every month of the export: month, year, month_number, closing_day, is_complete."""
    return run("caseload_months")


def categories(run: Runner) -> pl.DataFrame:
    """category_code, category_nl, line, category_order."""
    return run("caseload_categories")


def new_cases_by_month(run: Runner, f: Filters) -> pl.DataFrame:
    """month x line: cases opened, and in the same month a year earlier."""
    return run(
        "caseload_new_cases_by_month",
        **f.monthly_params(),
    )


def contacts_by_month(run: Runner, f: Filters) -> pl.DataFrame:
    """breakdown (line, channel, person_type) x item x month: contacts, and a year earlier."""
    return run(
        "caseload_contacts_by_month",
        **f.monthly_params(),
    )


def contacts_per_case_by_month(run: Runner, f: Filters) -> pl.DataFrame:
    """month x line: contacts, cases with a contact, contacts per case (and a year earlier)."""
    return run(
        "caseload_contacts_per_case_by_month",
        **f.monthly_params(),
    )


def contacts_by_channel_person(
    run: Runner, f: Filters, month: dt.date | None = None
) -> pl.DataFrame:
    """channel (and a total row) x person type: contacts in the period, or in one month."""
    period = f.period() if month is None else {"period_start": month, "period_end": month}
    return run("caseload_contacts_by_channel_person", **period, line=f.line, category=f.category)


def line2_open_by_month(run: Runner, f: Filters) -> pl.DataFrame:
    """month: Lijn 2 cases open at the month's end (the running month on data_until)."""
    return run(
        "caseload_line2_open_by_month", **f.period(), category=f.category, party=f.party_code
    )


def line2_carried_by_year(run: Runner, f: Filters) -> pl.DataFrame:
    """year: Lijn 2 opened, closed in the same year, carried into the next year."""
    return run("caseload_line2_carried_by_year", category=f.category, party=f.party_code)


def line2_by_category_month(run: Runner, f: Filters) -> pl.DataFrame:
    """Lijn 2 category x month: new cases (the heatmap); every category, whatever the filter."""
    return run("caseload_line2_by_category_month", **f.period(), party=f.party_code)


def line2_by_category_party(run: Runner, f: Filters, month: dt.date | None = None) -> pl.DataFrame:
    """Lijn 2 category (and a total row): new cases by parents / third parties."""
    period = f.period() if month is None else {"period_start": month, "period_end": month}
    return run("caseload_line2_by_category_party", **period)


def school_holidays(run: Runner, f: Filters) -> pl.DataFrame:
    """region x school holiday overlapping the period: start_date, end_date."""
    return run("caseload_school_holidays", **f.period())
