"""Landen van dreiging (preventie) tegenover landen van ontvoering."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import chrome, data, publication, widgets
from dashboard.charts import countries as countries_charts
from dashboard.format import date_nl, number, percent
from dashboard.presentation import slides
from dashboard.reports import countries
from dashboard.reports.countries import COUNTING_NOTE, Period
from dashboard.reports.periods import YearPeriod

YEARS_PARAM = "jaren"  # the period widget's key: Streamlit binds it to this URL parameter
_TOP_WIDGET = "landen_top"
COUNTRY_WIDTH = 205  # pixels: "Verenigde Arabische Emiraten"


def period_selector(year: int) -> Period:
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
    period = Period.ending(year, years or 1)
    st.sidebar.caption(f"Periode: {period.label}")
    if asked is not None:
        chrome.say_url_value_dropped("aantal jaren", asked, period.label)
    return period


period = period_selector(chrome.selected_year())
previous = period.previous
pub = chrome.published()  # None for staff: every number as it is
count = number if pub is None else pub.count
data_until: dt.date = data.export_meta()["data_until"]
chart_period = slides.ChartPeriod.years(period.year_from, period.year_to, data_until)
by_country = countries.threat_vs_abduction_by_country(data.report, period)
compare = bool(by_country["previous_period_in_data"].any()) if by_country.height else False

st.header(f"Dreiging en ontvoering per land, {period.label}")
if YearPeriod(period.year_to, data_until).is_running:
    st.info(
        f"{period.year_to} loopt nog: de gegevens gaan tot en met {date_nl(data_until)}.",
        icon=":material/hourglass_top:",
    )
if by_country.is_empty():
    st.info(f"Geen zaken met een land in {period.label}.")
    st.stop()

# -- headline -----------------------------------------------------------------------------
top_threat = countries.in_top(by_country, "threat", 1)
top_outgoing = countries.in_top(by_country, "outgoing", 1)
top_incoming = countries.in_top(by_country, "incoming", 1)
cols = st.columns(3)
for column, label, names, value in (
    (cols[0], "Meest gevreesd (dreiging)", top_threat, "threat_cases"),
    (cols[1], "Meest uitgaande ontvoering", top_outgoing, "outgoing_cases"),
    (cols[2], "Meest inkomende ontvoering", top_incoming, "incoming_cases"),
):
    first = by_country.filter(by_country["country_nl"].is_in(names))
    column.metric(
        label,
        " / ".join(names) if names else "–",
        delta=f"{count(first[value].max())} zaken" if names else None,
        delta_color="off",
        delta_arrow="off",
    )

st.markdown(countries.contrast_sentence(by_country, pub))

# -- rankings -----------------------------------------------------------------------------


def new_countries() -> None:
    st.subheader(f"Nieuwe landen in {period.label}")
    new = countries.new_countries(data.report, period)
    if not compare:
        st.caption(
            f"Of een land nieuw is, is niet te zeggen: over {previous.label} zijn geen gegevens."
        )
    elif new.is_empty():
        st.caption(
            f"Geen nieuwe landen: elk land met zaken in {period.label} had er ook in "
            f"{previous.label}."
        )
    else:
        data_from = new["data_from_year"][0]
        reaches_back = data_from < previous.year_from
        if pub is not None:
            new = new.with_columns(pl.col("cases").map_elements(pub.count, return_dtype=pl.String))
        widgets.show_table(
            new,
            {
                "country_nl": widgets.Column("Land", width=COUNTRY_WIDTH),
                "list_nl": widgets.Column("Lijst", width="medium"),
                "cases": widgets.Column(f"Zaken {period.label}", number if pub is None else None),
                **({"earlier_nl": widgets.Column("Eerder op de lijst")} if reaches_back else {}),
            },
            download=f"nieuwe-landen-{period.label}",
        )
        st.caption(
            f"{COUNTING_NOTE} {countries.new_definition(period)} "
            + (
                "'Eerder op de lijst': het laatste jaar vóór de periode met een zaak, of 'nooit' "
                f"zolang de gegevens teruggaan (vanaf {data_from})."
                if reaches_back
                else f"De gegevens beginnen in {data_from}: of een land ooit eerder zaken had, "
                "is niet te zien; nieuw betekent hier de eerste keer in de gegevens."
            )
        )


@st.fragment
def rankings() -> None:
    """The two rankings and the scatter at the chosen top: a new top reruns this part only."""
    st.subheader("Gevreesd is niet hetzelfde als ontvoerd")
    top = st.segmented_control(
        "Top",
        [5, 10, 15],
        default=10,
        required=True,
        key=_TOP_WIDGET,
        format_func=lambda n: f"top {n}",
    )
    top = top or 10
    widgets.show_chart(
        widgets.figure(
            countries_charts.rank_slope_figure,
            by_country,
            top,
            mark_newcomers=compare,
            publication=pub,
        ),
        title=f"Gevreesd is niet hetzelfde als ontvoerd: de top {top}",
        period=chart_period,
        counts_protected=True,
    )
    changes = []
    if compare:
        for which, name in (("threat", "dreiging"), ("outgoing", "uitgaande ontvoering")):
            change = countries.top_changes(by_country, which, top)
            newcomers = ", ".join(change.newcomers) or "geen"
            dropouts = ", ".join(change.dropouts) or "geen"
            changes.append(
                f"**{name.capitalize()}** — nieuw in de top {top}: {newcomers}; "
                f"uit de top {top}: {dropouts}."
            )
        st.markdown(f"Tegenover {previous.label}:  \n" + "  \n".join(changes))
        st.caption(countries.new_definition(period))
    else:
        st.caption(f"Geen vergelijking met {previous.label}: daarover zijn geen gegevens.")
    st.caption(
        f"{COUNTING_NOTE} Links de landen waarheen een ouder een ontvoering vanuit Nederland "
        "vreest (preventie), rechts de landen waarheen kinderen vanuit Nederland zijn ontvoerd; "
        "tussen haakjes het aantal zaken. Gedeelde plaatsen krijgen hetzelfde nummer met een = "
        "(9=, 9=, 11)."
    )
    new_countries()

    st.subheader("Dreiging tegenover werkelijke ontvoering")
    scatter_rows = by_country
    if pub is not None:
        # a point's place is its two counts: only countries without a hidden count are drawn
        scatter_rows = by_country.filter(
            ~pl.col("threat_cases").is_between(1, pub.threshold - 1)
            & ~pl.col("outgoing_cases").is_between(1, pub.threshold - 1)
        )
    widgets.show_chart(
        widgets.figure(countries_charts.threat_vs_abduction_scatter, scatter_rows, top),
        title="Dreiging tegenover werkelijke ontvoering",
        period=chart_period,
        counts_protected=True,
    )
    st.caption(
        f"{COUNTING_NOTE} Eén punt per land. De stippellijnen liggen bij de grens van de top "
        f"{top} van elke lijst; landen in een van beide tops staan met naam."
        + (
            ""
            if pub is None
            else f" Publicatiemodus: landen met {pub.small} zaken in een van beide lijsten "
            "staan er niet in."
        )
    )


rankings()

# -- map ------------------------------------------------------------------------------------
MAP_CHOICES = {
    "outgoing_cases": "uitgaande ontvoeringszaken",
    "threat_cases": "zaken met dreiging",
    "incoming_cases": "inkomende ontvoeringszaken",
}


@st.fragment
def world_map() -> None:
    """The map of the chosen count: another choice reruns this part only."""
    st.subheader("Wereldkaart")
    shown = st.segmented_control(
        "Kaart van", list(MAP_CHOICES), default="outgoing_cases", required=True,
        key="landen_kaart", format_func=MAP_CHOICES.get,
    )  # fmt: skip
    shown = shown or "outgoing_cases"
    outlines = countries.map_outline_iso3()
    widgets.show_chart(
        widgets.figure(
            countries_charts.country_map_figure,
            by_country,
            shown,
            MAP_CHOICES[shown],
            outlines,
            publication=pub,
        ),
        config=countries.MAP_CONFIG,
        title=f"Wereldkaart: {MAP_CHOICES[shown]}",
        period=chart_period,
        counts_protected=True,
    )
    missing = countries.not_on_map(by_country, shown, outlines)
    note = f"{COUNTING_NOTE} Grijs: geen zaken in {period.label}."
    if missing.height:
        named = ", ".join(
            f"{r['country_nl']} ({count(r[shown])})" for r in missing.iter_rows(named=True)
        )
        note += f" Te klein voor deze kaart of zonder vorm erop: {named}."
    st.caption(note)


world_map()

# -- HKOV -----------------------------------------------------------------------------------
st.subheader("HKOV-landen en andere landen")
split = countries.hkov_split(data.report, period)
widgets.show_chart(
    widgets.figure(countries_charts.hkov_split_figure, split, publication=pub),
    title="HKOV-landen en andere landen",
    period=chart_period,
    counts_protected=True,
)
st.caption(
    f"{COUNTING_NOTE} Ontvoeringszaken en de kinderen daarin, naar de HKOV-vlag zoals "
    "geregistreerd op de zaak (Haags Kinderontvoeringsverdrag 1980: bepaalt de juridische route)."
)
disagreements = countries.hkov_disagreements(data.report, period)
if pub is not None:
    # single cases with their dates: not for publication
    st.caption("Publicatiemodus: de controle per zaak staat niet in deze weergave.")
elif disagreements.is_empty():
    st.success(
        f"Controle HKOV-vlag tegenover de verdragslijst, {period.label}: geen verschillen.",
        icon=":material/check_circle:",
    )
else:
    st.warning(
        f"Controle HKOV-vlag: bij {number(disagreements.height)} zaken wijkt de vlag op de zaak "
        "af van de verdragslijst op de dag van opening.",
        icon=":material/rule:",
    )
    yes_no = widgets.optional(lambda v: "ja" if v else "nee")
    widgets.show_table(
        disagreements,
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
followup = countries.prevention_followup(data.report, period)
cols = st.columns(3)
later_shown = pub is None or pub.shows_share(
    followup.later_abduction_families, followup.prevention_families
)
cols[0].metric("Gezinnen met een preventiezaak", count(followup.prevention_families))
cols[1].metric(
    "Daarna een ontvoeringszaak",
    count(followup.later_abduction_families),
    delta=percent(followup.later_abduction_pct) if later_shown else None,
    delta_color="off",
    delta_arrow="off",
)
cols[2].metric(
    "Mediaan tot de ontvoeringszaak",
    f"{number(followup.median_months_to_abduction, 1)} mnd"
    if pub is None or followup.later_abduction_families >= pub.threshold
    else "–",
)
st.markdown(countries.followup_sentence(followup, period, pub))
st.markdown(countries.earlier_prevention_sentence(followup, period, pub))
by_followup_country = countries.prevention_followup_by_country(data.report, period)
if pub is not None:
    # per country these are single families with their months: only groups that hide no one
    by_followup_country = by_followup_country.filter(pl.col("families") >= pub.threshold)
if not by_followup_country.is_empty():
    widgets.show_chart(
        widgets.figure(countries_charts.followup_by_country_figure, by_followup_country),
        title="Van preventie naar ontvoering, per land",
        period=chart_period,
        counts_protected=True,
    )
st.caption(
    f"{COUNTING_NOTE} Gekoppeld via het gezinsnummer: de eerste preventiezaak van een gezin in "
    f"{period.label} en de eerste ontvoeringszaak van hetzelfde gezin daarna (tot en met "
    f"{date_nl(data_until)}). Recente preventiezaken hebben nog weinig tijd gehad. Kleine "
    "aantallen: niet zonder meer op een openbare dia."
)

# -- the table ------------------------------------------------------------------------------
st.subheader("Alle landen")
table = countries.with_places(by_country).filter(
    (pl.col("threat_cases") + pl.col("outgoing_cases") + pl.col("incoming_cases")) > 0
)
# Cases and place share a cell ("38 (1)") and the children have a tab of their own: thirteen
# columns side by side ran off a 1600 px screen. The CSV keeps every column apart.
previous_place = widgets.optional(lambda rank: f"plaats {number(rank)}")
country_column = widgets.Column("Land", width=COUNTRY_WIDTH)
columns = {
    "country_nl": country_column,
    "hkov_nl": widgets.Column("HKOV"),
    "threat_cases": widgets.Column("Dreiging", countries.cases_with_place(table, "threat")),
    "outgoing_cases": widgets.Column("Uitgaand", countries.cases_with_place(table, "outgoing")),
    "incoming_cases": widgets.Column("Inkomend", countries.cases_with_place(table, "incoming")),
    "previous_threat_rank": widgets.Column(f"Dreiging {previous.label}", previous_place),
    "previous_outgoing_rank": widgets.Column(f"Uitgaand {previous.label}", previous_place),
}
download = {
    "country_iso2": "landcode",
    "country_nl": "Land",
    "hkov_nl": "HKOV",
    "threat_cases": "Dreiging: zaken",
    "threat_children": "Dreiging: kinderen",
    "threat_place": "Dreiging: plaats",
    "outgoing_cases": "Uitgaand: zaken",
    "outgoing_children": "Uitgaand: kinderen",
    "outgoing_place": "Uitgaand: plaats",
    "incoming_cases": "Inkomend: zaken",
    "incoming_children": "Inkomend: kinderen",
    "incoming_place": "Inkomend: plaats",
    "previous_threat_rank": f"Dreiging: plaats {previous.label}",
    "previous_outgoing_rank": f"Uitgaand: plaats {previous.label}",
    "hkov_source_nl": "HKOV volgens",
}
if not compare:
    for key in ("previous_threat_rank", "previous_outgoing_rank"):
        columns.pop(key)
        download.pop(key)
if pub is not None:
    # the table as published: hidden counts, one shared place for them, no earlier places
    # (counted on other numbers); column totals are published (jaarverslag), so complements
    # are hidden too
    table = publication.protect_frame(
        countries.published_places(table, pub),
        pub,
        count_columns=[
            f"{which}_{what}"
            for which in ("threat", "outgoing", "incoming")
            for what in ("cases", "children")
        ],
        column_totals=True,
        row_key="country_nl",
    )
    columns = {
        "country_nl": country_column,
        "hkov_nl": widgets.Column("HKOV"),
        **{
            f"{w}_cases": widgets.Column(h)
            for w, h in (("threat", "Dreiging"), ("outgoing", "Uitgaand"), ("incoming", "Inkomend"))
        },
        **{
            f"{w}_place": widgets.Column(f"{h}: plaats")
            for w, h in (("threat", "Dreiging"), ("outgoing", "Uitgaand"))
        },
    }
    for key in ("previous_threat_rank", "previous_outgoing_rank"):
        download.pop(key, None)
children_text = number if pub is None else None
cases_tab, children_tab = st.tabs(
    ["Zaken en plaats", "Kinderen"], key="landen_tabel", on_change="rerun"
)
# Only the open tab is drawn; each downloads every column apart (cases, children, place).
download_frame = table.select([pl.col(c).alias(h) for c, h in download.items()])
if cases_tab.open:
    with cases_tab:
        widgets.show_table(table, columns, download=f"landen-{period.label}")
if children_tab.open:
    with children_tab:
        widgets.show_table(
            table,
            {
                "country_nl": country_column,
                "threat_children": widgets.Column("Dreiging", children_text),
                "outgoing_children": widgets.Column("Uitgaand", children_text),
                "incoming_children": widgets.Column("Inkomend", children_text),
            },
            download=f"landen-kinderen-{period.label}",
        )
widgets.download_buttons(
    download_frame, f"landen-alle-kolommen-{period.label}", "Landen", what="alle kolommen"
)
reference_day = date_nl(by_country["hkov_reference_date"][0])
st.caption(
    f"{COUNTING_NOTE} Per lijst het aantal zaken, tussen haakjes de plaats op die lijst (9= is "
    "een gedeelde plaats)"
    + (f"; bij {previous.label} de plaats toen" if compare else "")
    + ". Kinderen: de kinderen in die zaken. HKOV: de vlag op de zaken van het land; zonder zaak "
    f"met een vlag de verdragslijst per {reference_day}. 'wisselend': de vlag verschilt tussen "
    "zaken (het verdrag trad in de periode in werking). De download met alle kolommen heeft "
    "zaken, kinderen en plaats elk in een eigen kolom."
)
