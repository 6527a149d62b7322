"""Gegevens: what the loaded export holds, where it comes from, and importing a new one."""

import streamlit as st

from dashboard import ui
from dashboard.format import date_nl, number
from dashboard.importer.log import last_import, recent_imports, when_nl
from dashboard.importer.report import report_lines
from dashboard.importer.upload import UPLOAD_TYPES, import_uploads
from dashboard.settings import settings

UPLOAD_KEY = "upload"
# Streamlit's uploader has English texts and no parameter for them (streamlit issue #13500).
# This removes each English text and shows Dutch in its place (screen readers get the Dutch
# only), found by the uploader's data-testid attributes in Streamlit 1.67. The drag overlay has
# none: it is the only span directly in a div of the drop zone, and keeps its text, shrunk to
# nothing, to keep its colour. Only text changes, so the button and the drop zone work as
# before; should the attributes change, the English shows again.
UPLOAD_NL_CSS = """
.st-key-{key} button [data-testid="stMarkdownContainer"] > p,
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] > div > span {{
    display: none;
}}
.st-key-{key} button [data-testid="stMarkdownContainer"]::after {{
    content: "Bestanden kiezen";
    font-size: 0.875rem;
}}
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
    content: "Sleep bestanden hierheen\\A CSV, XLSX of Parquet, tot {mb} MB per bestand";
    white-space: pre;
    font-size: 0.875rem;
    opacity: 0.7; /* the faded text colour of the span it replaces */
}}
.st-key-{key} [data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span {{
    font-size: 0;
}}
.st-key-{key} [data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span::after {{
    content: "Sleep bestanden hierheen";
    font-size: 0.875rem;
}}
"""

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
    "Kies alle bestanden van één export (CSV, XLSX of Parquet; één bestand per tabel). "
    "De import controleert elk bestand tegen het exportcontract (`docs/exportcontract.md`), "
    "weigert bij fouten met een verslag per bestand, rij en kolom, en publiceert anders in één "
    "keer."
)
data_home = settings().data_home
st.html(
    "<style>"
    + UPLOAD_NL_CSS.format(key=UPLOAD_KEY, mb=st.get_option("server.maxUploadSize"))
    + "</style>"
)
uploaded = st.file_uploader(
    "Exportbestanden", type=list(UPLOAD_TYPES), accept_multiple_files=True, key=UPLOAD_KEY
)
who = st.text_input("Uw naam (voor het importlogboek)", key="upload_who")
if st.button("Importeren", type="primary", disabled=not uploaded, key="upload_start"):
    with st.status("Importeren…", expanded=True) as status:
        bar = st.progress(0.0, text="Bestanden opslaan")

        def show_progress(message: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=message)

        result = import_uploads(
            [(f.name, f.getvalue()) for f in uploaded],
            data_home,
            who=who.strip() or "upload op /gegevens",
            progress=show_progress,
        )
        status.update(
            label=result.summary_nl(),
            state="error" if result.outcome == "rejected" else "complete",
        )
    if result.outcome == "rejected":
        st.error(result.summary_nl())
    else:
        if result.outcome == "published":
            st.cache_data.clear()
        st.success(
            result.summary_nl() + " De nieuwe gegevens worden getoond vanaf de volgende keer "
            "dat u een pagina opent."
        )
    if result.errors:
        st.markdown("**Fouten**")
        st.code("\n".join(report_lines(result.errors)), language=None)
    if result.warnings:
        st.markdown("**Waarschuwingen**")
        st.code("\n".join(report_lines(result.warnings)), language=None)
st.caption(
    "Het kan ook met de opdrachtregel: `uv run iko-dashboard import MAP-OF-BESTANDEN`, en voor "
    "gepubliceerde jaarcijfers `uv run iko-dashboard import-published BESTAND.csv`."
)

st.header("Laatste import")
last = last_import(data_home)
if last is None:
    st.info("Er is nog niets geïmporteerd; het dashboard toont de demonstratiegegevens.")
else:
    facts = {
        "Wie": last.who,
        "Wanneer": when_nl(last.when),
        "Soort": last.kind_nl,
        "Uitkomst": last.outcome_nl + (f" (versie {last.version})" if last.version else ""),
        "Fouten": number(last.errors),
        "Waarschuwingen": number(last.warnings),
    }
    st.markdown("\n".join(f"- **{label}:** {value}" for label, value in facts.items()))
    if last.rows_by_table:
        st.markdown(
            "**Rijen per tabel:** "
            + ", ".join(f"{table} {number(rows)}" for table, rows in last.rows_by_table.items())
        )
    if last.error_lines:
        st.markdown("**Fouten**")
        st.code("\n".join(last.error_lines), language=None)
    if last.warning_lines:
        st.markdown("**Waarschuwingen**")
        st.code("\n".join(last.warning_lines), language=None)

st.header("Importlogboek")
log = recent_imports(data_home)
if log.is_empty():
    st.caption("Nog geen imports.")
else:
    st.caption(
        "De enige import tot nu toe."
        if log.height == 1
        else f"De laatste {number(log.height)} imports, de nieuwste bovenaan."
    )
    ui.show_table(
        log,
        {
            "when_nl": ui.Column("Wanneer"),
            "who": ui.Column("Wie"),
            "outcome_nl": ui.Column("Uitkomst"),
            "version": ui.Column("Versie"),
            "files": ui.Column("Bestanden", width="large"),
            "rows": ui.Column("Rijen", number),
            "errors": ui.Column("Fouten", number),
            "warnings": ui.Column("Waarschuwingen", number),
        },
    )
