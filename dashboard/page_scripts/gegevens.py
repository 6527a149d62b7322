"""Gegevens: what the loaded export holds, where it comes from, and importing a new one."""

import streamlit as st

from dashboard import data, downloads, pages, widgets
from dashboard.format import date_nl, number
from dashboard.importer.log import last_import, recent_imports
from dashboard.importer.report import report_lines
from dashboard.importer.upload import UPLOAD_TYPES, import_published_upload, import_uploads
from dashboard.reports import data_status
from dashboard.server import auth
from dashboard.settings import settings

meta = data.export_meta()

st.header("Tabellen in de export")
widgets.show_table(
    data_status.export_tables(data.report),
    {
        "table_nl": widgets.Column("Tabel"),
        "table_name": widgets.Column("Naam in de export"),
        "row_count": widgets.Column("Rijen", widgets.optional(number)),
        "first_date": widgets.Column("Eerste datum", widgets.optional(date_nl)),
        "last_date": widgets.Column("Laatste datum", widgets.optional(date_nl)),
    },
    download="tabellen-in-de-export",
)

st.header("Over deze export")
st.markdown(data_status.facts_markdown(data_status.export_facts(meta)))

data_home = settings().data_home
may_import = auth.may_import()
# With login the import log names the logged-in person; without, whoever types a name.
logged_in_as = auth.import_who()
if not may_import:
    st.info(
        "Importeren en het importlogboek zijn voor de gegevensbeheerder. Wilt u een export "
        "importeren, vraag het dan aan de gegevensbeheerder van Centrum IKO.",
        icon=":material/lock:",
    )

if may_import:
    st.header("Een nieuwe export importeren")
    st.markdown(
        "Kies alle bestanden van één export (CSV, XLSX of Parquet; één bestand per tabel). "
        "De import controleert elk bestand tegen het exportcontract (`docs/exportcontract.md`), "
        "weigert bij fouten met een verslag per bestand, rij en kolom, en publiceert anders in één "
        "keer."
    )
    uploaded = widgets.file_uploader_nl(
        "Exportbestanden",
        UPLOAD_TYPES,
        key="upload",
        types_nl="CSV, XLSX of Parquet",
        multiple=True,
    )
    who = logged_in_as or st.text_input("Uw naam (voor het importlogboek)", key="upload_who")
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
                data.forget_reports()
            st.success(
                result.summary_nl() + " De nieuwe gegevens worden getoond vanaf de volgende keer "
                "dat u een pagina opent."
            )
        if result.errors:
            st.markdown("**Fouten**")
            st.code("\n".join(report_lines(result.errors)), language=None, wrap_lines=True)
        if result.warnings:
            st.markdown("**Waarschuwingen**")
            st.code("\n".join(report_lines(result.warnings)), language=None, wrap_lines=True)
    st.caption("Het kan ook met de opdrachtregel: `uv run iko-dashboard import MAP-OF-BESTANDEN`.")

