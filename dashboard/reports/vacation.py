"""Vakantiepieken Lijn 1: typed report functions over the `line1_*` reports, the outlook's
arithmetic, and what is said of their rows; no Plotly, no Streamlit.

Report functions take a `Runner` (the app passes the cached `dashboard.data.report`, tests a
`Database.run`); everything else takes their frames and returns frames or strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from dashboard.format import (
    date_nl,
    month_abbreviation,
    month_name,
    number,
)

Runner = Callable[..., pl.DataFrame]

REGIONS = ("noord", "midden", "zuid")
REGION_NL = {"noord": "Noord", "midden": "Midden", "zuid": "Zuid"}
HOLIDAY_ORDER = (
    "voorjaarsvakantie",
    "meivakantie",
    "zomervakantie",
    "herfstvakantie",
    "kerstvakantie",
)
ALIGNMENT_NL = {
    "eerste": "vanaf de eerste regio",
    "regios": "drie regio's samen",
}
DEFAULT_CASES_PER_STUDENT_DAY = 40
CASES_NL = "Zaken"
CONTACTS_NL = "Contactmomenten"
LINE1_NOTE = (
    "Lijn 1 zijn de vragen over het toestemmingsformulier om met een kind naar het buitenland "
    "te reizen (code 'toestemming voor vakantie'); werkstudenten beantwoorden ze. Werkdagen zijn "
    "maandag tot en met vrijdag zonder feestdagen."
)


# -- typed report functions ----------------------------------------------------------------


def line1_by_day(run: Runner, year: int) -> pl.DataFrame:
    """One row per day of `year`: opened Lijn 1 cases and contacts, working day or not
    (`line1_by_day.sql`)."""
    return run("line1_by_day", year=year)


def school_holidays(run: Runner, year: int) -> pl.DataFrame:
    """The school holidays per region that touch `year` (`line1_school_holidays.sql`)."""
    return run("line1_school_holidays", year=year)


BY_DAY_NOTE = (
    "Telt per werkdag de geopende Lijn 1-zaken (staven) en de Lijn 1-contactmomenten (lijn). "
    "Bovenin en lichtgekleurd: de schoolvakanties per regio; ruitjes: feestdagen (kantoor dicht)."
)


def line1_by_iso_week(run: Runner) -> pl.DataFrame:
    """One row per complete ISO week of every year: Lijn 1 cases and contacts."""
    return run("line1_by_iso_week")


def iso_years(weeks: pl.DataFrame) -> tuple[int, int]:
    """The first and last ISO year of the rows of `line1_by_iso_week`."""
    return weeks["iso_year"].min(), weeks["iso_year"].max()


def holiday_aligned(run: Runner) -> pl.DataFrame:
    """Lijn 1 cases per working day around the first holiday day, averaged over the holidays
    the data cover completely (`line1_holiday_aligned.sql`)."""
    return run("line1_holiday_aligned")


def aligned_years(aligned: pl.DataFrame) -> list[str]:
    """The years whose holidays `holiday_aligned` averages over, in order."""
    return sorted({y for ys in aligned["years"].to_list() for y in ys.split(", ")})


def aligned_note(years: list[str]) -> str:
    """What the chart around the first holiday day averages, over the holidays of `years`."""
    return (
        "Gemiddeld aantal geopende Lijn 1-zaken per werkdag, van zes weken vóór tot twee "
        "weken na de eerste vakantiedag (een zaterdag), over de vakanties die de gegevens helemaal "
        f"beslaan ({', '.join(years)}). Blauw: gerekend vanaf de regio die het eerst "
        "vakantie heeft; oranje: vanaf de eigen start van elke regio, gemiddeld over de drie "
        "regio's. Waar alle regio's op dezelfde dag beginnen (mei- en kerstvakantie), vallen de "
        "twee lijnen samen."
    )


def line1_peaks(run: Runner, year: int) -> pl.DataFrame:
    """One row per holiday of `year` with its peak week (`line1_peaks.sql`), and the texts
    shown of it: `peak_week` ("wk 27 (30 jun)") and `holiday_label`, which names a peak
    window still running as such, so its "peak" is not read as final."""
    peaks = run("line1_peaks", year=year)
    return peaks.with_columns(
        pl.Series(
            "peak_week",
            [
                week_label(d, w) if d is not None else None
                for d, w in zip(peaks["peak_week_start"], peaks["peak_iso_week"], strict=True)
            ],
            dtype=pl.String,
        ),
        pl.when(pl.col("window_complete"))
        .then(pl.col("holiday_nl"))
        .otherwise(pl.col("holiday_nl") + " (loopt nog)")
        .alias("holiday_label"),
    )


def peaks_note(peaks: pl.DataFrame, year: int) -> str:
    """What the peaks table of `year` (rows of `line1_peaks`) counts, with its baseline and
    the peak windows not over yet."""
    baseline = peaks["baseline_cases"][0] if peaks.height else None
    open_windows = [
        r["holiday_nl"].lower() for r in peaks.iter_rows(named=True) if not r["window_complete"]
    ]
    return (
        "Piekweek: de volledige ISO-week met de meeste Lijn 1-zaken, van zes weken vóór de "
        "eerste regio tot de week waarin de laatste regio begint. Basisniveau: gemiddeld "
        f"{number(baseline, 1)} zaken per week in {year}, over "
        f"{number(peaks['baseline_weeks'][0])} weken zonder schoolvakantie en zonder "
        "vakantiestart binnen vier weken."
        + (
            f" Nog niet afgelopen: {', '.join(open_windows)} (de piek kan nog komen)."
            if open_windows
            else ""
        )
        + " Contactmomenten: in dezelfde piekweek."
    )


# -- how good past forecasts were -----------------------------------------------------------


@dataclass(frozen=True)
class Accuracy:
    """The backtest: the forecast made on every past Monday from the data before it, against
    what came in the 12 weeks after, beside a seasonal-naive forecast (the same ISO week a
    year earlier). Errors in percent of the actual week; ratios are actual / forecast."""

    pairs: int
    origins: int
    weeks: int
    first_origin: dt.date
    last_week_end: dt.date
    cases_error_pct: float
    naive_cases_error_pct: float
    contacts_error_pct: float
    naive_contacts_error_pct: float
    cases_ratio_low: float
    cases_ratio_high: float
    contacts_ratio_low: float
    contacts_ratio_high: float


# fewer weeks forecast in the past than half a year say too little about the error
MIN_BACKTEST_WEEKS = 26


def backtest(run: Runner) -> Accuracy | None:
    """The backtest of report `line1_backtest_summary`; None while the data are too short
    (a forecast needs an earlier year, the naive one the year before each week)."""
    row = run("line1_backtest_summary").row(0, named=True)
    if not row["weeks"] or row["weeks"] < MIN_BACKTEST_WEEKS:
        return None
    return Accuracy(**{name: row[name] for name in Accuracy.__dataclass_fields__})


def with_range(outlook: pl.DataFrame, accuracy: Accuracy | None) -> pl.DataFrame:
    """Add the range of each week: the expectation times the 10th and 90th percentile of
    actual / forecast in the backtest (eight of ten past weeks fell inside). Without a backtest
    the range stays empty rather than pretending to know."""
    columns = []
    for measure in ("cases", "contacts"):
        expected = pl.col(f"expected_{measure}")
        low = None if accuracy is None else getattr(accuracy, f"{measure}_ratio_low")
        high = None if accuracy is None else getattr(accuracy, f"{measure}_ratio_high")
        columns += [
            (expected * low if low is not None else pl.lit(None, pl.Float64)).alias(
                f"low_{measure}"
            ),
            (expected * high if high is not None else pl.lit(None, pl.Float64)).alias(
                f"high_{measure}"
            ),
        ]
    return outlook.with_columns(columns)


def accuracy_text(accuracy: Accuracy) -> str:
    """ "gemiddeld 13 % ernaast (naïef: 21 %)", for the Lijn 1 cases."""
    return (
        f"gemiddeld {number(accuracy.cases_error_pct)} % ernaast "
        f"(naïef: {number(accuracy.naive_cases_error_pct)} %)"
    )


def working_week_text(week_start: dt.date) -> str:
    """Monday to Friday in words: "7–11 december", "30 november – 4 december"."""
    friday = week_start + dt.timedelta(days=4)
    if friday.month == week_start.month:
        return f"{week_start.day}–{friday.day} {month_name(friday.month)}"
    return (
        f"{week_start.day} {month_name(week_start.month)} – {friday.day} {month_name(friday.month)}"
    )


def next_peak_text(outlook: pl.DataFrame) -> str | None:
    """ "Volgende piek: week 50 (7–11 december), ongeveer 238 zaken": the busiest week of
    the outlook that is still to come."""
    ahead = outlook.filter(~pl.col("is_past") & pl.col("expected_cases").is_not_null())
    if ahead.is_empty():
        return None
    peak = ahead.sort("expected_cases", descending=True).row(0, named=True)
    return (
        f"Volgende piek: week {peak['iso_week']} ({working_week_text(peak['week_start'])}), "
        f"ongeveer {number(peak['expected_cases'])} zaken"
    )


def gap_weeks(outlook: pl.DataFrame) -> pl.DataFrame:
    """The weeks that are over but not in the data yet: neither data nor forecast."""
    return outlook.filter(pl.col("is_past"))


# -- outlook arithmetic -------------------------------------------------------------------


def with_student_days(outlook: pl.DataFrame, cases_per_student_day: float) -> pl.DataFrame:
    """Add the working-student days the expected Lijn 1 cases ask for (and their range).

    One student handles `cases_per_student_day` cases a working day, so a week of E cases asks
    E / cases_per_student_day student days; per working day that is divided by the week's
    working days (a week with Christmas has four).
    """
    if cases_per_student_day <= 0:
        raise ValueError("het aantal zaken per student per dag moet groter dan 0 zijn")
    per = float(cases_per_student_day)
    return outlook.with_columns(
        (pl.col("expected_cases") / per).alias("student_days"),
        (pl.col("low_cases") / per).alias("low_student_days"),
        (pl.col("high_cases") / per).alias("high_student_days"),
        (pl.col("expected_cases") / per / pl.col("working_days")).alias("students_per_day"),
    )


def short_date(day: dt.date) -> str:
    """date(2026, 11, 23) -> "23 nov"."""
    return f"{day.day} {month_abbreviation(day.month)}"


def week_label(week_start: dt.date, iso_week: int) -> str:
    """date(2026, 11, 23), 48 -> "wk 48 (23 nov)"."""
    return f"wk {iso_week} ({short_date(week_start)})"


def holiday_position(
    holiday_nl: str | None, start: dt.date | None, end: dt.date | None, week_start: dt.date
) -> str:
    """Where a week stands to a region's holiday: "3 wk vóór kerstvakantie"."""
    if holiday_nl is None or start is None or end is None:
        return "–"
    name = holiday_nl.lower()
    first_full_week = start + dt.timedelta(days=2)
    weeks = (first_full_week - week_start).days // 7
    if weeks > 0:
        return f"{weeks} wk vóór {name}"
    if week_start <= end:
        return f"{name}, week {1 - weeks}"
    return f"na {name}"


