"""The page list: the one definition of the navigation; the app, preload and the tests read it.

The first page opens at "/".
"""

from __future__ import annotations

from dataclasses import dataclass

# Page scripts live in `page_scripts/`, not `pages/`: Streamlit treats a `pages/` folder beside
# the entry point as an old-style multipage app and, on a fresh server's first run and in every
# AppTest run, executes a page such as `pages/gegevens.py` on its own, without `app.py` around
# it (no banner, no year, no footer).
PAGE_SCRIPTS = "page_scripts"


@dataclass(frozen=True)
class PageSpec:
    url_path: str
    title: str
    icon: str
    # Whether the sidebar's year changes what the page shows; only then is it offered.
    by_year: bool = False

    @property
    def script(self) -> str:
        """The page script, relative to `app.py`; named after the page's URL."""
        return f"{PAGE_SCRIPTS}/{self.url_path}.py"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("jaaroverzicht", "Jaaroverzicht", ":material/summarize:", by_year=True),
    PageSpec("trends", "Meerjarige trends", ":material/trending_up:"),
    PageSpec("caseload", "Caseload (zaken per maand)", ":material/bar_chart:"),
    PageSpec("vakantiepieken", "Vakantiepieken Lijn 1", ":material/flight:", by_year=True),
    PageSpec("landen", "Dreiging en ontvoering per land", ":material/public:", by_year=True),
    PageSpec("mediation", "Mediation", ":material/handshake:", by_year=True),
    PageSpec("presentatie", "Presentatie IKO-lezing", ":material/slideshow:", by_year=True),
    PageSpec("gegevens", "Gegevens", ":material/database:"),
)
