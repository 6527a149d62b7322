"""The "Waarom?" section a page shows under its comparison: which measure, split by which
dimension (both in the URL: `?waarom=Zaken,+beide+lijnen&naar=registratiecode`), the waterfall
of the contributions, the sentence that says them and "Hoe berekend?"."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import explain as explain_charts
from dashboard.presentation import slides
from dashboard.reports import explain

MEASURE_PARAM, DIMENSION_PARAM = "waarom", "naar"


@st.fragment
def show(periods: explain.Periods, chart_period: slides.ChartPeriod) -> None:
    """The section for `periods`; a change of measure or dimension reruns this part only."""
    st.header("Waarom?")
    labels = {label: measure for measure, (label, _) in explain.MEASURES.items()}
    left, right = st.columns(2)
    chosen = left.selectbox("Maat", list(labels), key=MEASURE_PARAM, bind="query-params", width=320)
    measure = labels[chosen or next(iter(labels))]
    names = {explain.DIMENSIONS[d]: d for d in explain.dimensions(measure)}
    if st.session_state.get(DIMENSION_PARAM) not in names:
        st.session_state[DIMENSION_PARAM] = next(iter(names))
    named = right.selectbox(
        "Opgedeeld naar", list(names), key=DIMENSION_PARAM, bind="query-params", width=320
    )
    dimension = names[named or next(iter(names))]

    rows = explain.change_by_dimension(data.report, periods)
    # a rate has no rows of its own: those of its numerator and denominator
    of = rows.filter(pl.col("measure").is_in(explain.RATES.get(measure, (measure,))))
    where = periods.where
    if not explain.covers(data.report, periods):
        st.caption(f"Voor {periods.before_label} zijn er geen gegevens om mee te vergelijken.")
        return
    if of.is_empty():
        said = f" ({where.said})" if where.narrows else ""
        st.caption(f"Geen {explain.unit(measure)} in beide perioden{said}.")
        return
    calendar = explain.calendar(data.report, periods) if measure in explain.WITH_CALENDAR else None
    publication = chrome.published()
    bars = explain.contributions(
        rows, measure, dimension, calendar=calendar, publication=publication
    )
    before = _value(rows, measure, dimension, "count_before")
    st.markdown(explain.sentence(bars, measure, publication))
    title = f"Waarom? {chosen}, naar {explain.DIMENSIONS[dimension]}"
    if where.narrows and measure in explain.WITHOUT_FILTERS:
        st.caption(
            "De filters van de pagina gelden niet voor mediationverzoeken: die hebben geen "
            "lijn, registratiecode of wie contact opnam. Hier telt elk verzoek."
        )
    elif where.narrows:
        # the slide of this chart must not pass for every case either
        title += f", {where.said}"
        st.caption(f"Alleen {where.said}, zoals de filters van de pagina.")
    widgets.show_chart(
        widgets.figure(
            explain_charts.waterfall_figure,
            bars,
            before,
            before_label=periods.before_label,
            now_label=periods.now_label,
            decimals=explain.decimals(measure),
        ),
        title=title,
        period=chart_period,
        counts_protected=publication is not None,
    )
    with st.expander("Hoe berekend?"):
        st.markdown(explain.method(measure, dimension, periods))


def _value(rows: pl.DataFrame, measure: str, dimension: str, column: str) -> float:
    """The measure's value in one period: its parts' sum, or for a rate the quotient."""
    if measure not in explain.RATES:
        return float(rows.filter(measure=measure, dimension=dimension)[column].sum())
    count, base = (
        rows.filter(measure=m, dimension=dimension)[column].sum() for m in explain.RATES[measure]
    )
    return count / base if base else 0.0
