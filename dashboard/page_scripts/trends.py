"""Meerjarige trends: the key figures year by year, and any measure of the annual report.

Years the export covers are computed; earlier years come from imported annual reports
(/gegevens), marked as published; a difference between the two is drawn and listed.
"""

import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import trends as trends_charts
from dashboard.format import MISSING, date_nl, month_name, number, signed
from dashboard.presentation import slides
from dashboard.reports import same_period, trends

MEASURE_PARAM = "maat"  # the picker's key: Streamlit binds it to this URL parameter
DEFAULT_MEASURE = next(iter(trends.KEY_MEASURES))

meta = data.export_meta()
data_until_short = f"{meta['data_until']:%d-%m}"
rows = data.report("trend_measures")
years = sorted(set(rows["year"]))
data_years = sorted(set(rows.filter("year_in_data")["year"]))
published_only = [y for y in years if y not in data_years]
chart_period = slides.ChartPeriod.years(years[0], years[-1], meta["data_until"])

st.header(f"Meerjarige trends, {years[0]}–{years[-1]}")
st.markdown(
    "Elk jaar telt zoals het jaarverslag telt: zaken in het jaar van opening, contactmomenten "
    "in het jaar waarin ze plaatsvonden, mediationverzoeken in het jaar van ontvangst. "
    f"**Berekend** (gevulde staaf): uit de export, {data_years[0]}–{data_years[-1]}. "
    "**Gepubliceerd** (gearceerde staaf): uit een eerder jaarverslag, voor jaren zonder export. "
    f"**Lopend jaar** (gestippeld): de stand tot en met {date_nl(meta['data_until'])}, nog niet "
    "te vergelijken met een heel jaar. Een ruit: het jaarverslag drukte een ander getal dan de "
    "gegevens geven. Een **gestreepte lijn**: vanaf dat jaar registreert het centrum anders "
    "(andere codes, een andere verdeling over Lijn 1 en Lijn 2); de jaren ervoor tellen niet op "
    "dezelfde manier."
)
if not published_only and not rows["is_imported"].any():
    st.info(
        f"Er zijn geen gepubliceerde jaarcijfers van vóór {data_years[0]} geïmporteerd: de "
        "reeks begint bij de export. Op de pagina Gegevens importeert u cijfers uit oudere "
        "jaarverslagen (in de maten van het jaarverslag 2025); ze verschijnen dan hier.",
        icon=":material/history:",
    )

# -- key figures -----------------------------------------------------------------------------
st.subheader("Kerncijfers")
st.caption(
    "Lijn 1: vragen over toestemming voor vakantie; Lijn 2: juridische zaken. Ontvoering: "
    "zaken waarin een ouder contact opnam; preventie: de dreiging van een ontvoering, zaken van "
    "ouders en derden."
)
keys = list(trends.KEY_MEASURES.items())
for start in range(0, len(keys), 3):
    for column, (measure, title) in zip(st.columns(3), keys[start : start + 3], strict=False):
        with column:
            widgets.show_chart(
                widgets.figure(
                    trends_charts.trend_figure,
                    rows.filter(measure=measure),
                    title,
                    data_until_short,
                    compact=True,
                ),
                key=f"kern_{measure}",
                title=title,
                period=chart_period,
            )

# -- the running year against the same period of earlier years ------------------------------
same_days = data.report("trend_same_period")
if not same_days.is_empty():
    cut_off = meta["data_until"]
    same_years = sorted(set(same_days["year"]))
    # every year up to the same calendar day: the period says so
    same_period_chart = slides.ChartPeriod(
        f"{same_years[0]}–{same_years[-1]}, elk jaar t/m {cut_off.day} {month_name(cut_off.month)}",
        f"{same_years[0]}-{same_years[-1]}-tm-{cut_off:%m-%d}",
    )
    st.subheader(f"Tot en met {cut_off.day} {month_name(cut_off.month)}, elk jaar")
    st.caption(
        f"Het lopende jaar naast dezelfde periode van eerdere jaren, niet naast hele jaren. "
        f"{same_period.definition_nl(cut_off)} Blauw: {cut_off.year}, met het verschil "
        f"tegenover dezelfde dagen van {cut_off.year - 1}."
    )
    for start in range(0, len(keys), 3):
        for column, (measure, title) in zip(st.columns(3), keys[start : start + 3], strict=False):
            with column:
                widgets.show_chart(
                    widgets.figure(
                        trends_charts.same_period_figure,
                        same_days.filter(measure=measure),
                        title,
                        compact=True,
                    ),
                    key=f"zelfde_periode_{measure}",
                    title=f"{title}: elk jaar tot dezelfde dag",
                    period=same_period_chart,
                )

