"""Every chart on the pages downloads as a slide: 16:9, with its title, the period it shows,
the source, the data date and the demo mark, under a name that says what it is."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from chart_png_support import LABEL, open_page, slide_of
from chart_support import chart_specs
from presentation_support import NOT_COUNTS, SMALL_COUNT, figure_texts

from dashboard import pages

CHART_PAGES = [p for p in pages.PAGES if p.url_path not in {"presentatie", "gegevens"}]


@pytest.fixture(scope="module")
def data_until(demo_db) -> dt.date:
    return demo_db.run("export_meta")["data_until"][0]


@pytest.mark.parametrize("page", CHART_PAGES, ids=lambda p: p.url_path)
def test_every_chart_offers_a_slide_png_named_for_what_it_shows(page, downloads):
    at = open_page(page, downloads)

    charts = chart_specs(at)
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL]
    assert charts and len(buttons) == len(charts) == len(downloads)
    # made on click: Streamlit holds a function for the file, not the file
    assert all(b.proto.deferred_file_id and b.proto.ignore_rerun for b in buttons)
    # one name per title and period (trends shows a measure twice: the same name)
    names = [name for name, _ in downloads]
    shown = {(slide_of(d)[1].title, slide_of(d)[1].period) for d in downloads}
    assert len(set(names)) == len(shown), names
    for name in names:
        assert re.fullmatch(rf"iko-[0-9a-z-]+-{page.url_path}-[0-9a-z-]+-demo\.png", name), name


def test_file_name_says_period_page_chart_and_filter(downloads, data_until):
    caseload = next(p for p in pages.PAGES if p.url_path == "caseload")
    open_page(caseload, downloads, van="januari 2025", tot="december 2025", lijn="Lijn 1")
    names = [name for name, _ in downloads]
    assert names[0] == "iko-2025-01-tm-2025-12-caseload-nieuwe-zaken-per-maand-lijn-1-demo.png"

    landen = next(p for p in pages.PAGES if p.url_path == "landen")
    open_page(landen, downloads, jaar=str(data_until.year))  # the running year
    running = f"{data_until.year}-tm-{data_until.isoformat()}"
    assert f"iko-{running}-landen-hkov-landen-en-andere-landen-demo.png" in [
        name for name, _ in downloads
    ]


@pytest.mark.parametrize("page", CHART_PAGES, ids=lambda p: p.url_path)
def test_in_publication_mode_no_slide_shows_a_count_from_one_to_four(page, downloads):
    at = open_page(page, downloads, jaar="2025", publicatie="1")
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL]
    offered = [b for b in buttons if not b.proto.disabled]
    # a chart that does not protect its small counts offers no PNG (the button says why)
    assert len(offered) == len(downloads) and len(buttons) == len(chart_specs(at))
    if page.url_path in {"landen", "mediation"}:  # their charts protect what they show
        assert offered
    for download in downloads:
        assert download[0].endswith("-demo-publicatie.png"), download[0]
        fig, chart = slide_of(download)
        for text in [chart.title, *figure_texts(fig)]:
            # not counts: markup, years, week numbers, decimals, percentages, durations
            plain = re.sub(NOT_COUNTS, " ", text)
            plain = re.sub(r"\d+\.", " ", plain)  # a place in a ranking ("3. Suriname")
            assert not SMALL_COUNT.search(plain), (download[0], text)
