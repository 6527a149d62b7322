"""Jaaroverzicht: for the chosen year, every published figure beside the computed one."""

import streamlit as st

from dashboard import ui
from dashboard.format import number, signed

STATUS_ORDER = ("gelijk", "verschil", "niet in de gegevens")


def figure(value: float) -> str:
    """Counts as counts; a ratio such as a monthly average with one decimal."""
    return number(value, 0 if float(value).is_integer() else 1)


def difference(value: float) -> str:
    return signed(value, 0 if float(value).is_integer() else 1)


year = ui.selected_year()
st.header(f"Gepubliceerd tegenover berekend, {year}")
rows = ui.report("published_vs_computed", year=year)

if rows.is_empty():
    st.info(
        f"Voor {year} zijn geen gepubliceerde cijfers om mee te vergelijken: "
        "er is (nog) geen jaarverslag dat over dit jaar gaat.",
        icon=":material/info:",
    )
else:
    st.markdown(
        "Elk cijfer uit het jaarverslag staat naast het cijfer dat de gegevens opleveren. "
        "Verschillen worden getoond, nooit weggewerkt: ook een drukfout in het jaarverslag "
        "blijft hier zichtbaar."
    )
    counts = dict(rows["status"].value_counts().iter_rows())
    for column, status in zip(st.columns(len(STATUS_ORDER)), STATUS_ORDER, strict=True):
        column.metric(status.capitalize(), number(counts.get(status, 0)))

    differences = rows.filter(status="verschil")
    for row in differences.iter_rows(named=True):
        st.warning(
            f"**{row['measure']}**: het jaarverslag drukt {figure(row['published_value'])}, "
            f"de gegevens geven {figure(row['computed_value'])} "
            f"(verschil {difference(row['difference'])}).",
            icon=":material/difference:",
        )

    ui.show_table(
        rows,
        {
            "section": ui.Column("Hoofdstuk", width=90),
            "measure": ui.Column("Maat", width=340),
            "published_value": ui.Column("Gepubliceerd", ui.optional(figure)),
            "computed_value": ui.Column("Berekend", ui.optional(figure)),
            "difference": ui.Column("Verschil", ui.optional(difference)),
            "status": ui.Column("Status", width=150),
            "note": ui.Column("Toelichting", ui.optional(str), width="large"),
        },
        highlight=lambda row: row["status"] == "verschil",
    )

ui.not_built_yet(3, "De rest van het jaaroverzicht (kerncijfers en grafieken)")
