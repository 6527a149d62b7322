"""The IKO-lezing: the slides, the page /presentatie and the deck command."""

from __future__ import annotations

import re

import pytest
from presentation_support import NOT_COUNTS, SMALL_COUNT, figure_texts

from dashboard.charts import template
from dashboard.format import date_nl
from dashboard.presentation import lecture, slides
from dashboard.publication import Publication


@pytest.fixture(scope="module")
def deck(demo_db) -> slides.Deck:
    template.use_iko_template()
    return lecture.deck(demo_db.run, 2025, Publication())


@pytest.fixture(scope="module")
def asked(demo_db) -> slides.Deck:
    """The deck with the "Waarom" slide the presenter can add: every slide there is."""
    template.use_iko_template()
    return lecture.deck(demo_db.run, 2025, Publication(), why=True)


def test_the_deck_has_the_slides_the_lecture_needs(deck):
    keys = [s.key for s in deck.slides]
    assert keys == [
        "kerncijfers", "maanden", "vakantiepieken", "landen", "hkov", "mediation",
        "slagingspercentage", "trend",
    ]  # fmt: skip
    titles = {s.key: s.title for s in deck.slides}
    # messages computed from the demo data (calibrated on the annual report 2025)
    assert titles["kerncijfers"] == "2025: 9.524 zaken, 12 % minder dan in 2024"
    assert titles["landen"] == "Marokko het meest gevreesd, Polen het vaakst bestemming"
    # 2025's own rate is hidden (<5 of 27): the years together, released with it, stand in
    assert titles["slagingspercentage"] == (
        "Slagingspercentage 2024–2025 samen: 11 van 48 (23 %) geslaagd"
    )
    assert deck.source_line == (
        "2025 · Bron: registratiesysteem Centrum IKO · gegevens tot en met "
        + date_nl(deck.data_until)
    )


def test_the_waarom_slide_follows_the_key_figures_when_asked_and_its_parts_add_up(deck, asked):
    assert "waarom" not in [s.key for s in deck.slides]  # not asked: the deck as it was
    assert [s.key for s in asked.slides] == [
        "kerncijfers", "waarom", *[s.key for s in deck.slides[1:]]
    ]  # fmt: skip
    slide = asked.slides[1]
    assert (
        slide.title
        == "1.305 zaken minder: Lijn 1, toestemming voor vakantie, kreeg er 1.263 minder; …"
    )
    (waterfall,) = slides.slide_figure(asked, slide).data
    values, labels = list(waterfall.x), list(waterfall.y)
    assert (labels[0], values[0], labels[-1], values[-1]) == ("2024", 10829, "2025", 9524)
    assert sum(values[1:-1]) == pytest.approx(-1305)
    # the largest parts on their own, the calendar's bar among them, the rest pooled last
    assert "kalender" in labels and labels[-2] == "overige" and len(labels) == 2 + 4 + 2
    # the notes: the whole sentence and the method, as plain text for PowerPoint's notes
    assert slide.notes.startswith("1.305 zaken minder: Lijn 1, toestemming voor vakantie,")
    assert "Kalender (alleen Lijn 1)" in slide.notes and "**" not in slide.notes


def test_no_count_from_one_to_four_on_any_slide_or_in_its_notes(asked):
    for slide in asked.slides:
        fig = slides.slide_figure(asked, slide)
        texts = [slide.title, slide.notes, *figure_texts(fig)]
        for text in texts:
            # not counts: markup, years, week numbers, decimals, percentages, durations
            plain = re.sub(NOT_COUNTS, " ", text)
            plain = re.sub(r"\d+\.", " ", plain)  # a place in a ranking ("3. Suriname")
            assert not SMALL_COUNT.search(plain), (slide.key, text)


def test_every_slide_is_16_9_with_its_source_and_no_text_under_28_px(asked):
    for slide in asked.slides:
        fig = slides.slide_figure(asked, slide)
        assert (fig.layout.width, fig.layout.height) == (1280, 720)
        subtitle = fig.layout.title.subtitle.text
        assert "Bron: registratiesysteem Centrum IKO" in subtitle
        assert date_nl(asked.data_until) in subtitle
        assert "demonstratiegegevens" in subtitle
        sizes = [a.font.size for a in fig.layout.annotations if a.font.size is not None]
        sizes += [t.textfont.size for t in fig.data if getattr(t, "textfont", None)
                  and isinstance(t.textfont.size, int | float)]  # fmt: skip
        assert all(size >= slides.MIN_TEXT_PX for size in sizes), (slide.key, sizes)
