"""Mediationverzoeken: van verzoek tot uitkomst, slagingspercentages met hun onzekerheid."""

import functools

import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import mediation as mediation_charts
from dashboard.charts import mediation_detail
from dashboard.format import date_nl, number
from dashboard.presentation import slides
from dashboard.reports import mediation, mediation_shown
from dashboard.reports.mediation_release import mediation_release
from dashboard.reports.periods import YearPeriod

year = chrome.selected_year()
meta = data.export_meta()
data_until = meta["data_until"]
steps = mediation.funnel(data.report, year)
rates = mediation.success_rates(data.report)
child_counts = mediation.children(data.report)
pub = mediation_release(steps, rates, child_counts, year, chrome.published())  # one set
shown, cells = pub.stages(), mediation_shown.cell_format(pub)

st.header(f"Mediation {year}")
chart_period = slides.ChartPeriod.year(year, data_until)
# the year's charts whose counts publication mode protects (their slides say so)
show_protected = functools.partial(widgets.show_chart, period=chart_period, counts_protected=True)
if YearPeriod(year, data_until).is_running:
    st.info(
        f"{year} loopt nog: gegevens tot en met {date_nl(data_until)}. Mediations die "
        "nog lopen en verzoeken waarover nog niet is besloten, staan apart.",
        icon=":material/schedule:",
    )

columns = st.columns(4)
for column, stage in zip(columns, ("requests", "started", "stopped_after_intake"), strict=False):
    column.metric(mediation.STAGE_LABELS[stage], shown["samen"][stage])
    column.caption(mediation.per_type_text(shown, stage))
succeeded = mediation_shown.success_metric(pub)
if succeeded is not None:
    # a short label: "Geslaagd (van de beëindigde)" was cut off in a quarter of 1280 px
    columns[3].metric("Geslaagd", succeeded[0])
    columns[3].caption(succeeded[1])
else:
    columns[3].metric("Geslaagd", "nog geen beëindigde mediations")

# -- funnel -------------------------------------------------------------------------------
st.subheader("Van verzoek tot uitkomst")
for mediation_type in mediation.TYPES:
    show_protected(
        widgets.figure(
            mediation_charts.funnel_figure, steps, mediation_type, shown=shown[mediation_type]
        ),
        title=f"Van verzoek tot uitkomst: {mediation_type}",
    )
st.caption(mediation_shown.funnel_caption(year, pub))
st.markdown(
    "Een verzoek telt in het jaar waarin het binnenkwam. Een mediation is **geslaagd** bij een "
    "volledige overeenkomst; een gedeeltelijke of spiegelovereenkomst en geen overeenkomst "
    "tellen als niet geslaagd, zoals in het jaarverslag. De aantallen zijn klein: elk "
    "percentage staat hier als 'x van n', met waar het waarschijnlijk ligt."
)
# Drawn only when opened: opening it reruns the page with the table in it.
steps_expander = st.expander("De stappen als tabel", key="mediation_stappen", on_change="rerun")
if steps_expander.open:
    with steps_expander:
        widgets.show_table(
            mediation_shown.funnel_table_shown(steps, pub),
            {
                "from_label": widgets.Column("Van", width="medium"),
                "to_label": widgets.Column("Naar", width="large"),
                **{t: widgets.Column(t, cells, width="small") for t in mediation.TYPES},
            },
            download=f"mediation-stappen-{year}",
        )

# -- success rate of the year -------------------------------------------------------------
st.subheader(f"Slagingspercentage {year}")
if not mediation.year_rates(rates, year):
    st.info(f"Voor {year} zijn er geen mediationcijfers.", icon=":material/info:")
else:
    st.markdown("\n".join(mediation_shown.rate_lines(pub)))
    show_protected(
        widgets.figure(mediation_charts.success_rate_figure, rates, year, release=pub),
        title=f"Slagingspercentage {year}",
    )
    st.caption(mediation_shown.RATE_CAPTION)
    with st.expander("Hoe berekend?", key="mediation_hoe_jaar"):
        st.markdown("\n".join(mediation_shown.method_lines(pub)))

# -- trend --------------------------------------------------------------------------------
st.subheader("Slagingspercentage door de jaren")
partial_text = mediation_shown.partial_year_text(data_until)
rates_period = slides.ChartPeriod.years(rates["year"].min(), rates["year"].max(), data_until)
rate_points = mediation_shown.staff_only(rates, pub)
if rate_points is not None:
    widgets.show_chart(
        widgets.figure(mediation_charts.success_trend_figure, rate_points, partial_text),
        title="Slagingspercentage door de jaren",
        period=rates_period,
    )
else:
    # a point's height is a rate: in publication mode the years as "x van n", protected
    widgets.show_table(
        mediation_shown.published_rates(pub),
        {
            "year": widgets.Column("Jaar", str, width="small"),
            "mediation_type": widgets.Column("Type", width="small"),
            "shown_rate": widgets.Column("Geslaagd van de beëindigde", width="large"),
            "kind_nl": widgets.Column("Bron", width="small"),
        },
        download="mediation-geslaagd-per-jaar-publicatie",
    )
st.caption(mediation_shown.trend_caption(rates))

