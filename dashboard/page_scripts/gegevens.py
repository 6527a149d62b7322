"""Gegevens: what the loaded export holds, and where it comes from."""

import streamlit as st

from dashboard import ui
from dashboard.format import date_nl, number

meta = ui.export_meta()

st.header("Tabellen in de export")
ui.show_table(
    ui.report("data_status"),
    {
        "table_nl": ui.Column("Tabel"),
        "table_name": ui.Column("Naam in de export"),
        "row_count": ui.Column("Rijen", ui.optional(number)),
        "first_date": ui.Column("Eerste datum", ui.optional(date_nl)),
        "last_date": ui.Column("Laatste datum", ui.optional(date_nl)),
    },
)

st.header("Over deze export")
facts = {
    "Bron": meta["source"],
    "Gegevens tot en met": date_nl(meta["data_until"]),
    "Export gemaakt op": date_nl(meta["export_date"]),
    "Soort gegevens": "demonstratiegegevens" if meta["is_demo"] else "echte export",
}
if meta["extrapolated_from"] is not None:
    facts["Doorgetrokken vanaf"] = date_nl(meta["extrapolated_from"])
st.markdown("\n".join(f"- **{label}:** {value}" for label, value in facts.items()))

ui.not_built_yet(7, "Een nieuwe export importeren")
