"""Jaaroverzicht: how the year went against the year before, and the annual report's figures
computed from the data, beside what the report printed."""

import datetime as dt

import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.charts import annual as annual_charts
from dashboard.format import change_pct, date_nl, number, signed
from dashboard.presentation import slides
from dashboard.reports import annual, same_period

STATUS_ORDER = ("gelijk", "verschil", "niet in de gegevens")


def difference(value: float) -> str:
    return signed(value, 0 if float(value).is_integer() else 1)


year = chrome.selected_year()
meta = data.export_meta()
data_until: dt.date = meta["data_until"]
running_year = year == data_until.year and data_until < dt.date(year, 12, 31)
has_previous = year - 1 in data.available_years()
compare = has_previous
# A running year is compared with the same calendar days of the year before: a part of 2026
# beside the whole of 2025 would look like a decline that is only the calendar.
period = "to_date" if running_year else "year"
periods = same_period.year_to_date_periods(data.report)
if running_year:
    now_period = periods[year]
    year_label = now_period.short_label
    previous_period = periods.get(year - 1)
    previous_label = previous_period.short_label if previous_period else str(year - 1)
else:
    year_label, previous_label = str(year), str(year - 1)
chart_period = slides.ChartPeriod.year(year, data_until)

st.header(
    same_period.versus(now_period, previous_period)
    if running_year and previous_period
    else f"{year} tot en met {date_nl(data_until)}"
    if running_year
    else f"{year} tegenover {year - 1}"
    if compare
    else str(year)
)
if running_year:
    st.info(
        f"{year} loopt nog: de gegevens gaan tot en met {date_nl(data_until)}. "
        + (
            f"Tegels, uitsplitsingen en de overzichtstabel vergelijken daarom met dezelfde "
            f"dagen van {year - 1}, niet met heel {year - 1}. "
            + same_period.definition_nl(data_until)
            if compare
            else "Tegels, uitsplitsingen en de overzichtstabel tonen de stand tot nu toe."
        ),
        icon=":material/hourglass_top:",
    )
elif not has_previous:
    st.caption(f"Voor {year - 1} zijn er geen gegevens: de tegels tonen geen verschil.")

# -- headline tiles --------------------------------------------------------------------------
headline_tiles = annual.tiles(data.report("annual_headlines", year=year, period=period))
for group in dict.fromkeys(t.group for t in headline_tiles):
    st.subheader(group)
    in_group = [t for t in headline_tiles if t.group == group]
    for column, tile in zip(st.columns(4), in_group, strict=False):
        column.metric(
            tile.label,
            tile.value,
            delta=tile.delta,
            delta_color="off",  # more cases is more work, neither good nor bad
            help=(f"{tile.help}, {year_label}" if running_year else tile.help)
            if tile.previous is None
            else f"{tile.help}. {previous_label}: {tile.previous}",
        )
st.caption(
    "Zaken tellen in het jaar van opening, contactmomenten in het jaar waarin ze plaatsvonden, "
    "mediationverzoeken in het jaar van ontvangst. Ontvoering, vertrek en omgang: zaken waarin "
    "een ouder contact opnam (zoals het jaarverslag); preventiezaken: ouders en derden, de "
    "kinderen in zaken van ouders. Verschil ten opzichte van "
    + (f"dezelfde periode van {year - 1} ({previous_label})" if running_year else "het jaar ervoor")
    + f": in %, of als aantal waar {year - 1} onder de {annual.SMALL_BASE} bleef."
)

