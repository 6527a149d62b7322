"""What surrounds every page: navigation, title and notices, year and publication mode, footer.

The year selector is bound to the URL (`?jaar=2025`) on the pages the year changes; a URL
value the page cannot use is dropped with one sentence that says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from dashboard import publication
from dashboard.contract import CURRENT_ERA_FROM
from dashboard.data import available_years, default_year, export_meta
from dashboard.format import date_nl
from dashboard.pages import PAGES, PageSpec
from dashboard.settings import settings

# The year widget's key: Streamlit binds it to the URL parameter of the same name.
YEAR_PARAM = "jaar"
# The footer's container gets the CSS class "st-key-voettekst"; the browser test waits for it.
FOOTER_KEY = "voettekst"
# The URL path of the page this run shows ("caseload"): the start of a chart's file name.
PAGE_KEY = "_pagina"
RELEASE_KEY = "_vrijgave"


START_URL_PATH = "start"


def _open_first_page() -> None:
    st.switch_page(PAGES[0].script, query_params=st.query_params.to_dict())


def navigate() -> st.Page:
    """Register `PAGES` with Streamlit and return the page this run shows.

    Streamlit serves its default page at "/" only, and answers "/<its url_path>" with a
    "page not found" dialog. So the default is a hidden start page that forwards to the first
    page (query string included): "/" and "/jaaroverzicht" both work, and shared links keep
    their year.
    """
    pages = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path) for p in PAGES]
    start = st.Page(
        _open_first_page,
        title=PAGES[0].title,
        url_path=START_URL_PATH,
        default=True,
        visibility="hidden",
    )
    page = st.navigation([start, *pages])
    st.session_state[PAGE_KEY] = page.url_path
    if page.url_path == "":
        _open_first_page()
    return page


# -- chrome -------------------------------------------------------------------------------


def _dutch_list(items: Sequence[object]) -> str:
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def demo_notice(meta: Mapping[str, Any], years: Sequence[int]) -> str | None:
    """The banner text for a demo export, composed from its metadata; None for real data."""
    if not meta["is_demo"]:
        return None
    text = "Demonstratiegegevens — geen echte cijfers van Centrum IKO."
    extrapolated_from: dt.date | None = meta["extrapolated_from"]
    if extrapolated_from is None:
        return text
    # demo history (generate --since) is shaped by older reports, not calibrated on the latest
    history = [y for y in years if y < CURRENT_ERA_FROM.year]
    if history:
        text += (
            f" {history[0]}–{history[-1]} volgen de registratie van toen en de gepubliceerde "
            "reeksen" + (" (2020 geijkt op het jaarverslag 2020)" if 2020 in history else "") + ";"
        )
    calibrated = [y for y in years if CURRENT_ERA_FROM.year <= y < extrapolated_from.year]
    if calibrated:
        verb = "is" if len(calibrated) == 1 else "zijn"
        text += (
            f" {_dutch_list(calibrated)} {verb} geijkt op het jaarverslag {max(calibrated)};"
            f" vanaf {date_nl(extrapolated_from)} doorgetrokken."
        )
    else:
        text += f" Vanaf {date_nl(extrapolated_from)} doorgetrokken."
    return text


def data_until_text(meta: Mapping[str, Any]) -> str:
    return f"Gegevens tot en met {date_nl(meta['data_until'])}"


# An export older than this is worth a word on every page: a week of Lijn 1 is a roster.
STALE_AFTER_DAYS = 7
TODAY_PARAM = "vandaag"  # ?vandaag=2026-12-01 shows the pages as on that day


def today() -> dt.date:
    """Today, or the day a link asks for (`?vandaag=2026-12-01`) to reproduce what was shown."""
    raw = st.query_params.get(TODAY_PARAM)
    try:
        return dt.date.fromisoformat(raw) if raw else dt.date.today()
    except ValueError:
        return dt.date.today()


def stale_notice(meta: Mapping[str, Any], on: dt.date) -> str | None:
    """One sentence when the data end more than STALE_AFTER_DAYS before `on`, else None."""
    data_until: dt.date = meta["data_until"]
    age = (on - data_until).days
    if age <= STALE_AFTER_DAYS:
        return None
    return (
        f"De gegevens zijn {age} dagen oud: ze lopen tot en met {date_nl(data_until)}, vandaag "
        f"is het {date_nl(on)}. Wat daarna gebeurde, staat nog op geen enkele pagina; een "
        "nieuwe export importeren kan op de pagina Gegevens."
    )


def age_text(meta: Mapping[str, Any], on: dt.date) -> str:
    """How old the data are on `on`, in a few words for the notice line ("15 dagen oud")."""
    age = (on - meta["data_until"]).days
    if age < 0:
        return ""
    return "van vandaag" if age == 0 else f"{age} {'dag' if age == 1 else 'dagen'} oud"


def notice_line(meta: Mapping[str, Any], on: dt.date, *, demo: bool, publishing: bool) -> str:
    """The one line over every page that names what its notices are about: the mode, demo
    data, and how far and how old the data are. A click opens the notices themselves."""
    age = age_text(meta, on)
    until = data_until_text(meta) + (f" ({age})" if age else "")
    modes = (["Publicatiemodus"] if publishing else []) + (["Demonstratiegegevens"] if demo else [])
    if modes:
        until = until[0].lower() + until[1:]
    return " · ".join([*modes, until])


def header(title: str) -> None:
    """Page title, and one compact line that opens on the notices: for demo data the banner
    that says so, when the data are old a notice, in publication mode its rules.

    Two notices and a banner took a third of a laptop's screen before any chart; folded
    into a line, a page's first chart stands in its first screen.
    """
    st.title(title)
    meta = export_meta()
    on = today()
    demo = demo_notice(meta, available_years())
    stale = stale_notice(meta, on)
    rules = publication_rules().banner if publication_asked() else None
    if not (demo or stale or rules):
        return
    line = notice_line(meta, on, demo=bool(demo), publishing=bool(rules))
    icon = PUBLICATION_ICON if rules else ":material/science:" if demo else ":material/update:"
    with st.expander(line, icon=icon):
        if demo:
            st.warning(demo, icon=":material/science:")
        if stale:
            st.warning(stale, icon=":material/update:")
        if rules:
            st.info(rules, icon=PUBLICATION_ICON)


def footer() -> None:
    meta = export_meta()
    st.divider()
    with st.container(key=FOOTER_KEY):
        st.caption(
            f"{data_until_text(meta)} · export van {date_nl(meta['export_date'])} · Centrum IKO"
        )
        st.html(_DUTCH_CHROME, unsafe_allow_javascript=True)


# What Streamlit writes in English and offers no parameter for. The page declares lang="en"
# (screen readers then read Dutch with English pronunciation); the skip link, the full-screen
# button of every chart and the labels screen readers read (help buttons, the sidebar, number
# and date inputs) are English; the toolbar of a table ("Download as CSV", "Search",
# "Show/hide columns") is replaced by our own download buttons under every table (semicolons
# and decimal commas for Dutch Excel). The script finds them by the attributes and texts of
# Streamlit 1.67 and keeps watching, because Streamlit draws them anew; should they change,
# the English shows again. What remains English is listed in the README.
_DUTCH_CHROME = """
<style>
[data-testid="stDataFrame"] [data-testid="stElementToolbar"] { display: none; }
/* a typed value is kept with Enter: said in Dutch where Streamlit writes "Press Enter to apply" */
[data-testid="InputInstructions"] > span:first-child { font-size: 0; }
[data-testid="InputInstructions"] > span:first-child::after {
  content: "Enter: overnemen"; font-size: 0.75rem;
}
</style>
<script>
(() => {
  const dutch = [
    [/^Fullscreen$/, "Volledig scherm"],
    [/^Close fullscreen$/, "Volledig scherm sluiten"],
    [/^Skip to main content$/, "Naar de inhoud"],
    [/^Help for (.*)$/, "Uitleg bij $1"],
    [/^Link to heading$/, "Link naar deze kop"],
    [/^App pages$/, "Pagina's"],
    [/^Sidebar$/, "Zijbalk"],
    [/^Collapse sidebar$/, "Zijbalk inklappen"],
    [/^Expand sidebar$/, "Zijbalk uitklappen"],
    [/^Open$/, "Openen"],
    [/^Increment$/, "Meer"],
    [/^Decrement$/, "Minder"],
    [/^Choose date$/, "Kies een datum"],
    [/^Choose an option$/, "Kies een optie"],
    [/^day, (.*)$/, "dag, $1"],
    [/^month, (.*)$/, "maand, $1"],
    [/^year, (.*)$/, "jaar, $1"],
    [/^file upload$/, "bestand uploaden"],
  ];
  const inDutch = (text) => {
    for (const [english, nl] of dutch) if (english.test(text)) return text.replace(english, nl);
    return null;
  };
  const names = ["aria-label", "title", "data-title", "placeholder"];
  const translate = () => {
    if (document.documentElement.lang !== "nl") document.documentElement.lang = "nl";
    for (const el of document.querySelectorAll(names.map((n) => `[${n}]`).join(","))) {
      for (const name of names) {
        const text = el.hasAttribute(name) && inDutch(el.getAttribute(name));
        if (text) el.setAttribute(name, text);
      }
    }
    // a search in a choice list that finds nothing ("No results")
    for (const list of document.querySelectorAll('[role="listbox"]')) {
      const walker = document.createTreeWalker(list, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue === "No results") node.nodeValue = "Niets gevonden";
      }
    }
    const skip = document.querySelector('[data-testid="stSkipToContent"]');
    const text = skip && inDutch(skip.textContent);
    if (text) skip.textContent = text;
  };
  translate();
  if (window.ikoDutchChrome) return;
  window.ikoDutchChrome = true;
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; translate(); });
  }).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["lang", ...names],
  });
})();
</script>
"""


def page_spec(page: st.Page) -> PageSpec | None:
    """The `PAGES` entry of the page Streamlit runs (None for the hidden start page)."""
    return next((p for p in PAGES if p.url_path == page.url_path), None)


def year_selector() -> int:
    """The year the page shows, chosen in the sidebar and bound to the URL (`?jaar=2024`).

    Streamlit keeps widget and URL in step: a shared link opens on its year, and a year the
    data does not have is dropped from the URL (the page says so). The default, the last
    complete year, is left out of the URL. The choice outlives a visit to a page without the
    year (`persist_state`), so coming back shows the year chosen before.
    """
    years = available_years()
    default = default_year(years, export_meta()["data_until"])
    asked = unusable_url_value(YEAR_PARAM, lambda raw: raw in {str(y) for y in years})
    year = st.sidebar.selectbox(
        "Jaar",
        years,
        index=years.index(default),
        key=YEAR_PARAM,
        bind="query-params",
        persist_state="session",
    )
    if asked is not None:
        say_url_value_dropped("jaar", asked, str(year))
    return year


def selected_year() -> int:
    """The year chosen by `year_selector` in this run (the entry point calls it first)."""
    return st.session_state[YEAR_PARAM]


PUBLICATION_KEY = "publicatie"  # the URL parameter too: ?publicatie=1
PUBLICATION_ICON = ":material/shield_lock:"
# How people type and share it; Streamlit writes a bound toggle as "true".
_PUBLICATION_ON = {"1", "ja", "aan"}


def publication_rules() -> publication.Publication:
    return publication.Publication(threshold=settings().publication_threshold)


def publication_asked() -> bool:
    """Whether this run shows publication mode, known before the toggle is drawn: the
    header's notice line, above the toggle's effect, names the mode."""
    if st.query_params.get(PUBLICATION_KEY, "").strip().lower() in _PUBLICATION_ON:
        return True
    if PUBLICATION_KEY in st.session_state:
        return bool(st.session_state[PUBLICATION_KEY])
    return st.query_params.get(PUBLICATION_KEY, "").strip().lower() == "true"


def publication_selector() -> None:
    """The sidebar toggle "Publicatiemodus", kept in the URL; its rules stand in the header's
    notice line (`header`).

    Streamlit writes a bound toggle as "true"; "?publicatie=1" (the form people type and
    share) is read here first, because the binding would drop it as no boolean.
    """
    if st.query_params.get(PUBLICATION_KEY, "").strip().lower() in _PUBLICATION_ON:
        st.session_state[PUBLICATION_KEY] = True
    st.sidebar.toggle(
        "Publicatiemodus",
        key=PUBLICATION_KEY,
        bind="query-params",
        help="Voor wat naar buiten gaat: kleine aantallen afgeschermd, ook in downloads.",
    )


def published() -> publication.Publication | None:
    """The publication rules when publication mode is on in this run, else None (staff see
    every number as it is). The presentation and the deck use `publication_rules` always."""
    if st.session_state.get(PUBLICATION_KEY):
        return publication_rules()
    return None


# -- the URL ------------------------------------------------------------------------------


def unusable_url_value(
    param: str, usable: Callable[[str], bool], *, older: Callable[[str], Any] | None = None
) -> str | None:
    """The value a link gives `param` if the widget bound to it will drop it, else None.

    Call it before the widget: Streamlit drops an invalid bound value silently, and a shared
    link that shows something else than was shared must say so. `older` reads a value as
    links wrote it before Streamlit kept the widgets in the URL (`?van=2024-12`, now
    `?van=december+2024`); what it reads (not None) goes to the widget through the session
    state, so such a link still opens as it was shared.
    """
    raw = st.query_params.get(param)
    # Only a link is checked: once the widget has a value, the URL follows the widget (and
    # may for a moment still hold a value the widget has left).
    if raw is None or usable(raw) or param in st.session_state:
        return None
    value = None if older is None else older(raw)
    if value is None:
        return raw
    st.session_state[param] = value
    return None


def say_url_value_dropped(what: str, asked: str, shown: str) -> None:
    st.info(
        f"De link vroeg om {what} „{asked}”; die waarde kent deze pagina niet, dus staat hier "
        f"{shown}.",
        icon=":material/link_off:",
    )