# both types together: the director's question is whether mediation as a whole succeeds less
# (publication mode: the protected table above has every year; rates and a test of small
# counts would give them away)
if rate_points is not None:
    st.subheader("IKO en NIKO samen")
    widgets.show_chart(
        widgets.figure(mediation_charts.combined_trend_figure, rate_points, partial_text),
        key="mediation_samen",
        title="Slagingspercentage door de jaren: IKO en NIKO samen",
        period=rates_period,
    )
    by_year = mediation.rates_by_year(rate_points)
    widgets.show_table(
        by_year,
        {
            "year": widgets.Column("Jaar", str, "small"),
            "IKO": widgets.Column("IKO"),
            "NIKO": widgets.Column("NIKO"),
            "samen": widgets.Column("Samen"),
            "kind_nl": widgets.Column("Bron", width="small"),
        },
        download="mediation-slagingspercentage-per-jaar",
    )
    st.caption(mediation_shown.combined_caption(by_year, data_until))
    if sentence := mediation.change_sentence(rate_points):
        st.markdown(f"**Meer dan toeval?** {sentence}")
        if test_text := mediation.change_test_text(rate_points):
            with st.expander("Hoe berekend?", key="mediation_hoe_toeval"):
                st.markdown(test_text)

# -- children -----------------------------------------------------------------------------
st.subheader("Kindgesprekken en bijzondere curator")
child_points = mediation_shown.staff_only(child_counts, pub)
if child_points is not None:
    widgets.show_chart(
        widgets.figure(mediation_detail.children_figure, child_points),
        title="Kindgesprekken en bijzondere curator",
        period=slides.ChartPeriod.years(
            child_counts["year"].min(), child_counts["year"].max(), data_until
        ),
    )
st.caption(
    "Telt per jaar van ontvangst en type het aantal kindgesprekken (kinderen vanaf 3 jaar) en "
    "hoe vaak een bijzondere curator is aangewezen; tussen haakjes het aantal kinderen dat is "
    "gehoord of voor wie een curator is aangewezen."
)
widgets.show_table(
    mediation_shown.children_of_year(child_counts, pub),
    {
        "mediation_type": widgets.Column("Type", width="small"),
        "child_interviews": widgets.Column("Kindgesprekken", cells),
        "children_heard": widgets.Column("Kinderen gehoord", cells),
        "special_guardian_appointments": widgets.Column("Bijzondere curator (keer)", cells),
        "special_guardian_children": widgets.Column("Kinderen met curator", cells),
    },
    download=f"mediation-kindgesprekken-{year}",
)

# -- durations ----------------------------------------------------------------------------
st.subheader(f"Doorlooptijden ({year})")
durations = mediation_shown.staff_only(mediation.durations(data.report, year), pub)
if durations is not None:
    widgets.show_chart(
        widgets.figure(mediation_detail.durations_figure, durations),
        title=f"Doorlooptijden van de mediationverzoeken van {year}",
        period=chart_period,
    )
else:
    st.caption(
        "Publicatiemodus: de doorlooptijden staan er niet; bij zulke kleine groepen zijn de "
        "kortste en de langste één mediation."
    )
st.caption(
    f"Telt in dagen, voor de verzoeken van {year}: van ontvangst tot de intake (gestarte "
    "mediations) en van de intake tot het einde (na de intake voortgezette mediations die zijn "
    "beëindigd). De stip is de mediaan, de dikke streep de middelste helft, de dunne streep "
    "alles van kortste tot langste. 'Nog open': verzoeken zonder besluit of lopende "
    "mediations, waarvan de duur nog niet vaststaat."
)

# -- context ------------------------------------------------------------------------------


@st.fragment
def other_services() -> None:
    """Figures of other services, on request: the switch reruns this part only."""
    st.subheader("Ter vergelijking: andere mediationdiensten")
    if st.toggle("Toon cijfers van andere mediationdiensten", key="mediation_context"):
        st.warning(
            "Andere populaties en andere definities: deze diensten tellen meestal een volledige "
            "**of gedeeltelijke** overeenkomst als resultaat, in andere landen, jaren en soorten "
            "zaken. De cijfers komen uit secundaire bronnen (zoals geciteerd, niet nagerekend). "
            "Ze geven context, geen norm.",
            icon=":material/balance:",
        )
        bench = mediation.benchmarks(data.report)
        own = mediation_shown.own_for_comparison(rates, pub)  # protected on the page above
        show_protected(
            widgets.figure(mediation_charts.benchmark_figure, bench, own, year),
            title="Ter vergelijking: andere mediationdiensten",
        )
        st.caption(
            "Grijze ruiten: het gepubliceerde aandeel met een overeenkomst per dienst en jaar. "
            f"Gekleurd: Centrum IKO in {year} op dezelfde definitie (volledige of gedeeltelijke "
            "overeenkomst, van de beëindigde mediations), met 95%-interval."
        )
        widgets.show_table(
            bench,
            {
                "service": widgets.Column("Dienst", width=300),
                "country_iso2": widgets.Column("Land", width=60),
                "year": widgets.Column("Jaar", str, width=60),
                "agreement_share_pct": widgets.Column(
                    "Overeenkomst", lambda v: f"{number(v)} %", width=120
                ),
                "definition_nl": widgets.Column("Wat telt", width=300),
                "population_nl": widgets.Column("Populatie", width=420),
                "source_note": widgets.Column("Bron (oorspronkelijke tekst)", width=600),
            },
            download="mediation-andere-diensten",
        )
    else:
        st.caption(
            "Uit: cijfers van andere mediationdiensten (andere populaties en definities, uit "
            "secundaire bronnen) staan hier alleen als u ze aanzet."
        )


other_services()