# -- breakdowns ------------------------------------------------------------------------------
st.header("Uitsplitsingen")
breakdowns = data.report("annual_breakdowns", year=year, period=period)
for key in breakdowns["breakdown"].unique(maintain_order=True):
    rows = breakdowns.filter(breakdown=key)
    first = rows.row(0, named=True)
    st.subheader(first["breakdown_nl"])
    units = rows["unit_nl"].unique(maintain_order=True).to_list()
    for unit, column in zip(units, st.columns(len(units)), strict=True):
        with column:
            if len(units) > 1:
                st.markdown(f"**{unit.capitalize()}**")
            widgets.show_chart(
                widgets.figure(
                    annual_charts.breakdown_figure,
                    rows,
                    year,
                    unit,
                    compare=compare,
                    year_label=year_label,
                    previous_label=previous_label,
                ),
                title=first["breakdown_nl"] + (f": {unit}" if len(units) > 1 else ""),
                period=chart_period,
            )
    st.caption(
        f"Telt: {first['counts_nl']}; "
        + (f"{year_label} in blauw, {previous_label} in grijs." if compare else f"{year_label}.")
    )
    # Drawn only when opened: opening it reruns the page with the table in it.
    table_expander = st.expander("Als tabel", key=f"tabel_{key}", on_change="rerun")
    if table_expander.open:
        with table_expander:
            widgets.show_table(
                rows,
                {
                    "item_nl": widgets.Column("Wat"),
                    "series_nl": widgets.Column("Uitsplitsing"),
                    "unit_nl": widgets.Column("Eenheid"),
                    **(
                        {
                            "previous_value": widgets.Column(
                                previous_label, widgets.optional(annual.figure_text)
                            )
                        }
                        if compare
                        else {}
                    ),
                    "value": widgets.Column(year_label, widgets.optional(annual.figure_text)),
                },
                download=f"{key}-{year}",
                until=data_until if running_year else None,
            )


st.subheader("Ontvoering: leeftijd van de kinderen")
ages = data.report("abduction_children_by_age", year=year)
if ages.is_empty():
    st.caption("Geen ontvoeringszaken van ouders in dit jaar.")
else:
    widgets.show_chart(
        widgets.figure(annual_charts.age_figure, ages),
        title="Ontvoering: leeftijd van de kinderen",
        period=chart_period,
    )
    st.caption(
        "Telt: kinderen in ontvoeringszaken waarin een ouder contact opnam, naar leeftijd bij "
        "opening van de zaak en richting."
    )

# -- section 7 -------------------------------------------------------------------------------
st.header("Overzicht Lijn 1 en Lijn 2")
overview = data.report("line_overview", year=year, period=period)
# the report printed changes between whole years only
has_printed = overview["change_pct_printed"].is_not_null().any() and not running_year
# On screen this year's split, last year's total and the change fit a projector's width; the
# download has the report's full table (last year's split too).
columns = {
    "category_nl": widgets.Column("Soort zaak", width=230),
    "parents": widgets.Column(f"Ouders {year_label}", widgets.optional(number)),
    "third_parties": widgets.Column(f"Derden {year_label}", widgets.optional(number)),
    "total": widgets.Column(f"Totaal {year_label}", widgets.optional(number)),
}
if compare:
    columns["total_previous"] = widgets.Column(f"Totaal {previous_label}", widgets.optional(number))
    columns["change_pct"] = widgets.Column(
        "Verschil", widgets.optional(lambda v: change_pct(v, decimals=0))
    )
if compare and has_printed:
    columns["change_pct_printed"] = widgets.Column(
        "Jaarverslag", widgets.optional(lambda v: change_pct(v, decimals=0))
    )
widgets.show_table(
    overview,
    columns,
    highlight=lambda r: r["category_nl"] == "Totaal Lijn 2",
    download=f"overzicht-lijn1-lijn2-{year}-zoals-getoond",
    until=data_until if running_year else None,
)
st.caption(
    "Telt: zaken geopend in het jaar, per registratiecode, naar wie contact opnam. De eerste "
    "rij is Lijn 1 (de code 'toestemming voor vakantie'), de rest Lijn 2. Het totaal Lijn 2 "
    "telt alle Lijn 2-codes, ook Achterlating en Gezagsvragen, die niet in de tabel van het "
    "jaarverslag staan."
    + (
        " Verschil: afgerond zoals het jaarverslag afrondt (-3,5 % wordt -4 %)"
        + (
            f", over dezelfde dagen: {same_period.versus(now_period, previous_period)}."
            if running_year
            else "; 'Jaarverslag': het verschil zoals de tabel in het jaarverslag het drukt, "
            "waar er een is."
        )
        if compare
        else ""
    )
)
widgets.download_buttons(
    annual.overview_download(
        overview,
        [*columns, *(["parents_previous", "third_parties_previous"] if compare else [])],
        year,
        year_label,
        previous_label,
    ),
    f"overzicht-lijn1-lijn2-{year}",
    f"Overzicht {year}",
    until=data_until if running_year else None,
    notes=[
        f"{year} loopt nog: tellingen tot en met {date_nl(data_until)}"
        + (f", vergeleken met {previous_label}." if compare else ".")
    ]
    if running_year
    else [],
)

