"""Meerjarige trends: computed years from the data, earlier years from imported annual
reports (marked as published), and a difference flagged where a year has both."""

from __future__ import annotations

import datetime as dt
import itertools

import polars as pl

from dashboard.charts import fit
from dashboard.charts import trends as trends_charts
from dashboard.charts.canvas import Canvas
from dashboard.charts.template import FONT_SIZE
from dashboard.reports import same_period, trends


def test_figure_draws_each_kind_apart_and_the_published_difference() -> None:
    rows = pl.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "value": [2660.0, 1821.0, 990.0],
            "kind": ["jaarverslag", "gegevens", "lopend"],
            "status": ["niet in de gegevens", "verschil", "niet gepubliceerd"],
            "published_value": [2660.0, 2700.0, None],
            "difference": [None, -879.0, None],
        }
    )
    fig = trends_charts.trend_figure(rows, "Lijn 2-zaken", "22-11")
    names = [t.name for t in fig.data]
    assert names == [*trends.KINDS.values(), "jaarverslag wijkt af"]
    assert list(fig.data[0].text) == ["1.821"] and list(fig.data[0].x) == [2024]
    assert fig.data[1].marker.pattern.shape == "/"
    assert list(fig.data[3].y) == [2700.0]
    assert list(fig.layout.xaxis.ticktext) == ["2023<br>jaarverslag", "2024", "2025<br>t/m 22-11"]
    assert fig.layout.showlegend

    small = trends_charts.trend_figure(rows, "Lijn 2-zaken", "22-11", compact=True)
    assert list(small.layout.xaxis.ticktext) == ["2023", "2024", "2025<br>t/m<br>22-11"]
    assert not small.layout.showlegend


SEARCHED = [
    trends.Measure("prevention.worried_parent.mother", "Preventie, moeder vreest ontvoering",
                   "3. Preventie"),
    trends.Measure("abduction.outgoing.hague.cases", "Uitgaand naar een HKOV-land, zaken",
                   "5. Internationale kinderontvoering"),
    trends.Measure("abduction.children", "IKO-zaken, betrokken kinderen",
                   "5. Internationale kinderontvoering", None, ("Ontvoerde kinderen",)),
    trends.Measure("abduction.cases", "IKO-zaken, ouders namen contact op",
                   "5. Internationale kinderontvoering", None, ("Ontvoeringszaken",)),
]  # fmt: skip


def test_the_search_finds_a_measure_by_every_name_and_abduction_before_prevention() -> None:
    # the name on /jaaroverzicht, in any case and with any spacing
    assert [m.measure for m in trends.search(SEARCHED, "  ontvoerde   KINDEREN ")] == [
        "abduction.children"
    ]
    # a key figure's title leads, then names that start so, the chapter, a word in a name
    assert [m.measure for m in trends.search(SEARCHED, "ontvoer")] == [
        "abduction.cases",
        "abduction.children",
        "abduction.outgoing.hague.cases",
        "prevention.worried_parent.mother",
    ]
    assert trends.search(SEARCHED, "") == SEARCHED
    assert trends.search_answer_nl("", SEARCHED) is None


def test_the_search_answers_in_dutch_when_it_finds_nothing() -> None:
    found = trends.search(SEARCHED, "quux")
    assert found == []
    assert trends.search_answer_nl("quux", found).startswith("Geen maat gevonden voor „quux”")


def test_a_measure_is_downloaded_under_its_dutch_label() -> None:
    measure = trends.Measure("abduction.by_family.cases", "Ontvoering door familie, zaken", None)
    assert measure.file_stem == "ontvoering-door-familie-zaken"
    assert trends.slug("Preventie, dreiging naar Nederland (%)") == (
        "preventie-dreiging-naar-nederland"
    )


def test_a_monthly_average_keeps_its_decimal() -> None:
    assert trends.decimals(pl.Series([156.58, 150.0])) == 1
    assert trends.decimals(pl.Series([9524.0, None])) == 0


def test_a_change_of_definition_is_marked_once_and_only_where_both_sides_show() -> None:
    rows = pl.DataFrame(
        {
            "year": [2019, 2020, 2024, 2025],
            "value": [146.0, 152.0, 148.0, 190.0],
            "kind": ["jaarverslag", "jaarverslag", "gegevens", "gegevens"],
            "status": ["niet in de gegevens"] * 2 + ["gelijk"] * 2,
            "published_value": [146.0, 152.0, 148.0, 190.0],
            "difference": [None, None, 0.0, 0.0],
            "definition_changed_year": [2024] * 4,
            "definition_change_nl": ["registratie vanaf 2024"] * 4,
        }
    )
    fig = trends_charts.trend_figure(rows, "Ontvoeringszaken", "22-11")
    assert [s.x0 for s in fig.layout.shapes] == [2023.5]
    # what changed stands in the legend, not in a note that can lie over it
    assert not fig.layout.annotations
    assert [t.name for t in fig.data if t.type == "scatter"] == [
        "registratie vanaf 2024: de jaren ervoor tellen anders"
    ]
    after_only = trends_charts.trend_figure(rows.filter(pl.col("year") >= 2024), "x", "22-11")
    assert not after_only.layout.shapes
    unchanged = trends_charts.trend_figure(
        rows.with_columns(definition_changed_year=pl.lit(None, pl.Int32)), "x", "22-11"
    )
    assert not unchanged.layout.shapes


