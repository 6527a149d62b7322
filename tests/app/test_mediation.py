"""The mediation page (issue #6): the Wilson interval, the report queries on the demo data and
on small Parquet written here, the chart builders, the page in AppTest and in Chromium."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import pages
from dashboard.charts import mediation as mediation_charts
from dashboard.charts import mediation_detail
from dashboard.charts.canvas import Canvas
from dashboard.paths import REPO_ROOT
from dashboard.presentation import lecture
from dashboard.publication import Publication
from dashboard.reports import mediation
from dashboard.reports.mediation_release import mediation_release

APP = REPO_ROOT / "dashboard" / "app.py"
PAGE = next(p for p in pages.PAGES if p.url_path == "mediation")


# -- the page -----------------------------------------------------------------------------


def open_mediation(year: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"jaar": year})
    at.switch_page(PAGE.script).run()  # at the page, as its link opens it
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
    # the rate as a director says it; the statistics only behind "Hoe berekend?"
    assert "4 van 27 geslaagd, **ongeveer 1 op de 7**; waarschijnlijk tussen" in markdown
    explained = [e for e in at.expander if e.label == "Hoe berekend?"]
    inside = {m.value for e in explained for m in e.markdown}
    assert any("Wilson" in t for t in inside) and any("Fisher" in t for t in inside)
    outside = [m.value for m in at.markdown if m.value not in inside]
    outside += [c.value for c in at.caption]
    assert not [t for t in outside if re.search(r"Wilson|Fisher|p = \d|p < 0", t)]
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
_NOT_COUNTS = re.compile(
    r"\d{4}|\d+,\d|\d+ (?:weken|maanden|dagen)|vanaf \d jaar|95%|\d+ op de \d+"
)


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


# -- no axes without marks ------------------------------------------------------------------


def _marks(fig) -> int:
    """The drawn data of a figure: flows of a Sankey diagram, points and bars of the rest."""
    count = 0
    for trace in fig.data:
        if trace.type == "sankey":
            count += sum(1 for v in trace.link.value if v >= 1)
        else:
            count += sum(1 for v in (trace.x if trace.x is not None else ()) if v is not None)
    return count


def _says_why(fig) -> bool:
    """No chart, a sentence instead: no axis shown, a text in the figure."""
    hidden = fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    return hidden and any(a.text for a in fig.layout.annotations)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
@pytest.mark.parametrize("publication", [None, Publication()], ids=["staff", "publicatie"])
def test_every_mediation_chart_and_slide_has_marks(demo_db, year, publication):
    run = demo_db.run
    steps, rates = mediation.funnel(run, year), mediation.success_rates(run)
    release = mediation_release(steps, rates, None, year, publication)
    shown = release.stages()
    charts = {
        **{f"flow {t}": mediation_charts.funnel_figure(steps, t, shown=shown[t])
           for t in ("IKO", "NIKO", "samen")},
        "rate": mediation_charts.success_rate_figure(rates, year, release=release),
    }  # fmt: skip
    if publication is None:  # in publication mode the page shows these as tables, or not
        charts |= {
            "trend": mediation_charts.success_trend_figure(rates, "t/m 22 nov"),
            "samen": mediation_charts.combined_trend_figure(rates, "t/m 22 nov"),
            "children": mediation_detail.children_figure(mediation.children(run)),
            "durations": mediation_detail.durations_figure(mediation.durations(run, year)),
            "benchmark": mediation_charts.benchmark_figure(mediation.benchmarks(run), rates, year),
        }
    deck = lecture.deck(run, year, publication or Publication())
    for slide in deck.slides:
        if slide.key in ("mediation", "slagingspercentage"):
            charts[f"dia {slide.key}"] = slide.figure(Canvas.slide(None))
    assert {"dia mediation", "dia slagingspercentage"} <= set(charts)
    empty = [name for name, fig in charts.items() if not _marks(fig) and not _says_why(fig)]
    assert not empty, f"{year}: assen zonder gegevens in {empty}"
    # the lecture is always in publication mode: its success rate has a dot where any is
    # released (the year's or the years' together), and says why where none is
    deck_release = mediation_release(steps, rates, None, year, Publication())
    released = any(deck_release.shows_rate(t) for t in ("IKO", "NIKO", "samen")) or bool(
        deck_release.pooled and deck_release.pooled.rows
    )
    assert bool(_marks(charts["dia slagingspercentage"])) == released, year