# -- published against computed -------------------------------------------------------------
st.header(f"Gepubliceerd tegenover berekend, {year}")
rows = data.report("published_vs_computed", year=year)
changes = data.report("published_changes_vs_computed", year=year)

if rows.is_empty():
    st.info(
        f"Voor {year} zijn geen gepubliceerde cijfers om mee te vergelijken: "
        "er is (nog) geen jaarverslag dat over dit jaar gaat.",
        icon=":material/info:",
    )
else:
    st.markdown(
        "Elk cijfer uit het jaarverslag staat naast het cijfer dat de gegevens opleveren. "
        "Verschillen worden getoond, nooit weggewerkt: ook een fout in het jaarverslag blijft "
        "hier zichtbaar, zodat hij niet opnieuw wordt gedrukt."
    )
    counts = dict(rows["status"].value_counts().iter_rows())
    for column, status in zip(st.columns(len(STATUS_ORDER)), STATUS_ORDER, strict=True):
        column.metric(f"Aantallen: {status}", number(counts.get(status, 0)))

    for row in rows.filter(status="verschil").iter_rows(named=True):
        st.warning(
            f"**{row['label_nl']}**: het jaarverslag drukt "
            f"{annual.figure_text(row['published_value'])}, de gegevens geven "
            f"{annual.figure_text(row['computed_value'])} "
            f"(verschil {difference(row['difference'])}).",
            icon=":material/difference:",
        )
    for row in changes.filter(status="verschil").iter_rows(named=True):
        st.warning(
            f"**{row['label_nl']}**: de {row['printed_in']} noemt "
            f"{change_pct(row['change_pct_printed'], decimals=0)}, de gegevens geven "
            f"{change_pct(row['change_pct'], decimals=1)} "
            f"({annual.figure_text(row['previous_value'])} → "
            f"{annual.figure_text(row['value'])}, afgerond "
            f"{change_pct(row['change_pct_rounded'], decimals=0)}).",
            icon=":material/difference:",
        )
    missing = rows.filter(status="niet in de gegevens")
    if not missing.is_empty():
        st.caption(
            "Niet in de gegevens: "
            + ", ".join(label[0].lower() + label[1:] for label in missing["label_nl"])
            + " — deze cijfers staan niet in een export van het registratiesysteem."
        )

    st.subheader("Aantallen")
    widgets.show_table(
        rows,
        {
            "section": widgets.Column("Hfst.", width=70),
            "label_nl": widgets.Column("Maat", width=380),
            "published_value": widgets.Column("Jaarverslag", widgets.optional(annual.figure_text)),
            "computed_value": widgets.Column("Berekend", widgets.optional(annual.figure_text)),
            "difference": widgets.Column("Verschil", widgets.optional(difference)),
            "status": widgets.Column("Status", width=150),
        },
        highlight=lambda row: row["status"] == "verschil",
        download=f"gepubliceerd-tegenover-berekend-{year}",
    )
    st.caption("Hfst.: het hoofdstuk van het jaarverslag waarin het cijfer staat.")
    if not changes.is_empty():
        st.subheader("Procentuele veranderingen")
        widgets.show_table(
            changes,
            {
                "label_nl": widgets.Column("Maat", width=360),
                "printed_in": widgets.Column("Waar gedrukt", width=170),
                "change_pct_printed": widgets.Column(
                    "Jaarverslag", widgets.optional(lambda v: change_pct(v, decimals=0))
                ),
                "change_pct": widgets.Column(
                    "Berekend", widgets.optional(lambda v: change_pct(v, decimals=1))
                ),
                "status": widgets.Column("Status", width=150),
            },
            highlight=lambda row: row["status"] == "verschil",
            download=f"veranderingen-tegenover-berekend-{year}",
        )
