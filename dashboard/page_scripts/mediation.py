"""Mediationverzoeken: van verzoek tot uitkomst, slagingspercentages met hun onzekerheid."""

import polars as pl
import streamlit as st

from dashboard import mediation, ui
from dashboard.format import date_nl, month_abbreviation, number

year = ui.selected_year()
meta = ui.export_meta()
steps = mediation.funnel(ui.report, year)
totals = mediation.stage_totals(steps)
rates = mediation.success_rates(ui.report)
year_rates = {r["mediation_type"]: r for r in rates.filter(year=year).iter_rows(named=True)}


def total(stage: str) -> int:
    return sum(totals.get(t, {}).get(stage, 0) for t in mediation.TYPES)


def per_type(stage: str) -> str:
    return " · ".join(f"{number(totals.get(t, {}).get(stage, 0))} {t}" for t in mediation.TYPES)


st.header(f"Mediation {year}")
st.markdown(
    "Een verzoek telt in het jaar waarin het binnenkwam. Een mediation is **geslaagd** bij een "
    "volledige overeenkomst; een gedeeltelijke of spiegelovereenkomst en geen overeenkomst "
    "tellen als niet geslaagd, zoals in het jaarverslag. De aantallen zijn klein: elk "
    "percentage staat hier met zijn teller, zijn noemer en een 95%-interval."
)
if year == meta["data_until"].year:
    st.info(
        f"{year} loopt nog: gegevens tot en met {date_nl(meta['data_until'])}. Mediations die "
        "nog lopen en verzoeken waarover nog niet is besloten, staan apart.",
        icon=":material/schedule:",
    )

both = year_rates.get("samen")
columns = st.columns(4)
columns[0].metric("Verzoeken", number(total("requests")))
columns[0].caption(per_type("requests"))
columns[1].metric("Gestart", number(total("started")))
columns[1].caption(per_type("started"))
columns[2].metric("Gestopt na de intake", number(total("stopped_after_intake")))
columns[2].caption(per_type("stopped_after_intake"))
if both is not None and both["ended"] > 0:
    columns[3].metric(
        "Geslaagd (van de beëindigde)", f"{number(both['successful'])} van {number(both['ended'])}"
    )
    columns[3].caption(
        f"{mediation.rate_text(both['successful'], both['ended'])}, 95%-interval · "
        + " · ".join(
            f"{t} {number(year_rates[t]['successful'])} van {number(year_rates[t]['ended'])}"
            for t in mediation.TYPES
        )
    )
else:
    columns[3].metric("Geslaagd", "nog geen beëindigde mediations")

# -- funnel -------------------------------------------------------------------------------
st.subheader("Van verzoek tot uitkomst")
for mediation_type in mediation.TYPES:
    ui.show_chart(ui.figure(mediation.funnel_figure, steps, mediation_type))
st.caption(
    f"Telt de mediationverzoeken die in {year} binnenkwamen, per type (IKO: in een "
    "kinderontvoeringszaak; NIKO: ander internationaal familieconflict), en waar elk verzoek "
    "nu staat: niet gestart (met de reden), gestopt na de intake, of voortgezet tot een "
    "uitkomst."
)
# Drawn only when opened: opening it reruns the page with the table in it.
steps_expander = st.expander("De stappen als tabel", key="mediation_stappen", on_change="rerun")
if steps_expander.open:
    with steps_expander:
        ui.show_table(
            mediation.funnel_table(steps),
            {
                "from_label": ui.Column("Van", width="medium"),
                "to_label": ui.Column("Naar", width="large"),
                **{t: ui.Column(t, number, width="small") for t in mediation.TYPES},
            },
            download=f"mediation-stappen-{year}",
        )

# -- success rate of the year -------------------------------------------------------------
st.subheader(f"Slagingspercentage {year}")
if not year_rates:
    st.info(f"Voor {year} zijn er geen mediationcijfers.", icon=":material/info:")
else:
    ui.show_chart(ui.figure(mediation.success_rate_figure, rates, year))
    lines = []
    for mediation_type in mediation.TYPES:
        row = year_rates[mediation_type]
        t = totals.get(mediation_type, {})
        lines.append(
            f"- **{mediation_type}**: {number(t.get('started', 0))} gestart − "
            f"{number(t.get('stopped_after_intake', 0))} gestopt na de intake = "
            f"{number(row['conducted'])} voortgezet; daarvan lopen er "
            f"{number(row['running'])} nog, dus de noemer is **{number(row['ended'])} "
            f"beëindigd** en de teller **{number(row['successful'])} met een volledige "
            f"overeenkomst**."
        )
    st.caption(
        "Telt per type de mediations die na de intake zijn voortgezet en zijn beëindigd "
        "(noemer), en daarvan die met een volledige overeenkomst (teller). Lopende mediations "
        "tellen niet mee tot ze zijn beëindigd. De streep is het 95%-interval volgens Wilson: "
        "bij zulke kleine aantallen is het werkelijke slagingspercentage daar met redelijke "
        "zekerheid ergens binnen."
    )
    st.markdown("\n".join(lines))

