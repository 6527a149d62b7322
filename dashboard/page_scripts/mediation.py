"""Mediationverzoeken: van verzoek tot uitkomst, slagingspercentages met hun onzekerheid."""

import polars as pl
import streamlit as st

from dashboard import chrome, data, publication, widgets
from dashboard.charts import mediation as mediation_charts
from dashboard.format import date_nl, month_abbreviation, number
from dashboard.presentation import slides
from dashboard.reports import mediation

year = chrome.selected_year()
meta = data.export_meta()
steps = mediation.funnel(data.report, year)
totals = mediation.stage_totals(steps)
rates = mediation.success_rates(data.report)
year_rates = {r["mediation_type"]: r for r in rates.filter(year=year).iter_rows(named=True)}


pub = chrome.published()  # None for staff: every number as it is
count = number if pub is None else pub.count
summed = {
    s: sum(totals.get(t, {}).get(s, 0) for t in mediation.TYPES) for s in mediation.STAGE_LABELS
}
# the stage counts as shown: protected together, since each stage is the sum of the next
shown = {t: mediation.stage_texts(totals.get(t, {}), pub) for t in mediation.TYPES}
shown_total = mediation.stage_texts(summed, pub)


def total(stage: str) -> str:
    return shown_total[stage]


def per_type(stage: str) -> str:
    return " · ".join(f"{shown[t][stage]} {t}" for t in mediation.TYPES)


def share(successes: int, n: int) -> str:
    return f"{number(successes)} van {number(n)}" if pub is None else pub.share(successes, n)


st.header(f"Mediation {year}")
chart_period = slides.ChartPeriod.year(year, meta["data_until"])
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
columns[0].metric("Verzoeken", total("requests"))
columns[0].caption(per_type("requests"))
columns[1].metric("Gestart", total("started"))
columns[1].caption(per_type("started"))
columns[2].metric("Gestopt na de intake", total("stopped_after_intake"))
columns[2].caption(per_type("stopped_after_intake"))
if both is not None and both["ended"] > 0:
    rate_shown = pub is None or pub.shows_share(both["successful"], both["ended"])
    # a short label: "Geslaagd (van de beëindigde)" was cut off in a quarter of 1280 px
    columns[3].metric("Geslaagd", f"{count(both['successful'])} van {count(both['ended'])}")
    columns[3].caption(
        "van de beëindigde mediations; "
        + (
            f"{mediation.rate_text(both['successful'], both['ended'])}, 95%-interval · "
            if rate_shown
            else ""
        )
        + " · ".join(
            f"{t} {share(year_rates[t]['successful'], year_rates[t]['ended'])}"
            for t in mediation.TYPES
        )
    )
else:
    columns[3].metric("Geslaagd", "nog geen beëindigde mediations")

# -- funnel -------------------------------------------------------------------------------
st.subheader("Van verzoek tot uitkomst")
for mediation_type in mediation.TYPES:
    widgets.show_chart(
        widgets.figure(mediation_charts.funnel_figure, steps, mediation_type, publication=pub),
        title=f"Van verzoek tot uitkomst: {mediation_type}",
        period=chart_period,
        counts_protected=True,
    )
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
        step_table = mediation.funnel_table(steps)
        step_text = number
        if pub is not None:
            # each step's count is the count of the stage it leads to, protected as above
            stage_of = dict(zip(steps["to_label"], steps["to_stage"], strict=False))
            step_table = step_table.with_columns(
                pl.col("to_label")
                .replace_strict({lb: shown[t][stage_of[lb]] for lb in stage_of}, default=None)
                .alias(t)
                for t in mediation.TYPES
            )
            step_text = None
        widgets.show_table(
            step_table,
            {
                "from_label": widgets.Column("Van", width="medium"),
                "to_label": widgets.Column("Naar", width="large"),
                **{t: widgets.Column(t, step_text, width="small") for t in mediation.TYPES},
            },
            download=f"mediation-stappen-{year}",
        )

# -- success rate of the year -------------------------------------------------------------
st.subheader(f"Slagingspercentage {year}")
if not year_rates:
    st.info(f"Voor {year} zijn er geen mediationcijfers.", icon=":material/info:")