st.header("Jaarcijfers uit eerdere jaarverslagen")
if may_import:
    st.markdown(
        "Voor jaren zonder export: de cijfers van een eerder jaarverslag, in de maten van het "
        "dashboard (die van de jaarverslagen 2020 en 2025). Een CSV-bestand met de kolommen "
        "`year`, `measure` en `value` (en zo u wilt `section`, `note` en `source` of `bron`: "
        "waar het cijfer stond); het sjabloon hieronder heeft elke maat met haar omschrijving. "
        "Vul jaar en waarde in; rijen zonder jaar en waarde worden overgeslagen. De cijfers "
        "verschijnen op Meerjarige trends, gearceerd als gepubliceerd; voor een jaar met gegevens "
        "blijft het berekende getal staan en wordt een verschil gemarkeerd. Een cijfer dat al was "
        "geïmporteerd, wordt vervangen."
    )
    st.download_button(
        "Sjabloon (CSV, alle maten)",
        downloads.csv_bytes(data_status.annual_figures_template(data.report)),
        file_name="sjabloon-jaarcijfers.csv",
        mime="text/csv",
    )
    figures_file = widgets.file_uploader_nl(
        "Bestand met jaarcijfers", ("csv",), key="published_upload", types_nl="CSV"
    )
    figures_who = logged_in_as or st.text_input(
        "Uw naam (voor het importlogboek)", key="published_who"
    )
    figures_skip = st.checkbox(
        "Rijen met een onbekende maat overslaan",
        key="published_skip_unknown",
        help="Zonder vinkje wordt een bestand met een onbekende maat helemaal geweigerd. Met "
        "vinkje worden de goede rijen geïmporteerd en de overgeslagen rijen genoemd.",
    )
    if st.button(
        "Jaarcijfers importeren",
        type="primary",
        disabled=figures_file is None,
        key="published_start",
    ):
        figures = import_published_upload(
            figures_file.name,
            figures_file.getvalue(),
            data_home,
            who=figures_who.strip() or "upload op /gegevens",
            skip_unknown=figures_skip,
        )
        if figures.outcome == "rejected":
            st.error(figures.summary_nl())
            st.code("\n".join(report_lines(figures.errors)), language=None)
        else:
            st.success(figures.summary_nl())
            if figures.warnings:
                st.markdown("**Overgeslagen**")
                st.code("\n".join(report_lines(figures.warnings)), language=None)
            st.page_link(
                next(p for p in pages.PAGES if p.url_path == "trends").script,
                label="Naar Meerjarige trends",
                icon=":material/trending_up:",
            )
else:
    st.markdown(
        "Cijfers uit eerdere jaarverslagen, geïmporteerd voor jaren zonder export. Ze staan op "
        "Meerjarige trends, gearceerd als gepubliceerd."
    )
imported_years = data_status.imported_years(data.report)
if imported_years.is_empty():
    st.caption("Nog geen jaarcijfers geïmporteerd.")
else:
    widgets.show_table(
        imported_years,
        {
            "year": widgets.Column("Jaar", str, "small"),
            "figures": widgets.Column("Geïmporteerde cijfers", number),
            "differing": widgets.Column("Wijkt af van de gegevens", number),
        },
        download="geimporteerde-jaarcijfers",
    )
if may_import:
    st.caption(
        "Op de opdrachtregel: `uv run iko-dashboard import-published BESTAND.csv`. De "
        "geïmporteerde cijfers staan in de gegevensmap onder "
        "`reference/published-imported-report.csv`."
    )

if may_import:
    st.header("Laatste import")
    last = last_import(data_home)
    if last is None:
        st.info("Er is nog niets geïmporteerd; het dashboard toont de demonstratiegegevens.")
    else:
        st.markdown(data_status.facts_markdown(data_status.import_facts(last)))
        rows_by_table = data_status.rows_by_table_text(last)
        if rows_by_table is not None:
            st.markdown(f"**Rijen per tabel:** {rows_by_table}")
        if last.error_lines:
            st.markdown("**Fouten**")
            st.code("\n".join(last.error_lines), language=None, wrap_lines=True)
        if last.warning_lines:
            st.markdown("**Waarschuwingen**")
            st.code("\n".join(last.warning_lines), language=None, wrap_lines=True)

    st.header("Importlogboek")
    log = recent_imports(data_home)
    if log.is_empty():
        st.caption("Nog geen imports.")
    else:
        st.caption(data_status.import_log_caption(log))
        widgets.show_table(
            log,
            {
                "when_nl": widgets.Column("Wanneer"),
                "who": widgets.Column("Wie", at_most=110),
                "outcome_nl": widgets.Column("Uitkomst"),
                "version": widgets.Column("Versie", at_most=130),
                "files": widgets.Column("Bestanden", at_most=130),
                "rows": widgets.Column("Rijen", number),
                "errors": widgets.Column("Fouten", number),
                "warnings": widgets.Column("Waarschuwingen", number),
            },
            download="importlogboek",
        )