# -- any measure -----------------------------------------------------------------------------
choices = {m.measure: m for m in trends.measures(rows)}
labels = {m.choice_nl: m.measure for m in choices.values()}


@st.fragment
def any_measure() -> None:
    """The picker and what it shows: a new pick reruns this part only."""
    st.subheader("Elke maat uit het jaarverslag")
    # Streamlit keeps the pick in the URL as its label (`?maat=…`); an older link named the
    # measure by its code (`?maat=cases.line2`) and still opens on it.
    asked = chrome.unusable_url_value(
        MEASURE_PARAM, labels.__contains__, older=lambda raw: raw if raw in choices else None
    )
    chosen = st.selectbox(
        "Maat",
        list(choices),
        index=list(choices).index(DEFAULT_MEASURE),
        key=MEASURE_PARAM,
        bind="query-params",
        format_func=lambda m: choices[m].choice_nl,
        filter_mode="contains",
        help="Hoofdstuk van het jaarverslag · omschrijving. Typ om te zoeken, bijvoorbeeld "
        "'ontvoer' of 'Lijn 2'.",
    )
    if asked is not None:
        chrome.say_url_value_dropped("maat", asked, choices[chosen].label_nl)
    measure_rows = rows.filter(measure=chosen)
    if choices[chosen].definition_nl:
        st.caption(f"**Definitie.** {choices[chosen].definition_nl}")
    widgets.show_chart(
        widgets.figure(
            trends_charts.trend_figure, measure_rows, choices[chosen].label_nl, data_until_short
        ),
        key="gekozen_maat",
        title=choices[chosen].label_nl,
        period=chart_period,
    )
    chosen_same_days = same_days.filter(measure=chosen)
    if not chosen_same_days.is_empty():
        cut_off = meta["data_until"]
        widgets.show_chart(
            widgets.figure(
                trends_charts.same_period_figure,
                chosen_same_days,
                f"{choices[chosen].label_nl}, t/m {cut_off.day} {month_name(cut_off.month)}",
            ),
            key="gekozen_maat_zelfde_periode",
            title=f"{choices[chosen].label_nl}: elk jaar tot dezelfde dag",
            period=same_period_chart,
        )
        st.caption(
            "Dezelfde maat over dezelfde periode van elk jaar: het lopende jaar (blauw) is zo te "
            "vergelijken met eerdere jaren."
        )
    places = trends.decimals(measure_rows["value"])

    def count(value: float | None) -> str:
        return MISSING if value is None else number(value, places)

    widgets.show_table(
        trends.table(measure_rows),
        # The shown value is the computed one, or the published one where 'Bron' says so, so
        # the two value columns carry it; the room goes to where each figure was printed.
        {
            "year": widgets.Column("Jaar", str, 60),
            "kind_nl": widgets.Column("Bron", width=95),
            "computed_value": widgets.Column("Berekend", widgets.optional(count), 90),
            "published_value": widgets.Column("Jaarverslag", widgets.optional(count), 100),
            "published_source": widgets.Column("Bron jaarverslag", widgets.optional(str), 195),
            "difference": widgets.Column(
                "Verschil", widgets.optional(lambda v: signed(v, places)), 75
            ),
            "status": widgets.Column("Status", width=145),
        },
        highlight=lambda r: r["status"] == "verschil",
        download=f"trend-{chosen}",
    )
    st.caption(
        "Status 'gelijk': berekend en gepubliceerd verschillen minder dan een halve eenheid; "
        "'verschil': meer; 'niet in de gegevens': alleen het jaarverslag heeft dit jaar of deze "
        "maat; 'niet gepubliceerd': geen jaarverslag met dit getal (nog) geïmporteerd."
    )


any_measure()

notes = [
    "Bron 'gepubliceerd (jaarverslag)': het getal uit een jaarverslag, voor een jaar of maat "
    "zonder gegevens; 'lopend jaar': de stand tot en met "
    f"{date_nl(meta['data_until'])}, geen heel jaar."
]
widgets.download_buttons(
    trends.download(rows), "trends-alle-maten", "Trends", what="alle maten en jaren", notes=notes
)
