"""Vakantiepieken Lijn 1: when the peaks before the school holidays come, how high, and what
the coming weeks ask of the working students."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import vacation as vacation_charts
from dashboard.format import date_nl, number
from dashboard.presentation import slides
from dashboard.reports import vacation, vacation_outlook
from dashboard.reports.periods import YearPeriod

# The keys of the outlook's two widgets, bound by Streamlit to these URL parameters:
# ?vandaag=2026-11-23 reproduces an outlook made on that day, ?per_student=40 a team's pace.
TODAY_PARAM = "vandaag"
PER_STUDENT_PARAM = "per_student"
PER_STUDENT_MAX = 500
_MEASURE_WIDGET = "vakantiepieken_maat"


def _is_date(raw: str) -> bool:
    try:
        return bool(dt.date.fromisoformat(raw))
    except ValueError:
        return False


def _is_pace(raw: str) -> bool:
    return raw.isdigit() and 1 <= int(raw) <= PER_STUDENT_MAX


year = chrome.selected_year()
data_until: dt.date = data.export_meta()["data_until"]
chart_period = slides.ChartPeriod.year(year, data_until)

st.caption(vacation.LINE1_NOTE)

if YearPeriod(year, data_until).is_running:
    st.info(
        f"{year} loopt nog: gegevens tot en met {date_nl(data_until)}. Wat daarna komt, staat "
        "nog niet in de grafieken en tabellen van dit jaar; een vakantie die nog moet beginnen, "
        "kan een hogere piek krijgen. De verwachting voor de komende weken staat onderaan.",
        icon=":material/schedule:",
    )

days = vacation.line1_by_day(data.report, year)
holidays = vacation.school_holidays(data.report, year)


def table_by_region(frame: pl.DataFrame, first: str, header: str, prefix: str, download: str):
    """A table with one column per region (`<prefix><region>`) after the column `first`."""
    regions = {f"{prefix}{r}": widgets.Column(vacation.REGION_NL[r]) for r in vacation.REGIONS}
    widgets.show_table(frame, {first: widgets.Column(header), **regions}, download=download)


# -- per werkdag ----------------------------------------------------------------------------
st.header(f"Per werkdag in {year}")
widgets.captioned_chart(
    vacation_charts.daily_chart,
    days,
    holidays,
    year,
    title=f"Lijn 1 per werkdag in {year}",
    period=chart_period,
    caption=vacation.BY_DAY_NOTE,
)

# -- per ISO-week ---------------------------------------------------------------------------


@st.fragment
def weekly_overlay() -> None:
    """The weeks of every year over each other: switching cases and contacts reruns this part."""
    st.header("Per ISO-week, jaren over elkaar")
    measure_nl = st.radio(
        "Tellen", [vacation.CASES_NL, vacation.CONTACTS_NL], horizontal=True, key=_MEASURE_WIDGET
    )
    measure = "cases" if measure_nl == vacation.CASES_NL else "contacts"
    weeks = vacation.line1_by_iso_week(data.report)
    widgets.captioned_chart(
        vacation_charts.weekly_overlay_chart,
        weeks,
        holidays,
        year,
        measure,
        title=f"Lijn 1-{measure_nl.lower()} per ISO-week, jaren over elkaar",
        period=slides.ChartPeriod.years(*vacation.iso_years(weeks), data_until),
        caption=f"Telt per ISO-week (maandag tot en met zondag) de Lijn 1-{measure_nl.lower()}; "
        f"één lijn per jaar, {year} vet. Weken die de gegevens maar deels beslaan, ontbreken.",
    )


weekly_overlay()

# -- rond de vakantie -----------------------------------------------------------------------
st.header("Rond de eerste vakantiedag")
aligned = vacation.holiday_aligned(data.report)
aligned_years = vacation.aligned_years(aligned)
widgets.captioned_chart(
    vacation_charts.aligned_chart,
    aligned,
    title="Lijn 1 rond de eerste vakantiedag",
    # the holidays the data cover completely, not the year chosen
    period=slides.ChartPeriod.holidays(aligned_years),
    caption=vacation.aligned_note(aligned_years),
)

# -- pieken ---------------------------------------------------------------------------------
st.header(f"Pieken in {year}")
peaks = vacation.line1_peaks(data.report, year)
highest_peak = peaks["peak_cases"].max()
widgets.show_table(
    peaks,
    {
        "holiday_label": widgets.Column("Vakantie"),
        "peak_week": widgets.Column("Piekweek"),
        "peak_cases": widgets.Column("Zaken in piekweek", widgets.optional(number)),
        "peak_to_baseline": widgets.Column(
            "× basisniveau", widgets.optional(lambda v: f"{number(v, 1)} ×")
        ),
        "peak_contacts": widgets.Column("Contactmomenten", widgets.optional(number)),
    },
    # the highest peak of the year stands out
    highlight=lambda row: row["peak_cases"] is not None and row["peak_cases"] == highest_peak,
    download=f"lijn1-pieken-{year}",
)
st.caption(vacation.peaks_note(peaks, year))
st.subheader("Eerste vakantiedag per regio en de piek")
table_by_region(
    vacation.peaks_by_region(peaks),
    "holiday_label",
    "Vakantie",
    "start_peak_",
    download=f"lijn1-pieken-per-regio-{year}",
)
st.caption(vacation.PEAKS_BY_REGION_NOTE)

# -- wat komt eraan -------------------------------------------------------------------------


def outlook_day_and_pace() -> tuple[dt.date, int]:
    """The day the outlook is made on and the cases one working student handles a day, from
    the URL or the widget; a link value the page cannot use is said and dropped."""
    asked_today = chrome.unusable_url_value(TODAY_PARAM, _is_date)
    asked_pace = chrome.unusable_url_value(PER_STUDENT_PARAM, _is_pace)
    # ?vandaag= is read on every page (the staleness notice too), so it is a plain URL
    # parameter, not a widget bound to this page.
    today = chrome.today()
    with st.container(horizontal=True):
        per_student = st.number_input(
            "Zaken die één werkstudent per dag afhandelt",
            min_value=1,
            max_value=PER_STUDENT_MAX,
            value=vacation.DEFAULT_CASES_PER_STUDENT_DAY,
            step=5,
            key=PER_STUDENT_PARAM,
            bind="query-params",
            width=340,
            help="Typ een getal en druk op Enter (of klik ernaast), of tel met − en + per 5.",
        )
    if asked_today is not None:
        chrome.say_url_value_dropped("de dag van de verwachting", asked_today, date_nl(today))
    if asked_pace is not None:
        chrome.say_url_value_dropped(
            "zaken per werkstudent per dag (1 tot en met 500)", asked_pace, number(per_student)
        )
    return today, per_student


@st.fragment
def outlook() -> None:
    """The coming weeks: a new pace reruns this part only."""
    st.header("Wat komt eraan: de komende 12 weken")
    today, per_student = outlook_day_and_pace()
    coming = vacation_outlook.line1_outlook(data.report, today, data_until, per_student)
    st.markdown(vacation_outlook.made_on_text(coming))
    gap_warning = vacation_outlook.gap_warning(coming)
    if gap_warning is not None:
        st.warning(gap_warning, icon=":material/event_busy:")
    peak_text = vacation.next_peak_text(coming.weeks)
    if peak_text:
        st.markdown(f"**{peak_text}.**")
    if coming.accuracy is not None:
        st.markdown(vacation_outlook.accuracy_paragraph(coming.accuracy))
    else:
        st.caption(vacation_outlook.NO_ACCURACY_NOTE)
    with st.expander("Hoe de verwachting tot stand komt"):
        st.markdown(vacation_outlook.method_text(coming))
    st.markdown("\n".join(f"- {line}" for line in vacation.coming_holidays(coming.weeks)))
    widgets.captioned_chart(
        vacation_charts.outlook_chart,
        coming.weeks,
        title="Lijn 1: verwachting voor de komende weken",
        period=slides.ChartPeriod(
            f"weken vanaf {date_nl(coming.first_week)}, verwachting van {date_nl(today)}",
            f"vanaf-{coming.first_week.isoformat()}",
        ),
        caption=vacation_outlook.outlook_chart_note(coming),
    )
    if coming.accuracy is not None:  # per week: the forecasts the sentence above judges
        backtest = vacation_outlook.backtest_weeks(data.report, coming.accuracy)
        widgets.captioned_chart(
            vacation_charts.backtest_chart, backtest,
            title="Lijn 1: eerdere verwachtingen tegenover wat er kwam",
            period=slides.ChartPeriod(*vacation_outlook.backtest_period(backtest)),
            caption=vacation_outlook.backtest_chart_note(backtest),
        )  # fmt: skip
    st.subheader("De weken tegenover de schoolvakanties")
    download = f"lijn1-weken-en-vakanties-{today.isoformat()}"
    table_by_region(coming.weeks, "week", "Week", "position_", download=download)
    st.caption(vacation_outlook.WEEKS_BY_REGION_NOTE)
    st.subheader("Verwacht per week")
    past_weeks = coming.past_weeks
    one_decimal = widgets.optional(lambda v: number(v, 1))
    widgets.show_table(
        coming.weeks,
        {
            "week": widgets.Column("Week"),
            "working_days": widgets.Column("Werkdagen", widgets.optional(number)),
            "expected_cases": widgets.Column("Zaken", widgets.optional(number)),
            "cases_range": widgets.Column("Bereik zaken"),
            # "Vorig jaar": the same ISO week a year earlier; a longer header does not fit 1280 px
            "last_year_cases": widgets.Column("Vorig jaar", widgets.optional(number)),
            "student_days": widgets.Column("Studentdagen", one_decimal),
            "students_per_day": widgets.Column("Studenten/dag", one_decimal),
            "expected_contacts": widgets.Column("Contacten", widgets.optional(number)),
        },
        highlight=lambda row: row["week"] in past_weeks,
        download=f"lijn1-verwachting-{today.isoformat()}",
        notes=[vacation_outlook.roster_note(coming)],
    )
    st.caption(vacation_outlook.expected_weeks_note(coming))


outlook()

# -- heatmap --------------------------------------------------------------------------------
st.header("Contactmomenten per weekdag en week")
widgets.captioned_chart(
    vacation_charts.weekday_heatmap,
    days,
    year,
    title=f"Lijn 1-contactmomenten per weekdag en week, {year}",
    period=chart_period,
    caption=f"Telt de Lijn 1-contactmomenten per werkdag in de ISO-weken van {year}; een lege "
    "cel is een feestdag (kantoor dicht) of een dag zonder gegevens.",
)