def peak_against_start(start: dt.date | None, weeks_before: int | None) -> str:
    """A region's first holiday day and where the peak week lies to it: "15 feb, piek 1 wk
    ervoor". `weeks_before` counts from the region's first holiday week (0: that week)."""
    if start is None:
        return "–"
    if weeks_before is None:
        return short_date(start)
    if weeks_before > 0:
        where = f"piek {weeks_before} wk ervoor"
    elif weeks_before == 0:
        where = "piek in de eerste vakantieweek"
    else:
        where = f"piek {-weeks_before} wk erna"
    return f"{short_date(start)}, {where}"


PEAKS_BY_REGION_NOTE = (
    "Per regio de eerste vakantiedag (een zaterdag) en hoeveel weken vóór de eerste "
    "vakantieweek van die regio de piekweek lag."
)


def peaks_by_region(peaks: pl.DataFrame) -> pl.DataFrame:
    """Per holiday (rows of the `line1_peaks` report), one text per region: its start and
    where the peak lies to it."""
    return peaks.with_columns(
        pl.Series(
            f"start_peak_{region}",
            [
                peak_against_start(start, weeks)
                for start, weeks in zip(
                    peaks[f"start_{region}"], peaks[f"weeks_before_{region}"], strict=True
                )
            ],
            dtype=pl.String,
        )
        for region in REGIONS
    )