# -- trend --------------------------------------------------------------------------------
st.subheader("Slagingspercentage door de jaren")
data_until = meta["data_until"]
partial_text = f"t/m {data_until.day} {month_abbreviation(data_until.month)}"
ui.show_chart(ui.figure(mediation.success_trend_figure, rates, partial_text))
published_years = rates.filter(source="jaarverslag")["year"].unique().sort().to_list()
trend_caption = (
    "Telt per jaar van ontvangst de beëindigde mediations (noemer) en die met een volledige "
    "overeenkomst (teller), per type; bij elk punt staat 'x van n', de streep is het "
    "95%-interval (Wilson). Overlappende strepen betekenen dat een verschil tussen twee jaren "
    "ook toeval kan zijn."
)
if published_years:
    trend_caption += (
        f" Jaren met een open punt ({', '.join(map(str, published_years))}) komen uit het "
        "jaarverslag, niet uit de gegevens."
    )
else:
    trend_caption += (
        " Alle jaren komen uit de gegevens; een jaar waarvoor alleen het jaarverslag cijfers "
        "heeft, zou hier met een open punt en '(jaarverslag)' verschijnen."
    )
st.caption(trend_caption)

# both types together: the director's question is whether mediation as a whole succeeds less
st.subheader("IKO en NIKO samen")
ui.show_chart(
    ui.figure(mediation.combined_trend_figure, rates, partial_text), key="mediation_samen"
)
by_year = mediation.rates_by_year(rates)
ui.show_table(
    by_year,
    {
        "year": ui.Column("Jaar", str, "small"),
        "IKO": ui.Column("IKO"),
        "NIKO": ui.Column("NIKO"),
        "samen": ui.Column("Samen"),
    },
    download="mediation-slagingspercentage-per-jaar",
)
st.caption(
    "Per jaar van ontvangst: geslaagd van de beëindigde mediations, het percentage en het "
    "95%-interval (Wilson). Samen: IKO en NIKO opgeteld (teller bij teller, noemer bij "
    "noemer)."
    + (
        f" {data_until.year} loopt nog ({partial_text}): lopende mediations tellen pas mee "
        "als ze zijn beëindigd."
        if by_year["is_partial_year"].any()
        else ""
    )
)
sentence = mediation.change_sentence(rates)
if sentence:
    st.markdown(f"**Meer dan toeval?** {sentence}")

# -- children -----------------------------------------------------------------------------
st.subheader("Kindgesprekken en bijzondere curator")
child_counts = mediation.children(ui.report)
ui.show_chart(ui.figure(mediation.children_figure, child_counts))
st.caption(
    "Telt per jaar van ontvangst en type het aantal kindgesprekken (kinderen vanaf 3 jaar) en "
    "hoe vaak een bijzondere curator is aangewezen; tussen haakjes het aantal kinderen dat is "
    "gehoord of voor wie een curator is aangewezen."
)
year_children = child_counts.filter(year=year)
ui.show_table(
    pl.concat(
        [
            year_children.drop("year"),
            year_children.drop("year", "mediation_type")
            .sum()
            .with_columns(mediation_type=pl.lit("samen")),
        ],
        how="diagonal",
    ),
    {
        "mediation_type": ui.Column("Type", width="small"),
        "child_interviews": ui.Column("Kindgesprekken", number),
        "children_heard": ui.Column("Kinderen gehoord", number),
        "special_guardian_appointments": ui.Column("Bijzondere curator (keer)", number),
        "special_guardian_children": ui.Column("Kinderen met curator", number),
    },
    download=f"mediation-kindgesprekken-{year}",
)

# -- durations ----------------------------------------------------------------------------
st.subheader(f"Doorlooptijden ({year})")
ui.show_chart(ui.figure(mediation.durations_figure, mediation.durations(ui.report, year)))
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
        bench = mediation.benchmarks(ui.report)
        ui.show_chart(ui.figure(mediation.benchmark_figure, bench, rates, year))
        st.caption(
            "Grijze ruiten: het gepubliceerde aandeel met een overeenkomst per dienst en jaar. "
            f"Gekleurd: Centrum IKO in {year} op dezelfde definitie (volledige of gedeeltelijke "
            "overeenkomst, van de beëindigde mediations), met 95%-interval."
        )
        ui.show_table(
            bench,
            {
                "service": ui.Column("Dienst", width=300),
                "country_iso2": ui.Column("Land", width=60),
                "year": ui.Column("Jaar", str, width=60),
                "agreement_share_pct": ui.Column(
                    "Overeenkomst", lambda v: f"{number(v)} %", width=120
                ),
                "definition_nl": ui.Column("Wat telt", width=300),
                "population_nl": ui.Column("Populatie", width=420),
                "source_note": ui.Column("Bron (oorspronkelijke tekst)", width=600),
            },
            download="mediation-andere-diensten",
        )
    else:
        st.caption(
            "Uit: cijfers van andere mediationdiensten (andere populaties en definities, uit "
            "secundaire bronnen) staan hier alleen als u ze aanzet."
        )


other_services()
