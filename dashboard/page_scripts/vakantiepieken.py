"""Vakantiepieken Lijn 1: when the peaks before the school holidays come, how high, and what
the coming weeks ask of the working students."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import vacation as vacation_charts
from dashboard.format import date_nl, number
from dashboard.presentation import slides
from dashboard.reports import vacation
from dashboard.reports.periods import YearPeriod

# The keys of the outlook's two widgets, bound by Streamlit to these URL parameters:
# ?vandaag=2026-11-23 reproduces an outlook made on that day, ?per_student=40 a team's pace.
TODAY_PARAM = "vandaag"
PER_STUDENT_PARAM = "per_student"
PER_STUDENT_MAX = 500
_MEASURE_WIDGET = "vakantiepieken_maat"


def _is_date(raw: str) -> bool:
    try:
        dt.date.fromisoformat(raw)
    except ValueError:
        return False
    return True


def _is_pace(raw: str) -> bool:
    return raw.isdigit() and 1 <= int(raw) <= PER_STUDENT_MAX


year = chrome.selected_year()
data_until: dt.date = data.export_meta()["data_until"]
chart_period = slides.ChartPeriod.year(year, data_until)

st.caption(
    "Lijn 1 zijn de vragen over het toestemmingsformulier om met een kind naar het buitenland "
    "te reizen (code 'toestemming voor vakantie'); werkstudenten beantwoorden ze. Werkdagen zijn "
    "maandag tot en met vrijdag zonder feestdagen."
)

if YearPeriod(year, data_until).is_running:
    st.info(
        f"{year} loopt nog: gegevens tot en met {date_nl(data_until)}. Wat daarna komt, staat "
        "nog niet in de grafieken en tabellen van dit jaar; een vakantie die nog moet beginnen, "
        "kan een hogere piek krijgen. De verwachting voor de komende weken staat onderaan.",
        icon=":material/schedule:",
    )

days = data.report("line1_by_day", year=year)
holidays = data.report("line1_school_holidays", year=year)

# -- per werkdag ----------------------------------------------------------------------------
st.header(f"Per werkdag in {year}")
widgets.show_chart(
    widgets.figure(vacation_charts.daily_chart, days, holidays, year),
    title=f"Lijn 1 per werkdag in {year}",
    period=chart_period,
)
st.caption(
    "Telt per werkdag de geopende Lijn 1-zaken (staven) en de Lijn 1-contactmomenten (lijn). "
    "Bovenin en lichtgekleurd: de schoolvakanties per regio; ruitjes: feestdagen (kantoor dicht)."
)

# -- per ISO-week ---------------------------------------------------------------------------


@st.fragment
def weekly_overlay() -> None:
    """The weeks of every year over each other: switching cases and contacts reruns this part."""
    st.header("Per ISO-week, jaren over elkaar")
    measure_nl = st.radio(
        "Tellen",
        [vacation.CASES_NL, vacation.CONTACTS_NL],
        horizontal=True,
        key=_MEASURE_WIDGET,
    )
    measure = "cases" if measure_nl == vacation.CASES_NL else "contacts"
    weeks = data.report("line1_by_iso_week")
    widgets.show_chart(
        widgets.figure(vacation_charts.weekly_overlay_chart, weeks, holidays, year, measure),
        title=f"Lijn 1-{measure_nl.lower()} per ISO-week, jaren over elkaar",
        period=slides.ChartPeriod.years(
            weeks["iso_year"].min(), weeks["iso_year"].max(), data_until
        ),
    )
    st.caption(
        f"Telt per ISO-week (maandag tot en met zondag) de Lijn 1-{measure_nl.lower()}; één lijn "
        f"per jaar, {year} vet. Weken die de gegevens maar deels beslaan, ontbreken."
    )


weekly_overlay()

# -- rond de vakantie -----------------------------------------------------------------------
st.header("Rond de eerste vakantiedag")
aligned = data.report("line1_holiday_aligned")
aligned_years = sorted({y for ys in aligned["years"].to_list() for y in ys.split(", ")})
widgets.show_chart(
    widgets.figure(vacation_charts.aligned_chart, aligned),
    title="Lijn 1 rond de eerste vakantiedag",
    # the holidays the data cover completely, not the year chosen
    period=slides.ChartPeriod(
        f"vakanties {', '.join(aligned_years)}", f"{aligned_years[0]}-{aligned_years[-1]}"
    ),
)
st.caption(
    "Gemiddeld aantal geopende Lijn 1-zaken per werkdag, van zes weken vóór tot twee weken na "
    "de eerste vakantiedag (een zaterdag), over de vakanties die de gegevens helemaal beslaan "
    f"({', '.join(aligned_years)}). Blauw: gerekend vanaf de regio die het eerst vakantie heeft; "
    "oranje: vanaf de eigen start van elke regio, gemiddeld over de drie regio's. Waar alle "
    "regio's op dezelfde dag beginnen (mei- en kerstvakantie), vallen de twee lijnen samen."
)

# -- pieken ---------------------------------------------------------------------------------
st.header(f"Pieken in {year}")
peaks = data.report("line1_peaks", year=year)
peaks = peaks.with_columns(
    pl.Series(
        "peak_week",
        [
            vacation.week_label(d, w) if d is not None else None
            for d, w in zip(peaks["peak_week_start"], peaks["peak_iso_week"], strict=True)
        ],
        dtype=pl.String,
    ),
    # a peak window still running is named as such, so its "peak" is not read as final
    pl.when(pl.col("window_complete"))
    .then(pl.col("holiday_nl"))
    .otherwise(pl.col("holiday_nl") + " (loopt nog)")
    .alias("holiday_label"),
)
baseline = peaks["baseline_cases"][0] if peaks.height else None
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
open_windows = [
    r["holiday_nl"].lower() for r in peaks.iter_rows(named=True) if not r["window_complete"]
]
st.caption(
    "Piekweek: de volledige ISO-week met de meeste Lijn 1-zaken, van zes weken vóór de eerste "
    "regio tot de week waarin de laatste regio begint. Basisniveau: gemiddeld "
    f"{number(baseline, 1)} zaken per week in {year}, over {number(peaks['baseline_weeks'][0])} "
    "weken zonder schoolvakantie en zonder vakantiestart binnen vier weken."
    + (
        f" Nog niet afgelopen: {', '.join(open_windows)} (de piek kan nog komen)."
        if open_windows
        else ""
    )
    + " Contactmomenten: in dezelfde piekweek."
)
st.subheader("Eerste vakantiedag per regio en de piek")
widgets.show_table(
    vacation.peaks_by_region(peaks),
    {
        "holiday_label": widgets.Column("Vakantie"),
        **{
            f"start_peak_{region}": widgets.Column(vacation.REGION_NL[region])
            for region in vacation.REGIONS
        },
    },
    download=f"lijn1-pieken-per-regio-{year}",
)
st.caption(
    "Per regio de eerste vakantiedag (een zaterdag) en hoeveel weken vóór de eerste "
    "vakantieweek van die regio de piekweek lag."
)

# -- wat komt eraan -------------------------------------------------------------------------


@st.fragment
def outlook() -> None:
    """The coming weeks: a new pace reruns this part only."""
    st.header("Wat komt eraan: de komende 12 weken")
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
        )
    if asked_today is not None:
        chrome.say_url_value_dropped("de dag van de verwachting", asked_today, date_nl(today))
    if asked_pace is not None:
        chrome.say_url_value_dropped(
            "zaken per werkstudent per dag (1 tot en met 500)", asked_pace, number(per_student)
        )

    accuracy = vacation.backtest(data.report)
    outlook = vacation.outlook_table(
        vacation.with_student_days(
            vacation.with_range(data.report("line1_outlook", today=today), accuracy), per_student
        )
    )
    first_week = outlook["week_start"][0]
    gap = vacation.gap_weeks(outlook)
    last_known = min(data_until, today - dt.timedelta(days=1))
    st.markdown(
        f"Verwachting gemaakt op **{date_nl(today)}** met gegevens tot en met "
        f"**{date_nl(last_known)}**, voor de weken vanaf maandag {date_nl(first_week)}."
    )
    if not gap.is_empty():
        weeks_nl = ", ".join(
            f"week {r['iso_week']} ({vacation.working_week_text(r['week_start'])})"
            for r in gap.iter_rows(named=True)
        )
        st.warning(
            f"Tussen de laatste dag met gegevens ({date_nl(last_known)}) en vandaag ligt "
            f"{weeks_nl}: al voorbij, maar nog niet in de export. Die week is geen gegeven en geen "
            "vooruitblik; hij staat lichter en gearceerd in de grafiek en gemarkeerd in de "
            "tabel. De volgende export vult hem met wat er echt gebeurde.",
            icon=":material/event_busy:",
        )
    peak_text = vacation.next_peak_text(outlook)
    if peak_text:
        st.markdown(f"**{peak_text}.**")
    if accuracy is not None:
        st.markdown(
            "**Hoe goed was deze verwachting eerder?** Dezelfde berekening, gemaakt op elke "
            f"maandag vanaf {date_nl(accuracy.first_origin)} met alleen de gegevens van vóór die "
            f"maandag, zat over de 12 weken erna **{vacation.accuracy_text(accuracy)}**. Naïef "
            "is: dezelfde week een jaar eerder, zoals die was. Het bereik hieronder is de "
            "verwachting × "
            f"{number(accuracy.cases_ratio_low, 2)} tot × {number(accuracy.cases_ratio_high, 2)}: "
            "zo ver lag de werkelijkheid in 8 van de 10 eerdere weken van de verwachting af "
            f"({number(accuracy.pairs)} weken, tot en met {date_nl(accuracy.last_week_end)})."
        )
    else:
        st.caption(
            "Hoe goed de verwachting eerder was, is nog niet te zeggen: daarvoor zijn meer "
            "jaren met gegevens nodig. Er staat daarom geen bereik bij."
        )
    with st.expander("Hoe de verwachting tot stand komt"):
        st.markdown(
            "Elke week krijgt zijn plaats ten opzichte van de eerstvolgende schoolvakantie van de "
            "regio die het eerst vakantie heeft (tot twee weken na de start), en we nemen dezelfde "
            "week rond dezelfde vakantie in elk eerder jaar met volledige gegevens, geschaald met "
            "de verhouding tussen het Lijn 1-volume tot nu toe en dat van dat jaar over dezelfde "
            "kalenderdagen (1 januari tot de laatste dag met gegevens). Het gemiddelde is de "
            f"verwachting; werkstudentdagen = verwachte zaken ÷ {number(per_student)} zaken per "
            "student per dag."
        )
    st.markdown("\n".join(f"- {line}" for line in vacation.coming_holidays(outlook)))
    widgets.show_chart(
        widgets.figure(vacation_charts.outlook_chart, outlook),
        title="Lijn 1: verwachting voor de komende weken",
        period=slides.ChartPeriod(
            f"weken vanaf {date_nl(first_week)}, verwachting van {date_nl(today)}",
            f"vanaf-{first_week.isoformat()}",
        ),
    )
    st.caption(
        "Verwacht aantal geopende Lijn 1-zaken en Lijn 1-contactmomenten per week; de streepjes "
        "geven het bereik waarbinnen eerdere verwachtingen 8 van de 10 keer uitkwamen."
        + (" Licht en gearceerd: voorbij, nog niet in de gegevens." if not gap.is_empty() else "")
    )
    st.subheader("De weken tegenover de schoolvakanties")
    widgets.show_table(
        outlook,
        {
            "week": widgets.Column("Week"),
            **{
                f"position_{region}": widgets.Column(vacation.REGION_NL[region])
                for region in vacation.REGIONS
            },
        },
        download=f"lijn1-weken-en-vakanties-{today.isoformat()}",
    )
    st.caption(
        "Eén rij per ISO-week (maandag tot en met zondag): de plaats van de week ten opzichte van "
        "de schoolvakantie per regio."
    )
    st.subheader("Verwacht per week")
    past_weeks = set(gap["week"]) if not gap.is_empty() else set()
    widgets.show_table(
        outlook,
        {
            "week": widgets.Column("Week"),
            "working_days": widgets.Column("Werkdagen", widgets.optional(number)),
            "expected_cases": widgets.Column("Zaken", widgets.optional(number)),
            "cases_range": widgets.Column("Bereik zaken"),
            # "Vorig jaar": the same ISO week a year earlier; a longer header does not fit 1280 px
            "last_year_cases": widgets.Column("Vorig jaar", widgets.optional(number)),
            "student_days": widgets.Column(
                "Studentdagen", widgets.optional(lambda v: number(v, 1))
            ),
            "students_per_day": widgets.Column(
                "Studenten/dag", widgets.optional(lambda v: number(v, 1))
            ),
            "expected_contacts": widgets.Column("Contacten", widgets.optional(number)),
        },
        highlight=lambda row: row["week"] in past_weeks,
        download=f"lijn1-verwachting-{today.isoformat()}",
        notes=[
            f"Verwachting gemaakt op {date_nl(today)}; studentdagen bij {number(per_student)} "
            "zaken per student per dag."
        ],
    )
    st.caption(
        "Verwachte aantallen per week; bereik: waar eerdere verwachtingen 8 van de 10 keer "
        "uitkwamen. Vorig jaar: dezelfde week vorig jaar, de zaken in dezelfde ISO-week een jaar "
        "eerder, zoals ze waren. Op basis van dezelfde week rond dezelfde vakantie in eerdere "
        "jaren — "
        f"{vacation.source_years_text(outlook)}. Werkdagen: zonder feestdagen. "
        f"Studentdagen: verwachte zaken ÷ {number(per_student)} zaken per student per dag; "
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


outlook()

# -- heatmap --------------------------------------------------------------------------------
st.header("Contactmomenten per weekdag en week")
widgets.show_chart(
    widgets.figure(vacation_charts.weekday_heatmap, days, year),
    title=f"Lijn 1-contactmomenten per weekdag en week, {year}",
    period=chart_period,
)
st.caption(
    f"Telt de Lijn 1-contactmomenten per werkdag in de ISO-weken van {year}; een lege cel is "
    "een feestdag (kantoor dicht) of een dag zonder gegevens."
)
