"""Meerjarige trends: computed years from the data, earlier years from imported annual
reports (marked as published), and a difference flagged where a year has both."""

from __future__ import annotations

import polars as pl

from dashboard.charts import trends as trends_charts
from dashboard.reports import trends


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
    assert len(fig.layout.annotations) == 1
    after_only = trends_charts.trend_figure(rows.filter(pl.col("year") >= 2024), "x", "22-11")
    assert not after_only.layout.shapes
    unchanged = trends_charts.trend_figure(
        rows.with_columns(definition_changed_year=pl.lit(None, pl.Int32)), "x", "22-11"
    )
    assert not unchanged.layout.shapes
