"""Jaaroverzicht: how the year went against the year before, and the annual report's figures
computed from the data, beside what the report printed."""

import streamlit as st

from dashboard import chrome, data, widgets
from dashboard.annual_report import download as annual_report_download
from dashboard.charts import annual as annual_charts
from dashboard.controls import explain as explain_section
from dashboard.format import change_pct, number
from dashboard.presentation import slides
from dashboard.reports import annual, explain
from dashboard.reports.periods import YearPeriod

year = chrome.selected_year()
meta = data.export_meta()
period = YearPeriod(year, meta["data_until"])
# A running year is compared with the same calendar days of the year before: a part of 2026
# beside the whole of 2025 would look like a decline that is only the calendar.
compared = annual.comparison(data.report, period, year - 1 in data.available_years())
compare = compared.has_previous
year_label, previous_label = compared.year_label, compared.previous_label
chart_period = slides.ChartPeriod.year(year, period.data_until)

st.header(compared.title)
annual_report_download.button(year, period.until)

# -- headline tiles --------------------------------------------------------------------------
headlines, found = annual.headlines(data.report, period), annual.breakdowns(data.report, period)
release = annual.page_release(headlines, found, chrome.published())  # tiles and breakdowns
headline_tiles = annual.tiles(headlines, year, release)
for group in dict.fromkeys(t.group for t in headline_tiles):
    st.subheader(group)
    in_group = [t for t in headline_tiles if t.group == group]
    for column, tile in zip(st.columns(4), in_group, strict=False):
        column.metric(
            tile.label,
            tile.value,
            delta=tile.delta,
            delta_color="off",  # more cases is more work, neither good nor bad
            help=compared.tile_help(tile),
        )
# What the tiles are compared with, under them: the tiles open the page on a laptop's screen.
if compared.running_notice:
    st.info(compared.running_notice, icon=":material/hourglass_top:")
elif not compare:
    st.caption(f"Voor {year - 1} zijn er geen gegevens: de tegels tonen geen verschil.")
st.caption(compared.tiles_caption)
if waarom := explain.for_year(compared):
    explain_section.show(waarom, chart_period)

# -- breakdowns ------------------------------------------------------------------------------
st.header("Uitsplitsingen")
for breakdown in found:
    rows = annual.shown_breakdown(breakdown.rows, release)
    st.subheader(breakdown.title)
    units = breakdown.units
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
                title=breakdown.title + (f": {unit}" if len(units) > 1 else ""),
                period=chart_period,
            )
    st.caption(compared.breakdown_caption(breakdown))
    # Drawn only when opened: opening it reruns the page with the table in it.
    table_expander = st.expander("Als tabel", key=f"tabel_{breakdown.key}", on_change="rerun")
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
                download=f"{breakdown.key}-{year}",
                until=period.until,
            )


st.subheader("Ontvoering: leeftijd van de kinderen")
ages = annual.abduction_children_by_age(data.report, year)
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
overview = annual.line_overview(data.report, period)


# On screen this year's split, last year's total and the change fit a laptop's width: the
# headers name the years, what part of a running year is counted is on hover (and in the
# caption); the download has the report's full table (last year's split too).
def count_column(what: str, label: str, short: str) -> widgets.Column:
    # a part of a year is marked (*) in its header: "Totaal 2025" would read as the whole year
    full, part = f"{what} {label}", "" if label == short else "*"
    return widgets.Column(
        f"{what} {short}{part}", widgets.optional(number), help=full if part else None
    )


columns = {
    "category_nl": widgets.Column("Soort zaak"),
    "parents": count_column("Ouders", year_label, str(year)),
    "third_parties": count_column("Derden", year_label, str(year)),
    "total": count_column("Totaal", year_label, str(year)),
}
if compare:
    columns["total_previous"] = count_column("Totaal", previous_label, str(year - 1))
    columns["change_pct"] = widgets.Column(
        "Verschil", widgets.optional(lambda v: change_pct(v, decimals=0))
    )
if compared.shows_printed_change(overview):
    columns["change_pct_printed"] = widgets.Column(
        "Jaarverslag", widgets.optional(lambda v: change_pct(v, decimals=0))
    )
widgets.show_table(
    overview,
    columns,
    highlight=lambda r: r["category_nl"] == "Totaal Lijn 2",
    download=f"overzicht-lijn1-lijn2-{year}-zoals-getoond",
    until=period.until,
)
st.caption(("* " + f"{year_label}, {previous_label}. " if compare and period.is_running else "")
           + compared.overview_caption)  # fmt: skip
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
    until=period.until,
    notes=compared.download_notes,
)

# -- published against computed -------------------------------------------------------------
st.header(f"Gepubliceerd tegenover berekend, {year}")
rows = annual.published_vs_computed(data.report, year)
changes = annual.published_changes_vs_computed(data.report, year)

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
    counts = annual.status_counts(rows)
    for column, (status, n) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(f"Aantallen: {status}", number(n))
    for warning in annual.difference_warnings(rows, changes):
        st.warning(warning, icon=":material/difference:")
    if missing := annual.missing_text(rows):
        st.caption(missing)

    st.subheader("Aantallen")
    widgets.show_table(
        rows,
        {
            "section": widgets.Column("Hfst.", help="Het hoofdstuk van het jaarverslag"),
            "label_nl": widgets.Column("Maat", at_most=260),
            "published_value": widgets.Column("Jaarverslag", widgets.optional(annual.figure_text)),
            "computed_value": widgets.Column("Berekend", widgets.optional(annual.figure_text)),
            "difference": widgets.Column("Verschil", widgets.optional(annual.difference_text)),
            "status": widgets.Column("Status"),
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
                "label_nl": widgets.Column("Maat", at_most=260),
                "printed_in": widgets.Column("Waar gedrukt"),
                "change_pct_printed": widgets.Column(
                    "Jaarverslag", widgets.optional(lambda v: change_pct(v, decimals=0))
                ),
                "change_pct": widgets.Column(
                    "Berekend", widgets.optional(lambda v: change_pct(v, decimals=1))
                ),
                "status": widgets.Column("Status"),
            },
            highlight=lambda row: row["status"] == "verschil",
            download=f"veranderingen-tegenover-berekend-{year}",
        )
