"""Caseload page: its period and filters (kept in the URL) and its typed reports.

The reports are the SQL of `queries/reports/caseload_*.sql`; each function here takes the
runner that executes them (`dashboard.data.report` on the page, `Database.run` in tests), so the
page and the tests run exactly the same queries with exactly the same parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict

from dashboard.format import change_pct, date_nl, month_nl, number

Runner = Callable[..., pl.DataFrame]

ALL = "alle"
DEFAULT_MONTHS = 24

# URL parameter names (Dutch, because the address is what staff share)
PERIOD_START_PARAM = "van"
PERIOD_END_PARAM = "tot"
PERIOD_CHOICE_PARAM = "periode"
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


# The period choices, as the URL keeps them (`?periode=laatste+12+maanden`). A rolling one is
# resolved against the loaded export on every run, so a shared link keeps meaning "the last 12
# months" after the next export; only FIXED keeps the months of `van` and `tot`.
LAST_24_MONTHS = "laatste 24 maanden"
LAST_12_MONTHS = "laatste 12 maanden"
YEAR_TO_DATE = "dit jaar tot nu"
LAST_YEAR = "vorig jaar"
FIXED_PERIOD = "vaste periode"
PERIOD_CHOICES = (LAST_24_MONTHS, LAST_12_MONTHS, YEAR_TO_DATE, LAST_YEAR, FIXED_PERIOD)


def _add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def last_full_month(months: Sequence[dt.date], data_until: dt.date) -> dt.date:
    """The export's last complete month: its last month if the data reach that month's last
    day, else the month before (the first month if there is no other)."""
    last = max(months)
    if (data_until + dt.timedelta(days=1)).month != data_until.month:
        return last
    return max(min(months), _add_months(last, -1))


def rolling_period(
    choice: str, months: Sequence[dt.date], data_until: dt.date
) -> tuple[dt.date, dt.date]:
    """The first and last month of a rolling `choice` in the loaded export, as far as it
    reaches: the last 24 months with the running one (the page's default), the 12 full months
    before the running one, January of the last year to its last month, or last year."""
    last, first = max(months), min(months)
    if choice == LAST_12_MONTHS:
        end = last_full_month(months, data_until)
        start = _add_months(end, -11)
    elif choice == YEAR_TO_DATE:
        start, end = dt.date(last.year, 1, 1), last
    elif choice == LAST_YEAR:
        start, end = dt.date(last.year - 1, 1, 1), dt.date(last.year - 1, 12, 1)
    else:
        return default_period(months)
    return max(start, first), max(first, min(end, last))


def _is_running(month: dt.date, data_until: dt.date) -> bool:
    """Whether `month` is the data's last month and the data end before its last day."""
    last_day = (data_until + dt.timedelta(days=1)).month != data_until.month
    return (month.year, month.month) == (data_until.year, data_until.month) and not last_day


ROLLING_HELP = (
    "Laatste 24 of 12 maanden, dit jaar tot nu en vorig jaar schuiven mee met elke nieuwe "
    "export, ook in een gedeelde link; een vaste periode (of een maand die u kiest) houdt haar "
    "maanden."
)


def period_choice_text(
    choice: str, start: dt.date, end: dt.date, data_until: dt.date
) -> str | None:
    """Under the period control: the months a rolling choice holds in this export ("Laatste
    12 maanden: november 2025 t/m oktober 2026, ..."); None for the default and a fixed
    period, whose months the page's opening line or the month widgets say."""
    if choice in (LAST_24_MONTHS, FIXED_PERIOD):
        return None
    until = date_nl(data_until) if _is_running(end, data_until) else month_label(end)
    text = f"{choice.capitalize()}: {month_label(start)} t/m {until}"
    if choice == LAST_12_MONTHS:
        after = _add_months(end, 1)
        text += (
            f", de volle maanden vóór {month_label(after)} (loopt nog)"
            if _is_running(after, data_until)
            else ", de volle maanden tot en met de laatste van de gegevens"
        )
    return text + "."


def categories_for_line(categories: pl.DataFrame, line: int) -> list[str]:
    """The category codes the filter offers for a line (0 = both), "alle" first."""
    codes = categories.filter((pl.col("line") == line) | (line == 0))["category_code"]
    return [ALL, *codes.to_list()]


def months_in(months: Sequence[dt.date], f: Filters) -> list[dt.date]:
    """The months of the export inside the period of `f`."""
    return [m for m in months if f.start <= m <= f.end]


def lines_shown(f: Filters, categories: pl.DataFrame) -> list[int]:
    """The lines the selection can hold cases of. A category belongs to one line, so the other
    line has no cases in the selection: it gets no tile and no chart of zeros."""
    return [
        line
        for line in (1, 2)
        if f.line in (0, line)
        and (f.category == ALL or f.category in categories_for_line(categories, line))
    ]


def category_names(categories: pl.DataFrame) -> dict[str, str]:
    """Category code -> Dutch name, with "alle" for the whole filter."""
    names = dict(zip(categories["category_code"], categories["category_nl"], strict=True))
    return {**names, ALL: "Alle categorieën"}


def month_label(month: dt.date) -> str:
    """A month as the period widgets show it and the URL keeps it: "december 2024"."""
    return month_nl(month, full=True)


def party_label(party: str) -> str:
    return PARTIES[party][1]


def file_key(f: Filters, month: dt.date | None = None) -> str:
    """The period of `f`, or one `month`, as a file name says it: "2024-12-tm-2026-11"."""
    return month_key(month) if month else f"{month_key(f.start)}-tm-{month_key(f.end)}"


def period_nl(f: Filters, data_until: dt.date, ends_running: bool) -> tuple[str, str]:
    """The months of `f` as a slide says them ("dec 2024 t/m 22 nov 2026") and as a file name
    does ("2024-12-tm-2026-11-22"); a period that ends in the running month says up to which
    day."""
    if not ends_running:
        return f.describe(), file_key(f)
    return (
        f"{month_nl(f.start)} t/m {data_until.day} {month_nl(f.end)}",
        f"{month_key(f.start)}-tm-{data_until.isoformat()}",
    )


def chart_title(what: str, f: Filters, names: Mapping[str, str], *, line: bool = True) -> str:
    """`what`, and the filters that narrow it: a slide of Lijn 1 alone must not pass for all
    cases ("Nieuwe zaken per maand, Lijn 1, alleen ouders")."""
    parts = [what]
    if line and f.line:
        parts.append(LINES[f.line])
    if f.category != ALL:
        parts.append(names[f.category])
    if f.party != ALL:
        parts.append(party_label(f.party).lower())
    return ", ".join(parts)


# What a link asks of one widget: what the notice calls it, the labels the widget shows, and
# how a link from before Streamlit kept the labels (`?van=2024-12&wie=ouders`) read it.
LinkCheck = tuple[str, set[str], Callable[[str], object]]


def link_checks(months: Sequence[dt.date]) -> dict[str, LinkCheck]:
    """The checks of the period, the line and the party, by URL parameter, in the order the
    page says what it dropped."""

    def month(raw: str) -> dt.date | None:
        value = parse_month(raw)
        return value if value in months else None

    month_labels = {month_label(m) for m in months}
    return {
        PERIOD_CHOICE_PARAM: ("periode", set(PERIOD_CHOICES), lambda raw: None),
        PERIOD_START_PARAM: ("begin", month_labels, month),
        PERIOD_END_PARAM: ("eind", month_labels, month),
        LINE_PARAM: ("lijn", set(LINES.values()), parse_line),
        PARTY_PARAM: (
            "wie",
            {party_label(p) for p in PARTIES},
            lambda raw: raw if raw in PARTIES else None,
        ),
    }


def category_link_check(
    categories: pl.DataFrame, names: Mapping[str, str], line: int
) -> dict[str, LinkCheck]:
    """The check of the category, which must belong to the line chosen."""
    codes = categories_for_line(categories, line)
    return {
        CATEGORY_PARAM: (
            "categorie",
            {names[c] for c in codes},
            lambda raw: raw if raw in codes else None,
        )
    }


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


def has_any(df: pl.DataFrame, value: str) -> bool:
    """Whether `value` counts anything: a selection without it shows a notice, not zeros."""
    return df.height > 0 and (df[value].fill_null(0).sum() or 0) > 0


@dataclass(frozen=True)
class PeriodTotal:
    """A key figure of the period: its total and the change against a year earlier."""

    label: str
    value: str
    change: str | None


def _total(label: str, df: pl.DataFrame, value: str) -> PeriodTotal:
    now = df[value].sum()
    before = df[f"{value}_year_before"]
    # a year earlier that the export does not reach has no total, rather than a false zero
    earlier = None if before.null_count() else before.sum()
    change = None if not earlier else change_pct(100 * (now - earlier) / earlier)
    return PeriodTotal(
        label, number(now), None if change is None else f"{change} t.o.v. een jaar eerder"
    )


def period_totals(
    new_cases: pl.DataFrame, contacts: pl.DataFrame, lines: Sequence[int]
) -> list[PeriodTotal]:
    """New cases of each line shown (and of both together), then contacts."""
    totals = [
        _total(f"Nieuwe zaken {label}", new_cases.filter(pl.col("line") == key), "cases")
        for key, label in ((1, "Lijn 1"), (2, "Lijn 2"))
        if key in lines
    ]
    if list(lines) == [1, 2]:
        totals.append(_total("Nieuwe zaken, beide lijnen", new_cases, "cases"))
    channels = contacts.filter(pl.col("breakdown") == "channel")
    totals.append(_total("Contactmomenten", channels, "contacts"))
    return totals


# -- reports ------------------------------------------------------------------------------


def months(run: Runner) -> pl.DataFrame:
    """Every month of the export: month, year, month_number, closing_day, is_complete."""
    return run("caseload_months")


def categories(run: Runner) -> pl.DataFrame:
    """category_code, category_nl, line, category_order."""
    return run("caseload_categories")


def new_cases_by_month(run: Runner, f: Filters, lines: Sequence[int] = (1, 2)) -> pl.DataFrame:
    """month x line (of `lines`): cases opened, and in the same month a year earlier."""
    rows = run(
        "caseload_new_cases_by_month",
        **f.monthly_params(),
    )
    return rows.filter(pl.col("line").is_in(lines))


def contacts_by_month(run: Runner, f: Filters, lines: Sequence[int] = (1, 2)) -> pl.DataFrame:
    """breakdown (line, channel, person_type) x item x month: contacts, and a year earlier;
    the breakdown by line has only `lines`."""
    rows = run(
        "caseload_contacts_by_month",
        **f.monthly_params(),
    )
    return rows.filter(
        (pl.col("breakdown") != "line") | pl.col("item").is_in([str(line) for line in lines])
    )


def contacts_per_case_by_month(
    run: Runner, f: Filters, lines: Sequence[int] = (1, 2)
) -> pl.DataFrame:
    """month x line (of `lines`): contacts, cases with a contact, contacts per case (and a
    year earlier)."""
    rows = run(
        "caseload_contacts_per_case_by_month",
        **f.monthly_params(),
    )
    return rows.filter(pl.col("line").is_in(lines))


def contacts_by_channel_person(
    run: Runner, f: Filters, month: dt.date | None = None
) -> pl.DataFrame:
    """channel (and a total row) x person type: contacts in the period, or in one month."""
    period = f.period() if month is None else {"period_start": month, "period_end": month}
    return run("caseload_contacts_by_channel_person", **period, line=f.line, category=f.category)


def line2_open_by_month(run: Runner, f: Filters) -> pl.DataFrame:
    """month: Lijn 2 cases open at the month's end (the running month on data_until); with
    `line` and `line_nl`, as the monthly chart facets the other monthly reports."""
    rows = run(
        "caseload_line2_open_by_month", **f.period(), category=f.category, party=f.party_code
    )
    return rows.with_columns(line_nl=pl.lit("Lijn 2"), line=2)


def line2_carried_by_year(run: Runner, f: Filters) -> pl.DataFrame:
    """year: Lijn 2 opened, closed in the same year, carried into the next year."""
    return run("caseload_line2_carried_by_year", category=f.category, party=f.party_code)


def line2_carried_table(run: Runner, f: Filters, data_until: dt.date) -> pl.DataFrame:
    """`line2_carried_by_year` with what "carried" means in each year (`carried_nl`): the
    running year carries nothing yet, its cases are still open."""
    return line2_carried_by_year(run, f).with_columns(
        carried_nl=pl.when(pl.col("year_complete"))
        .then(pl.format("meegenomen naar {}", pl.col("year") + 1))
        .otherwise(pl.lit(f"nog open op {date_nl(data_until)}"))
    )


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