def outlook_table(outlook: pl.DataFrame) -> pl.DataFrame:
    """The outlook with the texts a roster needs (week, holiday per region)."""
    rows = []
    for row in outlook.iter_rows(named=True):
        rows.append(
            {
                "week": week_label(row["week_start"], row["iso_week"]),
                "period": f"{date_nl(row['week_start'])} – {date_nl(row['week_end'])}",
                **{
                    f"position_{r}": holiday_position(
                        row[f"holiday_nl_{r}"],
                        row[f"start_{r}"],
                        row[f"end_{r}"],
                        row["week_start"],
                    )
                    for r in REGIONS
                },
                "cases_range": _range(row["low_cases"], row["high_cases"]),
                "contacts_range": _range(row["low_contacts"], row["high_contacts"]),
                "student_days_range": _range(
                    row["low_student_days"], row["high_student_days"], decimals=1
                ),
            }
        )
    texts = pl.DataFrame(rows)
    return pl.concat([outlook, texts], how="horizontal")


def _range(low: float | None, high: float | None, decimals: int = 0) -> str:
    if low is None or high is None:
        return "–"
    return f"{number(low, decimals)}–{number(high, decimals)}"


def source_years_text(outlook: pl.DataFrame) -> str:
    """Which earlier holidays each run of outlook weeks is computed from:
    "wk 48–53: kerstvakantie 2024 en 2025; wk 1–6: voorjaarsvakantie 2024, 2025 en 2026"."""
    runs: list[tuple[tuple[str, str], list[int]]] = []
    for row in outlook.iter_rows(named=True):
        if row["holiday_nl"] is None or row["source_years"] is None:
            continue
        key = (row["holiday_nl"].lower(), row["source_years"])
        if runs and runs[-1][0] == key:
            runs[-1][1].append(row["iso_week"])
        else:
            runs.append((key, [row["iso_week"]]))
    parts = []
    for (holiday, years), weeks in runs:
        listed = years.split(", ")
        years_nl = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " en " + listed[-1]
        span = f"wk {weeks[0]}" if len(weeks) == 1 else f"wk {weeks[0]}–{weeks[-1]}"
        parts.append(f"{span}: {holiday} {years_nl}")
    return "; ".join(parts)


def coming_holidays(outlook: pl.DataFrame) -> list[str]:
    """Per region, the holidays the outlook weeks are aligned on, in order:
    "Noord: kerstvakantie 2026 (vanaf 19 december 2026), voorjaarsvakantie 2027 (...)"."""
    lines = []
    for region in REGIONS:
        seen: dict[tuple[str, dt.date], None] = {}
        for row in outlook.iter_rows(named=True):
            name, start = row[f"holiday_nl_{region}"], row[f"start_{region}"]
            if name is not None and start is not None:
                seen[(name, start)] = None
        items = [f"{name.lower()} {start.year} (vanaf {date_nl(start)})" for name, start in seen]
        lines.append(f"{REGION_NL[region]}: {', '.join(items)}")
    return lines