else:
    widgets.show_chart(
        widgets.figure(mediation_charts.success_rate_figure, rates, year, publication=pub),
        title=f"Slagingspercentage {year}",
        period=chart_period,
        counts_protected=True,
    )
    lines = []
    for mediation_type in mediation.TYPES:
        row = year_rates[mediation_type]
        st_ = shown[mediation_type]
        lines.append(
            f"- **{mediation_type}**: {st_['started']} gestart − "
            f"{st_['stopped_after_intake']} gestopt na de intake = "
            f"{st_['conducted']} voortgezet; daarvan lopen er "
            f"{st_['running']} nog, dus de noemer is **{count(row['ended'])} "
            f"beëindigd** en de teller **{count(row['successful'])} met een volledige "
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
rate_years = rates["year"]
rates_period = slides.ChartPeriod.years(rate_years.min(), rate_years.max(), data_until)
if pub is None:
    widgets.show_chart(
        widgets.figure(mediation_charts.success_trend_figure, rates, partial_text),
        title="Slagingspercentage door de jaren",
        period=rates_period,
    )
else:
    # a point's height is a rate: in publication mode the years as "x van n", protected
    widgets.show_table(
        rates.filter(pl.col("ended") > 0)
        .sort("year", "mediation_type")
        .with_columns(
            shown_rate=pl.struct("successful", "ended").map_elements(
                lambda r: pub.share(r["successful"], r["ended"]), return_dtype=pl.String
            )
        ),
        {
            "year": widgets.Column("Jaar", str, width="small"),
            "mediation_type": widgets.Column("Type", width="small"),
            "shown_rate": widgets.Column("Geslaagd van de beëindigde", width="large"),
        },
        download="mediation-geslaagd-per-jaar-publicatie",
    )
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
# (publication mode: the protected table above has every year; rates and a test of small
# counts would give them away)
if pub is None:
    st.subheader("IKO en NIKO samen")
    widgets.show_chart(
        widgets.figure(mediation_charts.combined_trend_figure, rates, partial_text),
        key="mediation_samen",
        title="Slagingspercentage door de jaren: IKO en NIKO samen",
        period=rates_period,
    )
    by_year = mediation.rates_by_year(rates)
    widgets.show_table(
        by_year,
        {
            "year": widgets.Column("Jaar", str, "small"),
            "IKO": widgets.Column("IKO"),
            "NIKO": widgets.Column("NIKO"),
            "samen": widgets.Column("Samen"),
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
child_counts = mediation.children(data.report)
if pub is None:
    widgets.show_chart(
        widgets.figure(mediation_charts.children_figure, child_counts),
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
year_children = child_counts.filter(year=year)
child_columns = [
    "child_interviews", "children_heard", "special_guardian_appointments",
    "special_guardian_children",
]  # fmt: skip
child_total = (
    year_children.drop("year", "mediation_type").sum().with_columns(mediation_type=pl.lit("samen"))
)
child_text = number
if pub is not None:
    # the "samen" row is the column total: the types are protected against it
    year_children = publication.protect_frame(
        year_children, pub, count_columns=child_columns, column_totals=True,
        row_key="mediation_type",
    )  # fmt: skip
    child_total = child_total.with_columns(
        pl.col(c).map_elements(pub.count, return_dtype=pl.String) for c in child_columns
    )
    child_text = None
widgets.show_table(
    pl.concat([year_children.drop("year"), child_total], how="diagonal"),
    {
        "mediation_type": widgets.Column("Type", width="small"),
        "child_interviews": widgets.Column("Kindgesprekken", child_text),
        "children_heard": widgets.Column("Kinderen gehoord", child_text),
        "special_guardian_appointments": widgets.Column("Bijzondere curator (keer)", child_text),
        "special_guardian_children": widgets.Column("Kinderen met curator", child_text),
    },
    download=f"mediation-kindgesprekken-{year}",
)

# -- durations ----------------------------------------------------------------------------
st.subheader(f"Doorlooptijden ({year})")
if pub is None:
    widgets.show_chart(
        widgets.figure(mediation_charts.durations_figure, mediation.durations(data.report, year)),
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
        own = rates if pub is None else rates.clear()  # our own rate is on the page above
        widgets.show_chart(
            widgets.figure(mediation_charts.benchmark_figure, bench, own, year),
            title="Ter vergelijking: andere mediationdiensten",
            period=chart_period,
            counts_protected=True,
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
