"""Landen van dreiging (preventie) tegenover landen van ontvoering."""

import datetime as dt

import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import countries as countries_charts
from dashboard.format import date_nl
from dashboard.presentation import slides
from dashboard.reports import countries, country_followup, country_map, country_table
from dashboard.reports.periods import YearPeriod

YEARS_PARAM = "jaren"  # the period widget's key: Streamlit binds it to this URL parameter
_TOP_WIDGET = "landen_top"
COUNTRY_WIDTH = 205  # pixels: "Verenigde Arabische Emiraten"


def period_selector(year: int) -> countries.Period:
    """The selected year, or a run of years ending in it (`?jaren=2` in the URL)."""
    first = min(data.available_years())
    options = list(range(1, year - first + 2))
    asked = chrome.unusable_url_value(YEARS_PARAM, lambda raw: raw in {str(n) for n in options})
    # The options are counts of years, so the URL (`?jaren=2`) means the same whatever the
    # year; the years themselves are written under the control and follow the year.
    years = st.sidebar.segmented_control(
        f"Aantal jaren tot en met {year}",
        options,
        default=1,
        required=True,
        key=YEARS_PARAM,
        bind="query-params",
    )
    period = countries.Period.ending(year, years or 1)
    st.sidebar.caption(f"Periode: {period.label}")
    if asked is not None:
        chrome.say_url_value_dropped("aantal jaren", asked, period.label)
    return period


period = period_selector(chrome.selected_year())
previous = period.previous
pub = chrome.published()  # None for staff: every number as it is
data_until: dt.date = data.export_meta()["data_until"]
chart_period = slides.ChartPeriod.years(period.year_from, period.year_to, data_until)
by_country = countries.threat_vs_abduction_by_country(data.report, period)
split = countries.hkov_split(data.report, period)  # with the table: one released set
compare = countries.has_comparison(by_country)

st.header(f"Dreiging en ontvoering per land, {period.label}")
if YearPeriod(period.year_to, data_until).is_running:
    st.info(
        f"{period.year_to} loopt nog: de gegevens gaan tot en met {date_nl(data_until)}.",
        icon=":material/hourglass_top:",
    )
if by_country.is_empty():
    st.info(f"Geen zaken met een land in {period.label}.")
    st.stop()


def show_metrics(metrics: list[countries.Metric]) -> None:
    """Key figures side by side, each with the line under it where it has one."""
    for column, metric in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(
            metric.label, metric.value, delta=metric.delta, delta_color="off", delta_arrow="off"
        )


def table_columns(columns: dict[str, country_table.TableColumn]) -> dict[str, widgets.Column]:
    return {
        key: widgets.Column(c.header, c.text, COUNTRY_WIDTH if key == "country_nl" else None)
        for key, c in columns.items()
    }


# -- headline -----------------------------------------------------------------------------
show_metrics(countries.leaders(by_country, pub))
st.markdown(countries.contrast_sentence(by_country, pub))

# -- rankings -----------------------------------------------------------------------------


def new_countries(new: countries.NewCountries) -> None:
    st.subheader(f"Nieuwe landen in {period.label}")
    if not new.rows.is_empty():
        widgets.show_table(
            new.rows,
            {
                "country_nl": widgets.Column("Land", width=COUNTRY_WIDTH),
                "list_nl": widgets.Column("Lijst", width="medium"),
                "cases": widgets.Column(f"Zaken {period.label}", countries.table_count_text(pub)),
                **(
                    {"earlier_nl": widgets.Column("Eerder op de lijst")} if new.reaches_back else {}
                ),
            },
            download=f"nieuwe-landen-{period.label}",
        )
    st.caption(new.note)


@st.fragment
def rankings() -> None:
    """The two rankings and the scatter at the chosen top: a new top reruns this part only."""
    st.subheader("Gevreesd is niet hetzelfde als ontvoerd")
    top = st.segmented_control(
        "Top", [5, 10, 15], default=10, required=True, key=_TOP_WIDGET,
        format_func=lambda n: f"top {n}",
    )  # fmt: skip
    top = top or 10
    # the same rows mark the chart and fill the table: 'nieuw' means one thing here
    new = countries.new_countries_shown(data.report, period, compare, pub)
    widgets.show_chart(
        widgets.figure(
            countries_charts.rank_slope_figure,
            by_country,
            top,
            newcomers={
                which: countries.newcomers(new.rows, which) for which in countries.LIST_LABELS
            },
            publication=pub,
        ),
        title=f"Gevreesd is niet hetzelfde als ontvoerd: de top {top}",
        period=chart_period,
        counts_protected=True,
    )
    if compare:
        st.markdown(countries.top_changes_text(by_country, top, previous))
        st.caption(countries.new_definition(period))
    else:
        st.caption(f"Geen vergelijking met {previous.label}: daarover zijn geen gegevens.")
    st.caption(countries.RANKINGS_NOTE)
    new_countries(new)

    st.subheader("Dreiging tegenover werkelijke ontvoering")
    widgets.captioned_chart(
        countries_charts.threat_vs_abduction_scatter,
        countries.scatter_rows(by_country, pub),
        top,
        title="Dreiging tegenover werkelijke ontvoering",
        period=chart_period,
        counts_protected=True,
        caption=countries.scatter_note(top, pub),
    )