def ten_years(kinds: dict[int, str] | None = None) -> pl.DataFrame:
    """2015-2026 of one measure: published to 2023, computed after, 2026 running."""
    years = list(range(2015, 2027))
    kinds = kinds or {y: "jaarverslag" if y < 2024 else "gegevens" for y in years} | {
        2026: "lopend"
    }
    return pl.DataFrame(
        {
            "year": years,
            "measure": ["cases.total"] * len(years),
            "value": [7446.0, 7446, 7446, 7446, 7446, 3372, 5124, 6872, 8628, 10829, 9524, 8323],
            "kind": [kinds[y] for y in years],
            "status": ["gelijk"] * len(years),
            "published_value": [None] * len(years),
            "difference": [None] * len(years),
            "definition_changed_year": [2024] * len(years),
            "definition_change_nl": ["registratie vanaf 2024"] * len(years),
        }
    )


def apart(ticks: list[str], positions: list[int], bar_px: float, size: float) -> bool:
    """Labels centred on their bars, `bar_px` apart, do not touch."""
    return all(
        (b - a) * bar_px >= (fit.text_width(s, size) + fit.text_width(t, size)) / 2
        for (a, s), (b, t) in itertools.pairwise(zip(positions, ticks, strict=True))
    )


def test_twelve_years_name_and_label_only_what_fits_the_narrowest_page() -> None:
    fig = trends_charts.trend_figure(ten_years(), "Zaken totaal", "22-11")
    axis = fig.layout.xaxis
    # "2015<br>jaarverslag" under each of twelve bars ran together: the legend says it
    assert not any("jaarverslag" in t for t in axis.ticktext)
    assert axis.tickvals[-1] == 2026 and axis.ticktext[-1] == "2026<br>t/m 22-11"
    bar = trends_charts.PAGE_PLOT_PX / 12
    index = [y - 2015 for y in axis.tickvals]
    assert apart(list(axis.ticktext), index, bar, FONT_SIZE)
    bars = [t for t in fig.data if t.type == "bar"]
    labelled = sorted(
        (x - 2015, text) for t in bars for x, text in zip(t.x, t.text, strict=True) if text
    )
    assert {i for i, _ in labelled} >= {0, 10, 11}  # the first, last complete, running year
    assert apart([t for _, t in labelled], [i for i, _ in labelled], bar, FONT_SIZE)


def test_the_trend_pair_on_a_slide_has_every_year_and_a_legend_for_its_marks() -> None:
    rows = pl.concat(
        [ten_years(), ten_years().with_columns(measure=pl.lit("abduction.children"))]
    ).filter(pl.col("year") <= 2025)
    fig = trends_charts.trend_pair_figure(
        rows,
        {"cases.total": "Zaken", "abduction.children": "Kinderen"},
        "t/m 22 nov",
        canvas=Canvas.slide(None),
    )
    for axis in ("x", "x2"):
        bars = [t for t in fig.data if t.type == "bar" and t.xaxis == axis]
        assert sorted(x for t in bars for x in t.x) == list(range(2015, 2026))
    assert [s.x0 for s in fig.layout.shapes] == [2023.5, 2023.5]
    assert fig.layout.showlegend
    entries = [t.name for t in fig.data if t.showlegend is not False]
    assert entries == ["berekend", "jaarverslag", "registratie vanaf 2024"]
    # at 28 px the slide's years and values stay apart in a panel half the slide wide
    room = trends_charts.Room.of(Canvas.slide(None), panels=2)
    assert room.text_px >= 28
    ticks = fig.layout.xaxis.ticktext
    assert apart(list(ticks), [y - 2015 for y in fig.layout.xaxis.tickvals], room.plot_px / 11,
                 room.text_px)  # fmt: skip


def test_computed_years_alone_need_no_legend_on_the_slide() -> None:
    rows = ten_years({y: "gegevens" for y in range(2015, 2027)}).filter(pl.col("year") >= 2024)
    rows = rows.filter(pl.col("year") <= 2025)
    fig = trends_charts.trend_pair_figure(
        rows, {"cases.total": "Zaken"}, "t/m 22 nov", canvas=Canvas.slide(None)
    )
    assert not fig.layout.showlegend and not fig.layout.shapes


def test_a_change_on_a_small_base_is_said_in_counts_not_as_a_percentage() -> None:
    # from 1 to 2 is one more, not "+100,0 %"
    assert same_period.change_text(2, 1) == "+1"
    assert same_period.change_words(2, 1, 2025) == "van 1 naar 2 (+1) tegenover 2025"
    assert same_period.change_text(1, 3) == "-2"
    # from nothing there is no percentage, but there is a count
    assert same_period.change_text(3, 0) == "+3"
    assert same_period.change_text(2.5, 1.5) == "+1,0"  # a monthly average keeps its decimal
    assert same_period.change_text(7, 7) == "±0"
    assert same_period.change_words(7, 7, 2025) == "evenveel als in 2025"
    # from the base up a percentage says more than the count
    assert same_period.change_text(22, same_period.SMALL_BASE) == "+10,0 %"
    assert same_period.change_words(150, 100, 2025) == "+50,0 % tegenover 2025"
    assert same_period.change_text(None, 4) is None and same_period.change_text(4, None) is None


def test_same_period_chart_says_a_change_from_one_to_two_as_plus_one() -> None:
    rows = pl.DataFrame(
        {
            "year": [2025, 2026],
            "period_end": [dt.date(2025, 11, 22), dt.date(2026, 11, 22)],
            "is_running_year": [False, True],
            "value": [1.0, 2.0],
            "previous_value": [None, 1.0],
            "change_pct": [None, 100.0],
        }
    )
    fig = trends_charts.same_period_figure(rows, "Bijzondere curator")
    assert list(fig.data[0].text) == ["1", "2<br>+1"]
    assert "%" not in " ".join(fig.data[0].text) + " ".join(fig.data[0].hovertext)
    assert fig.data[0].hovertext[1].endswith("(van 1 naar 2 (+1) tegenover 2025)")
