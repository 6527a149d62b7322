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

st.header("Een nieuwe export importeren")
st.markdown(
    "Importeren gaat nu met de opdrachtregel: `uv run iko-dashboard import MAP-OF-BESTANDEN`. "
    "De import controleert elk bestand tegen het exportcontract (`docs/exportcontract.md`), "
    "weigert bij fouten met een verslag per bestand, rij en kolom, en publiceert anders in één "
    "keer; herstart daarna het dashboard."
)
ui.not_built_yet(7, "Uploaden op deze pagina, met het importlogboek en de waarschuwingen,")
