"""The annual report's draft as a download on a page: made on a click, cached per year, mode
and data version."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from dashboard import data, downloads, publication
from dashboard.chrome import published
from dashboard.data import export_meta
from dashboard.settings import REPORT_CACHE_SECONDS

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# Per year, mode and data version: a second click, or another session, gets the same file
# without drawing its charts again (seconds of kaleido).
@st.cache_data(show_spinner=False, max_entries=6, ttl=REPORT_CACHE_SECONDS)
def _annual_report_docx(
    _db: Any, version: tuple[str, str, int], year: int, threshold: int | None
) -> bytes:
    from dashboard.annual_report import content, word  # kaleido and python-docx: on a click

    rules = None if threshold is None else publication.Publication(threshold=threshold)
    return word.docx_bytes(content.document(_db.run, year, rules))


def button(year: int, until: dt.date | None = None) -> None:
    """ "Jaarverslag (Word)": chapters 2-7 of the annual report as a draft, in the page's
    mode. Made when the button is clicked, never during a page run; the click does not
    rerun the page."""
    db, rules = data.database(), published()
    version = (str(db.data_dir), str(db.data_home), data.imported_figures_stamp())
    threshold = None if rules is None else rules.threshold
    name = downloads.file_stem(f"jaarverslag-{year}-concept", export_meta(), until=until)
    st.download_button(
        "Jaarverslag (Word)",
        lambda: _annual_report_docx(db, version, year, threshold),
        file_name=name + ("-publicatie" if rules else "") + ".docx",
        mime=DOCX_MIME,
        on_click="ignore",
        icon=":material/description:",
        type="tertiary",
        help="De cijferhoofdstukken 2 tot en met 7 van het jaarverslag als concept in Word: "
        "zinnen, tabellen en grafieken in de volgorde van het jaarverslag"
        + (", in publicatiemodus." if rules else ", met volledige aantallen."),
    )