rankings()

# -- map ------------------------------------------------------------------------------------
MAP_CHOICES = country_map.MAP_VALUES


@st.fragment
def world_map() -> None:
    """The map of the chosen count: another choice reruns this part only."""
    st.subheader("Wereldkaart")
    shown = st.segmented_control(
        "Kaart van", list(MAP_CHOICES), default="outgoing_cases", required=True,
        key="landen_kaart", format_func=MAP_CHOICES.get,
    )  # fmt: skip
    shown = shown or "outgoing_cases"
    outlines = country_map.map_outline_iso3()
    widgets.captioned_chart(
        countries_charts.country_map_figure,
        by_country,
        shown,
        MAP_CHOICES[shown],
        outlines,
        publication=pub,
        config=country_map.MAP_CONFIG,
        title=f"Wereldkaart: {MAP_CHOICES[shown]}",
        period=chart_period,
        counts_protected=True,
        caption=country_map.map_note(by_country, shown, outlines, period, pub),
    )


world_map()

# -- HKOV -----------------------------------------------------------------------------------
st.subheader("HKOV-landen en andere landen")
widgets.captioned_chart(
    countries_charts.hkov_split_figure, split, by_country, publication=pub,
    title="HKOV-landen en andere landen",
    period=chart_period,
    counts_protected=True, caption=countries.HKOV_SPLIT_NOTE,
)  # fmt: skip
check = countries.hkov_check(data.report, period, pub)
if check.rows is None:
    st.caption(check.text)
elif check.rows.is_empty():
    st.success(check.text, icon=":material/check_circle:")
else:
    st.warning(check.text, icon=":material/rule:")
    yes_no = widgets.optional(lambda v: "ja" if v else "nee")
    widgets.show_table(
        check.rows,
        {
            "case_id": widgets.Column("Zaak"),
            "opened_date": widgets.Column("Geopend", widgets.optional(date_nl)),
            "category_nl": widgets.Column("Code"),
            "direction_nl": widgets.Column("Richting"),
            "country_nl": widgets.Column("Land"),
            "hkov_registered": widgets.Column("HKOV op de zaak", yes_no),
            "hkov_reference": widgets.Column("HKOV volgens de lijst", yes_no),
        },
        download=f"hkov-controle-{period.label}",
    )

# -- prevention to abduction ----------------------------------------------------------------
st.subheader("Van preventie naar ontvoering")
followup = country_followup.prevention_followup(data.report, period)
show_metrics(country_followup.followup_metrics(followup, pub))
st.markdown(country_followup.followup_sentence(followup, period, pub))
st.markdown(country_followup.earlier_prevention_sentence(followup, period, pub))
by_followup_country = country_followup.prevention_followup_by_country(data.report, period, pub)
if not by_followup_country.is_empty():
    widgets.show_chart(
        widgets.figure(countries_charts.followup_by_country_figure, by_followup_country),
        title="Van preventie naar ontvoering, per land",
        period=chart_period,
        counts_protected=True,
    )
st.caption(country_followup.followup_note(period, data_until))

# -- the table ------------------------------------------------------------------------------
st.subheader("Alle landen")
table = country_table.country_table(by_country, period, compare, pub, split)
cases_tab, children_tab = st.tabs(
    ["Zaken en plaats", "Kinderen"], key="landen_tabel", on_change="rerun"
)
# Only the open tab is drawn; each downloads every column apart (cases, children, place).
if cases_tab.open:
    with cases_tab:
        widgets.show_table(
            table.rows, table_columns(table.cases), download=f"landen-{period.label}"
        )
if children_tab.open:
    with children_tab:
        widgets.show_table(
            table.rows,
            table_columns(table.children),
            download=f"landen-kinderen-{period.label}",
        )
widgets.download_buttons(
    table.all_columns, f"landen-alle-kolommen-{period.label}", "Landen", what="alle kolommen"
)
st.caption(country_table.table_note(by_country, period, compare))
