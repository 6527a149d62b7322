"""Publication mode: small counts hidden, and no hidden count recomputable from what is shown."""

from __future__ import annotations

import itertools
import random

import polars as pl
import pytest

from dashboard import publication
from dashboard.disclosure import exposed
from dashboard.publication import (
    COMPLEMENTARY,
    TOTAL,
    Equation,
    Publication,
    grid_equations,
    grid_values,
    recoverable,
    suppressed,
)

PUB = Publication(threshold=5, min_denominator=10)


def test_small_counts_read_below_the_threshold():
    assert [PUB.count(n) for n in (0, 1, 4, 5, 1234)] == ["0", "<5", "<5", "5", "1.234"]
    assert Publication(threshold=10).count(9) == "<10"


def test_share_needs_a_denominator_of_ten_and_shown_counts():
    assert PUB.share(12, 40) == "12 van 40 (30 %)"
    assert PUB.share(1, 16) == "<5 van 16"  # 6 % of 16 would give the 1 away
    assert PUB.share(15, 16) == "15 van 16"  # and 94 % the one that failed
    assert PUB.share(6, 8) == "6 van 8"  # too few for a percentage
    assert PUB.share(5, 10, "beëindigd") == "5 van 10 beëindigd (50 %)"


def _shown_grid_is_safe(cells: list[list[int]], *, row_totals=True, column_totals=True):
    rows, cols = range(len(cells)), range(len(cells[0]))
    df = pl.DataFrame({f"c{j}": [cells[i][j] for i in rows] for j in cols}).with_row_index("r")
    values = grid_values(df, "r", [f"c{j}" for j in cols])
    equations = grid_equations(
        list(rows), [f"c{j}" for j in cols], row_totals=row_totals, column_totals=column_totals
    )
    shown_values = {k: v for k, v in values.items() if row_totals or k[1] != TOTAL}
    hidden = suppressed(shown_values, equations, 5)
    release = publication.released(shown_values, equations, 5)
    assert set(release.hidden) == hidden
    # the audit: no hidden small count has a feasible range inside 1-4
    assert exposed([release]) == [], cells
    return shown_values, equations, hidden


def _small_recoverable(values, hidden, equations):
    return {k for k in recoverable(values, hidden, equations) if 0 < values[k] < 5}


def test_a_single_small_cell_in_a_row_gets_a_complement():
    # 3 of 40 in a row whose total is shown: hiding the 3 alone gives it away (40 - 37)
    values, equations, hidden = _shown_grid_is_safe([[3, 37], [20, 25]])
    assert (0, "c0") in hidden
    assert len(hidden) >= 2
    assert not _small_recoverable(values, hidden, equations)


def test_recoverable_finds_a_cell_pinned_by_row_and_column_together():
    values = {"a": 3, "b": 10, "t": 13, "c": 7, "u": 10}
    equations = [Equation("t", ("a", "b")), Equation("u", ("a", "c"))]
    assert recoverable(values, {"a", "b"}, equations) == {"a", "b"}  # a = u - c, then b
    assert recoverable(values, {"a", "b", "c"}, equations) == set()


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_cell_of_a_random_table_can_be_solved(seed):
    """Tries to solve for each hidden cell from the row and column totals (and the grand
    total) shown: for random tables with many small counts, none may come out."""
    rng = random.Random(seed)
    n_rows, n_cols = rng.randint(1, 6), rng.randint(1, 5)
    cells = [
        [rng.choice([0, 1, 2, 3, 4, 5, 8, 12, 30]) for _ in range(n_cols)] for _ in range(n_rows)
    ]
    values, equations, hidden = _shown_grid_is_safe(cells)
    assert all(k in hidden for k, v in values.items() if 0 < v < 5)
    assert not _small_recoverable(values, hidden, equations)
    # and by elimination as a person would: no equation whose one hidden cell is small
    for eq in equations:
        alone = [c for c in eq.cells if c in hidden]
        assert not (len(alone) == 1 and 0 < values[alone[0]] < 5), (cells, eq)


def test_every_cell_of_a_grid_is_published_as_text():
    df = pl.DataFrame({"land": ["A", "B", "C"], "dreiging": [40, 3, 2], "uitgaand": [10, 0, 7]})
    out = publication.protect_frame(df, PUB, column_totals=True, row_key="land")
    assert out["dreiging"].to_list() == ["40", "<5", "<5"]
    # no small count in this column: nothing in it is hidden
    assert out["uitgaand"].to_list() == ["10", "0", "7"]
    df2 = pl.DataFrame({"land": ["A", "B", "C"], "n": [40, 3, 9]})
    out2 = publication.protect_frame(df2, PUB, column_totals=True, row_key="land")
    # the column total (52) is published: the 3 would be 52 - 40 - 9, so the 9 goes too
    assert out2["n"].to_list() == ["40", "<5", COMPLEMENTARY]


def test_a_funnel_hides_what_its_stage_totals_would_give_away():
    pub = Publication()
    values = {"requests": 40, "started": 30, "not_started": 10, "conducted": 27, "stopped": 3}
    equations = [
        Equation("requests", ("started", "not_started")),
        Equation("started", ("conducted", "stopped")),
    ]
    texts = pub.counts(values, equations)
    assert texts["stopped"] == "<5"
    hidden = {k for k, t in texts.items() if t in {"<5", COMPLEMENTARY}}
    assert not _small_recoverable(values, hidden, equations)
    assert exposed([publication.released(values, equations, 5)]) == []


def test_the_ranking_keeps_its_order_and_merges_hidden_places():
    df = pl.DataFrame(
        {
            "country_nl": ["Marokko", "Polen", "Turkije", "Zweden", "Albanië", "Chili", "Peru"],
            "n": [38, 12, 12, 4, 1, 3, 0],
        }
    )
    out = publication.ranking(df, "n", PUB)
    assert out["country_nl"].to_list() == [
        "Marokko", "Polen", "Turkije", "Albanië", "Chili", "Zweden",
    ]  # fmt: skip
    assert out["place"].to_list() == [
        "1", "gedeeld 2e", "gedeeld 2e", "gedeeld 4e", "gedeeld 4e", "gedeeld 4e",
    ]  # fmt: skip
    assert out["count_text"].to_list() == ["38", "12", "12", "<5", "<5", "<5"]


def test_no_number_from_one_to_four_in_any_published_text():
    words = [PUB.count(n) for n in range(0, 60)] + [
        PUB.share(a, b) for a, b in itertools.product(range(0, 30), range(1, 30)) if a <= b
    ]
    for text in words:
        for token in text.replace("(", " ").replace(")", " ").split():
            assert token not in {"1", "2", "3", "4"}, text
