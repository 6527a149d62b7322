"""Meerjarige trends: the key figures year by year, and any measure of the annual report.

Years the export covers are computed; earlier years come from imported annual reports
(/gegevens), marked as published; a difference between the two is drawn and listed.
"""

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import trends as trends_charts
from dashboard.format import MISSING, date_nl, number, signed
from dashboard.presentation import slides
from dashboard.reports import trends

MEASURE_PARAM = "maat"  # the picker's key: Streamlit binds it to this URL parameter
SEARCH_PARAM = "zoek"  # the search that narrows the picker, in the URL beside it
DEFAULT_MEASURE = next(iter(trends.KEY_MEASURES))

meta = data.export_meta()
cut_off = meta["data_until"]
data_until_short = f"{cut_off:%d-%m}"
rows = trends.annual_measures(data.report)
same_days = trends.same_period_measures(data.report)
# publication mode: a measure with a count under the threshold in any year is not shown
withheld = trends.withheld(rows, same_days, chrome.published())
rows, same_days = (f.filter(~pl.col("measure").is_in(withheld)) for f in (rows, same_days))
coverage = trends.coverage(rows)
chart_period = slides.ChartPeriod.years(coverage.years[0], coverage.years[-1], cut_off)
# every year up to the same calendar day: the period says so
same_period_chart = (
    None
    if same_days.is_empty()
    else slides.ChartPeriod(*trends.same_period_span_nl(same_days, cut_off))
)


def key_figure_charts(
    builder: Callable[..., Any], frame: pl.DataFrame, *args: Any, key: str,
    period: slides.ChartPeriod, slide: str = "",
) -> None:  # fmt: skip
    """One small chart per key figure, three to a row; `slide` follows the title on a slide."""
    keys = list(trends.KEY_MEASURES.items())
    for start in range(0, len(keys), 3):
        for column, (measure, title) in zip(st.columns(3), keys[start : start + 3], strict=False):
            with column:
                widgets.show_chart(
                    widgets.figure(
                        builder, frame.filter(measure=measure), title, *args, compact=True
                    ),
                    key=f"{key}_{measure}",
                    title=title + slide,
                    period=period,
                )


st.header(f"Meerjarige trends, {coverage.years[0]}–{coverage.years[-1]}")

# -- key figures -----------------------------------------------------------------------------
# The charts first, in a laptop's first screen; how to read them (the words, the kinds of
# bars and lines, where older years come from) under them.
st.subheader("Kerncijfers")
key_figure_charts(
    trends_charts.trend_figure, rows, data_until_short, key="kern", period=chart_period
)
st.caption(
    "Lijn 1: vragen over toestemming voor vakantie; Lijn 2: juridische zaken. Ontvoering: "
    "zaken waarin een ouder contact opnam; preventie: de dreiging van een ontvoering, zaken van "
    "ouders en derden."
)
st.markdown(trends.intro_nl(coverage, cut_off))
if coverage.lacks_older_years:
    st.info(trends.no_older_years_nl(coverage), icon=":material/history:")

# -- the running year against the same period of earlier years ------------------------------
if same_period_chart is not None:
    st.subheader(f"Tot en met {trends.cut_off_nl(cut_off)}, elk jaar")
    st.caption(trends.same_period_caption_nl(cut_off))
    key_figure_charts(
        trends_charts.same_period_figure,
        same_days,
        key="zelfde_periode",
        period=same_period_chart,
        slide=": elk jaar tot dezelfde dag",
    )

# -- any measure -----------------------------------------------------------------------------
choices = {m.measure: m for m in trends.measures(rows)}
labels = {m.choice_nl: m.measure for m in choices.values()}


@st.fragment
def any_measure() -> None:
    """The picker and what it shows: a new pick reruns this part only."""
    st.subheader("Elke maat uit het jaarverslag")
    if withheld:
        st.caption(trends.withheld_note(len(withheld)))
    # Streamlit keeps the pick in the URL as its label (`?maat=…`); an older link named the
    # measure by its code (`?maat=cases.line2`) and still opens on it.
    asked = chrome.unusable_url_value(
        MEASURE_PARAM, labels.__contains__, older=lambda raw: raw if raw in choices else None
    )
    # Our own search, not the picker's: it finds a measure by every name the dashboard gives
    # it, puts the best first, and answers in Dutch when it finds nothing (the picker's own
    # filter says "No results" and keeps the report's order).
    query = st.text_input(
        "Zoek een maat",
        key=SEARCH_PARAM,
        bind="query-params",
        placeholder="bijvoorbeeld ontvoer, kinderen of Lijn 2",
        help="Zoekt in de omschrijving van elke maat, ook onder de naam op andere pagina's "
        "(zoals 'Ontvoerde kinderen' op Jaaroverzicht), en in het hoofdstuk van het jaarverslag.",
    )
    found = trends.search(list(choices.values()), query)
    answer = trends.search_answer_nl(query, found)
    if answer and not found:
        st.info(answer, icon=":material/search_off:")
    elif answer:
        st.caption(answer)
    shown = [m.measure for m in found] if found else list(choices)
    chosen = st.selectbox(
        "Maat",
        shown,
        # the best match until one is picked; without a search the director's first key figure
        index=0 if found and query.strip() else shown.index(DEFAULT_MEASURE),
        key=MEASURE_PARAM,
        bind="query-params",
        format_func=lambda m: choices[m].choice_nl,
        filter_mode=None,
        help="Hoofdstuk van het jaarverslag · omschrijving.",
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
        widgets.show_chart(
            widgets.figure(
                trends_charts.same_period_figure,
                chosen_same_days,
                f"{choices[chosen].label_nl}, t/m {trends.cut_off_nl(cut_off)}",
            ),
            key="gekozen_maat_zelfde_periode",
            title=f"{choices[chosen].label_nl}: elk jaar tot dezelfde dag",
            period=same_period_chart,
        )
        st.caption(
            "Dezelfde maat over dezelfde periode van elk jaar: het lopende jaar (blauw) is zo te "
            "vergelijken met eerdere jaren."
        )
    show_table(measure_rows, choices[chosen])


def show_table(measure_rows: pl.DataFrame, measure: trends.Measure) -> None:
    """One measure's years: shown, computed and published, and how they differ."""
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
        download=f"trend-{measure.file_stem}",
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
    f"{date_nl(cut_off)}, geen heel jaar."
]
widgets.download_buttons(
    trends.download(rows), "trends-alle-maten", "Trends", what="alle maten en jaren", notes=notes
)
