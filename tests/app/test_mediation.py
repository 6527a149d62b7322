"""The mediation page (issue #6): the Wilson interval, the report queries on the demo data and
on small Parquet written here, the chart builders, the page in AppTest and in Chromium."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"
PAGE = next(p for p in pages.PAGES if p.url_path == "mediation")


# -- the page -----------------------------------------------------------------------------


def open_mediation(year: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"jaar": year})
    at.run()
    at.switch_page(PAGE.script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_2025_states_the_published_figures():
    at = open_mediation("2025")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Verzoeken"] == "45"
    assert metrics["Gestart"] == "29"
    assert metrics["Gestopt na de intake"] == "2"
    assert metrics["Geslaagd"] == "4 van 27"
    markdown = "\n".join(m.value for m in at.markdown)
    assert "= 16 voortgezet" in markdown and "noemer is **16 beëindigd**" in markdown
    assert "= 11 voortgezet" in markdown and "noemer is **11 beëindigd**" in markdown
    captions = "\n".join(c.value for c in at.caption)
    assert "27 IKO · 18 NIKO" in captions
    assert "IKO 1 van 16 · NIKO 3 van 11" in captions
    assert "**Meer dan toeval?** Van 2024 naar 2025 daalde" in markdown
    table = next(d.value for d in at.dataframe if "Samen" in d.value.columns)
    assert table["Samen"].tolist()[-1].startswith("7 van 21")
    # no percentage on the page without its base: every "%" in a caption has an "x van n"
    for text in [c.value for c in at.caption]:
        if re.search(r"\d %", text):
            assert re.search(r"\d+ van \d+", text), text


def test_page_2026_says_the_year_is_open_and_shows_the_context_on_request():
    at = open_mediation("2026")
    assert any("2026 loopt nog" in i.value for i in at.info)
    assert not any("Andere populaties" in w.value for w in at.warning)
    at.toggle(key="mediation_context").set_value(True).run()
    assert not at.exception
    assert any("Andere populaties" in w.value for w in at.warning)


_SMALL = re.compile(r"(?<![\d.,<−\-/=])[1-4](?![\d.,=])")
_NOT_COUNTS = re.compile(r"\d{4}|\d+,\d|\d+ (?:weken|maanden|dagen)|vanaf \d jaar|95%")


def test_page_in_publication_mode_shows_no_count_from_one_to_four():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"jaar": "2025", "publicatie": "1"})
    at.run()
    at.switch_page(PAGE.script).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Geslaagd"] == "<5 van 27"  # 4 of 27 for staff
    assert metrics["Gestopt na de intake"] == "<5"
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [f"{m.label} {m.value}" for m in at.metric]
    for frame in (d.value for d in at.dataframe):
        texts += [str(v) for column in frame.columns[1:] for v in frame[column].tolist()]
    assert not [t for t in texts if _SMALL.search(_NOT_COUNTS.sub(" ", t))]
