"""The country page (issue #5): threat against abduction per country.

The reports run on real DuckDB: over the demo export against the annual report 2025 (values
read from data/reference, never retyped), and over a small export made here with given rows
and expected results. The page runs in AppTest; the map in a real Chromium with every request
to another host blocked.
"""

from __future__ import annotations

import json
import re

from chart_support import chart_specs
from streamlit.testing.v1 import AppTest

from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
PAGE = "page_scripts/landen.py"


# -- the page in AppTest --------------------------------------------------------------------


def open_landen(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update(query)
    at.switch_page(PAGE).run()  # at the page, as its link opens it
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_2025_tells_the_main_story():
    at = open_landen(jaar="2025")
    assert [h.value for h in at.header] == ["Dreiging en ontvoering per land, 2025"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Meest gevreesd (dreiging)"] == "Marokko"
    assert metrics["Meest uitgaande ontvoering"] == "Polen"
    markdown = " ".join(m.value for m in at.markdown)
    assert "Tegenover 2024" in markdown and "Syrië, Rusland, Indonesië, Algerije" in markdown
    assert any("geen verschillen" in s.value for s in at.success)
    captions = [c.value for c in at.caption]
    assert sum("Alleen zaken waarin een ouder contact opnam." in c for c in captions) >= 5
    assert at.query_params.get("jaren") is None
    assert "Nieuwe landen in 2025" in [s.value for s in at.subheader]
    new = next(d.value for d in at.dataframe if "Lijst" in d.value.columns)
    assert ("Spanje", "uitgaande ontvoering") in set(zip(new["Land"], new["Lijst"], strict=True))
    assert any(
        c.value.startswith("Nieuw (in de grafiek en in de tabel „Nieuwe landen in 2025”): een land")
        for c in at.caption
    )


def test_chart_and_table_call_the_same_countries_new():
    at = open_landen(jaar="2025")
    table = next(d.value for d in at.dataframe if "Lijst" in d.value.columns)
    listed = set(zip(table["Lijst"], table["Land"], strict=True))
    slope = next(
        json.loads(spec)["layout"]
        for spec in chart_specs(at)
        if "yaxis2" in json.loads(spec)["layout"]
    )
    marked, shown = set(), set()
    for axis, list_nl in (("yaxis", "dreiging"), ("yaxis2", "uitgaande ontvoering")):
        for text in slope[axis]["ticktext"]:
            name = re.match(r"\d+=?\. (.+) \(", text)
            if name:  # "3. Spanje (13) <b>nieuw</b>"; not the row "buiten de top"
                shown.add((list_nl, name[1]))
                if "nieuw" in text:
                    marked.add((list_nl, name[1]))
    # Spanje, Italië and Hongarije had no outgoing case in 2024; Syrië and Frankrijk did, and
    # only came into the top
    assert marked == shown & listed
    assert {n for _, n in marked} >= {"Spanje", "Italië"}
    assert not {n for _, n in marked} & {"Syrië", "Frankrijk"}


def test_page_keeps_a_multi_year_period_in_the_url():
    at = open_landen(jaar="2025", jaren="2")
    assert [h.value for h in at.header] == ["Dreiging en ontvoering per land, 2024–2025"]
    assert at.query_params["jaren"] == "2"
    assert any("Geen vergelijking met 2022–2023" in c.value for c in at.caption)
    assert "Periode: 2024–2025" in [c.value for c in at.sidebar.caption]


def test_page_says_when_the_link_asks_for_more_years_than_there_are():
    at = open_landen(jaar="2025", jaren="5")
    assert [h.value for h in at.header] == ["Dreiging en ontvoering per land, 2025"]
    assert "jaren" not in at.query_params
    assert any(i.value.startswith("De link vroeg om aantal jaren „5”") for i in at.info)


def test_page_first_and_running_year():
    at = open_landen(jaar="2024")
    assert any("Geen vergelijking met 2023" in c.value for c in at.caption)
    at = open_landen(jaar="2026")
    assert any("2026 loopt nog" in i.value for i in at.info)
    # the treaty list of a day that has been, not of 31 December still to come
    table_note = [c.value for c in at.caption if "verdragslijst per" in c.value]
    assert len(table_note) == 1 and "verdragslijst per 22 november 2026." in table_note[0]


def test_page_table_fits_by_sharing_cells_and_a_children_tab():
    at = open_landen(jaar="2025")
    # only the open tab is drawn (after the table of new countries)
    _new, cases = (d.value for d in at.dataframe)
    assert list(cases.columns) == [
        "Land", "HKOV", "Dreiging", "Uitgaand", "Inkomend", "Dreiging 2024", "Uitgaand 2024",
    ]  # fmt: skip
    assert [t.label for t in at.tabs] == ["Zaken en plaats", "Kinderen"]
    at.session_state["landen_tabel"] = "Kinderen"
    at.run()
    _new, children = (d.value for d in at.dataframe)
    assert list(children.columns) == ["Land", "Dreiging", "Uitgaand", "Inkomend"]
    assert any("verdragslijst per 31 december 2025." in c.value for c in at.caption)


# -- publication mode ------------------------------------------------------------------------

# A count from 1 to 4 as a word of its own; years, "Lijn 1", places and decimals are no counts.
_SMALL = re.compile(r"(?<![\d.,<−\-/=])[1-4](?![\d.,=])")
_NOT_COUNTS = re.compile(r"\d{4}|Lijn \d|plaats \d+|\d+,\d|\d+=|\d+ (?:weken|maanden|dagen)")


def small_counts(texts) -> list[str]:
    return [t for t in texts if _SMALL.search(_NOT_COUNTS.sub(" ", str(t)))]


def test_page_in_publication_mode_shows_no_count_from_one_to_four():
    at = open_landen(jaar="2025", publicatie="1")
    assert at.toggle(key="publicatie").value is True
    assert any(i.value.startswith("Publicatiemodus") for i in at.info)
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [f"{m.label} {m.value} {m.delta}" for m in at.metric]
    assert not small_counts(texts)
    frames = [d.value for d in at.dataframe]
    cases = next(f for f in frames if "Dreiging: plaats" in f.columns)  # the country table
    for frame in frames:
        for column in frame.columns[1:]:
            if "plaats" not in column:  # a place is a rank, not a count
                assert not small_counts(frame[column].tolist()), column
    assert "<5" in cases["Dreiging"].tolist()
    shared = [p for p in cases["Dreiging: plaats"] if p.startswith("gedeeld")]
    assert shared and len(set(shared)) <= 3  # one shared place for all hidden counts, ties


def test_staff_view_is_unchanged_without_publication_mode():
    at = open_landen(jaar="2025")
    assert not any(i.value.startswith("Publicatiemodus") for i in at.info)
    cases = at.dataframe[0].value
    assert "<5" not in cases.to_string()
