"""The Lijn 1 outlook for the coming weeks as the page states it: made on a day, from the data
up to a day, at a pace of cases per working student, with what is said of it.

The arithmetic (range, student days, the texts per week) is in `dashboard.reports.vacation`;
no Plotly, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard.format import date_nl, number
from dashboard.reports.vacation import (
    Accuracy,
    Runner,
    accuracy_text,
    backtest,
    gap_weeks,
    outlook_table,
    source_years_text,
    with_range,
    with_student_days,
    working_week_text,
)


@dataclass(frozen=True)
class Outlook:
    """The coming weeks made on `made_on`, from the data up to `last_known`, with the student
    days at `cases_per_student_day`; `weeks` are the rows of `outlook_table`."""

    made_on: dt.date
    last_known: dt.date
    cases_per_student_day: int
    accuracy: Accuracy | None
    weeks: pl.DataFrame

    @property
    def first_week(self) -> dt.date:
        return self.weeks["week_start"][0]

    @property
    def gap(self) -> pl.DataFrame:
        return gap_weeks(self.weeks)

    @property
    def past_weeks(self) -> set[str]:
        """The labels ("wk 48 (23 nov)") of the weeks over but not in the data yet."""
        return set(self.gap["week"])


def line1_outlook(
    run: Runner, today: dt.date, data_until: dt.date, cases_per_student_day: int
) -> Outlook:
    """The outlook made on `today` (`line1_outlook.sql`), with the range of the backtest and
    the student days at the given pace."""
    accuracy = backtest(run)
    weeks = with_range(run("line1_outlook", today=today), accuracy)
    return Outlook(
        made_on=today,
        # the day before today is the last that can be known, whatever the export says
        last_known=min(data_until, today - dt.timedelta(days=1)),
        cases_per_student_day=cases_per_student_day,
        accuracy=accuracy,
        weeks=outlook_table(with_student_days(weeks, cases_per_student_day)),
    )


def made_on_text(outlook: Outlook) -> str:
    return (
        f"Verwachting gemaakt op **{date_nl(outlook.made_on)}** met gegevens tot en met "
        f"**{date_nl(outlook.last_known)}**, voor de weken vanaf maandag "
        f"{date_nl(outlook.first_week)}."
    )


def gap_warning(outlook: Outlook) -> str | None:
    """The weeks between the data and today, which are neither data nor forecast; None when
    the data reach up to this week."""
    if outlook.gap.is_empty():
        return None
    weeks_nl = ", ".join(
        f"week {r['iso_week']} ({working_week_text(r['week_start'])})"
        for r in outlook.gap.iter_rows(named=True)
    )
    return (
        f"Tussen de laatste dag met gegevens ({date_nl(outlook.last_known)}) en vandaag ligt "
        f"{weeks_nl}: al voorbij, maar nog niet in de export. Die week is geen gegeven en geen "
        "vooruitblik; hij staat lichter en gearceerd in de grafiek en gemarkeerd in de "
        "tabel. De volgende export vult hem met wat er echt gebeurde."
    )


# The backtest chart shows the forecast made on the Monday of each week: further ahead (up to
# the outlook's 12 weeks) the forecasts were about as far off (demo: 12,8 % against 13-14 %).
BACKTEST_WEEKS_AHEAD = 1


def backtest_weeks(run: Runner, accuracy: Accuracy) -> pl.DataFrame:
    """Per week of the last two years of the backtest (`line1_backtest_by_week.sql`): the
    forecast made on its Monday from the days before, its range as the outlook draws it
    (low_cases, high_cases), the seasonal-naive forecast and the actual Lijn 1 cases."""
    weeks = run("line1_backtest_by_week", weeks_ahead=BACKTEST_WEEKS_AHEAD)
    return with_range(weeks, accuracy).with_columns(
        pl.col("actual_cases").is_between("low_cases", "high_cases").alias("in_range")
    )


def backtest_period(weeks: pl.DataFrame) -> tuple[str, str]:
    """The weeks of the backtest chart as a slide says them and as a file name does."""
    first, last = weeks["week_start"][0], weeks["week_start"][-1]
    return (
        f"weken van {date_nl(first)} t/m {date_nl(last)}",
        f"weken-{first.isoformat()}-tm-{last.isoformat()}",
    )


def backtest_chart_note(weeks: pl.DataFrame) -> str:
    """What the backtest chart shows, and how often the actual week fell inside the range."""
    return (
        "Elke week van de laatste twee jaar: de verwachting zoals die op de maandag van die "
        "week werd gemaakt, met alleen de gegevens van daarvóór, met haar bereik; de Lijn "
        "1-zaken die werkelijk kwamen; en naïef: dezelfde week een jaar eerder. "
        f"In {number(weeks['in_range'].sum())} van de {number(weeks.height)} weken lag het "
        "werkelijke aantal binnen het bereik."
    )


NO_ACCURACY_NOTE = (
    "Hoe goed de verwachting eerder was, is nog niet te zeggen: daarvoor zijn meer "
    "jaren met gegevens nodig. Er staat daarom geen bereik bij."
)


def accuracy_paragraph(accuracy: Accuracy) -> str:
    """How good the same forecast was on earlier Mondays, and the range that follows."""
    return (
        "**Hoe goed was deze verwachting eerder?** Dezelfde berekening, gemaakt op elke "
        f"maandag vanaf {date_nl(accuracy.first_origin)} met alleen de gegevens van vóór die "
        f"maandag, zat over de 12 weken erna **{accuracy_text(accuracy)}**. Naïef "
        "is: dezelfde week een jaar eerder, zoals die was. Het bereik hieronder is de "
        "verwachting × "
        f"{number(accuracy.cases_ratio_low, 2)} tot × {number(accuracy.cases_ratio_high, 2)}: "
        "zo ver lag de werkelijkheid in 8 van de 10 eerdere verwachtingen van de verwachting "
        f"af ({backtest_span_text(accuracy)})."
    )


def backtest_span_text(accuracy: Accuracy) -> str:
    """What the backtest covers: "98 weken, ongeveer 2 jaar, tot en met 22 november 2026;
    elke week is tot 12 keer vooruit voorspeld, 1.128 verwachtingen". The pairs of forecast
    and week are not weeks: each week was forecast from up to 12 Mondays before it."""
    return (
        f"{number(accuracy.weeks)} weken{years_text(accuracy.weeks)} tot en met "
        f"{date_nl(accuracy.last_week_end)}; elke week is tot 12 keer vooruit voorspeld, "
        f"{number(accuracy.pairs)} verwachtingen"
    )


def years_text(weeks: int) -> str:
    """ ", ongeveer 2 jaar," for 98 weeks, to the nearest half year; nothing under a year."""
    if weeks < WEEKS_PER_YEAR:
        return ""
    halves = round(weeks / WEEKS_PER_YEAR * 2)
    years = "anderhalf" if halves == 3 else number(halves / 2, 0 if halves % 2 == 0 else 1)
    return f", ongeveer {years} jaar,"


WEEKS_PER_YEAR = 365.2425 / 7


def method_text(outlook: Outlook) -> str:
    return (
        "Elke week krijgt zijn plaats ten opzichte van de eerstvolgende schoolvakantie van de "
        "regio die het eerst vakantie heeft (tot twee weken na de start), en we nemen dezelfde "
        "week rond dezelfde vakantie in elk eerder jaar met volledige gegevens, geschaald met "
        "de verhouding tussen het Lijn 1-volume tot nu toe en dat van dat jaar over dezelfde "
        "kalenderdagen (1 januari tot de laatste dag met gegevens). Het gemiddelde is de "
        f"verwachting; werkstudentdagen = verwachte zaken ÷ "
        f"{number(outlook.cases_per_student_day)} zaken per student per dag."
    )


def outlook_chart_note(outlook: Outlook) -> str:
    return (
        "Verwacht aantal geopende Lijn 1-zaken en Lijn 1-contactmomenten per week; de streepjes "
        "geven het bereik waarbinnen eerdere verwachtingen 8 van de 10 keer uitkwamen."
        + (
            " Licht en gearceerd: voorbij, nog niet in de gegevens."
            if not outlook.gap.is_empty()
            else ""
        )
    )


WEEKS_BY_REGION_NOTE = (
    "Eén rij per ISO-week (maandag tot en met zondag): de plaats van de week ten opzichte van "
    "de schoolvakantie per regio."
)


def roster_note(outlook: Outlook) -> str:
    """What a downloaded outlook says of itself: when it was made, at which pace."""
    return (
        f"Verwachting gemaakt op {date_nl(outlook.made_on)}; studentdagen bij "
        f"{number(outlook.cases_per_student_day)} zaken per student per dag."
    )


def expected_weeks_note(outlook: Outlook) -> str:
    """What the table of expected weeks counts, where it comes from, and what is marked."""
    per_student = number(outlook.cases_per_student_day)
    past_weeks = outlook.past_weeks
    return (
        "Verwachte aantallen per week; bereik: waar eerdere verwachtingen 8 van de 10 keer "
        "uitkwamen. Vorig jaar: dezelfde week vorig jaar, de zaken in dezelfde ISO-week een jaar "
        "eerder, zoals ze waren. Op basis van dezelfde week rond dezelfde vakantie in eerdere "
        "jaren — "
        f"{source_years_text(outlook.weeks)}. Werkdagen: zonder feestdagen. "
        f"Studentdagen: verwachte zaken ÷ {per_student} zaken per student per dag; "
        "studenten/dag: studentdagen ÷ werkdagen van die week; contacten: verwachte "
        "Lijn 1-contactmomenten."
        + (
            f" Gemarkeerd: {', '.join(sorted(past_weeks))}, al voorbij maar nog niet in de "
            "gegevens (geen gegeven en geen vooruitblik)."
            if past_weeks
            else ""
        )
        + " De tabellen zijn te kopiëren naar een rooster (selecteren en Ctrl+C, of "
        "downloaden als CSV of Excel)."
    )
