"""The mediation page (issue #6): the Wilson interval, the report queries on the demo data and
on small Parquet written here, the chart builders, the page in AppTest and in Chromium."""

from __future__ import annotations

import re

import polars as pl
import pytest
from mediation_support import wilson_by_hand

from dashboard.charts import mediation_flow
from dashboard.disclosure import exposed
from dashboard.publication import Publication
from dashboard.reports import mediation, mediation_release, mediation_shown


@pytest.mark.parametrize(
    ("x", "n", "z", "low", "high"),
    [
        (1, 16, mediation.Z_95, 0.0111, 0.2833),
        (2, 10, mediation.Z_95, 0.0567, 0.5098),
        (3, 11, mediation.Z_95, 0.0975, 0.5656),
        # Textbook example (Newcombe 1998 / Altman et al., Statistics with Confidence): 81/263
        (81, 263, 1.96, 0.2553, 0.3662),
    ],
)
def test_wilson_interval_known_values(x, n, z, low, high):
    got = mediation.wilson_interval(x, n, z)
    assert got == pytest.approx((low, high), abs=5e-5)
    assert got == pytest.approx(wilson_by_hand(x, n, z), abs=1e-12)


@pytest.mark.parametrize("n", [1, 5, 16, 100])
def test_wilson_interval_edges(n):
    z = mediation.Z_95
    low, high = mediation.wilson_interval(0, n)
    assert low == 0.0
    assert high == pytest.approx(z**2 / (n + z**2))  # the closed form at 0 of n
    low, high = mediation.wilson_interval(n, n)
    assert high == 1.0
    assert low == pytest.approx(n / (n + z**2))


def test_wilson_interval_without_a_base_or_with_a_wrong_count():
    assert mediation.wilson_interval(0, 0) is None
    for x, n in [(3, 2), (-1, 4), (0, -1)]:
        with pytest.raises(ValueError):
            mediation.wilson_interval(x, n)


def test_wilson_interval_contains_the_share_and_narrows_with_more_data():
    for x, n in [(1, 16), (2, 10), (5, 11), (40, 160)]:
        low, high = mediation.wilson_interval(x, n)
        assert 0 <= low < x / n < high <= 1
    assert mediation.wilson_interval(40, 160)[1] - mediation.wilson_interval(40, 160)[0] < (
        mediation.wilson_interval(1, 4)[1] - mediation.wilson_interval(1, 4)[0]
    )


# Intervals and p-values as the formulas typed into this module gave them before scipy did
# the computing: the library must give the same numbers the pages showed.
@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        (0, 1, 0.0, 0.7934506856227626),
        (1, 16, 0.01111934476464252, 0.28328737570298945),
        (7, 21, 0.17194752605083477, 0.5462654802574476),
        (4, 27, 0.05915927776244326, 0.3247868542781298),
        (2, 13, 0.043258178358081184, 0.4223463101948254),
        (13, 13, 0.7719046276458016, 1.0),
    ],
)
def test_wilson_interval_gives_the_values_of_the_formula_it_replaced(x, n, low, high):
    assert mediation.wilson_interval(x, n) == pytest.approx((low, high), abs=1e-12)


@pytest.mark.parametrize(
    ("a", "n_a", "b", "n_b", "p"),
    [
        (7, 21, 4, 27, 0.17363868406125926),
        (2, 10, 5, 11, 0.36145510835913314),
        (7, 9, 1, 8, 0.015220074043603458),
        (30, 50, 5, 50, 1.9583116674480263e-07),
        (0, 3, 0, 4, 1.0),
        (0, 0, 0, 0, 1.0),
    ],
)
def test_fisher_exact_gives_the_values_of_the_formula_it_replaced(a, n_a, b, n_b, p):
    assert mediation.fisher_exact_p(a, n_a, b, n_b) == pytest.approx(p, rel=1e-9)


def test_rates_are_written_with_their_interval_and_their_base():
    assert mediation.rate_text(1, 16) == "6 % (1–28 %)"
    assert mediation.rate_text(3, 11) == "27 % (10–57 %)"
    assert mediation.rate_text(2, 10) == "20 % (6–51 %)"
    assert mediation.rate_text(0, 0) == "–"
    noun = "gestarte " + mediation.type_noun("IKO", 16)
    assert mediation.count_text(1, 16, noun) == "1 van 16 gestarte IKO-mediations"


@pytest.mark.parametrize(
    ("successes", "n", "said"),
    [
        # the demo's 2025, both types: 15 % (6–32 %)
        (4, 27, "ongeveer 1 op de 7; waarschijnlijk tussen 1 op de 17 en 1 op de 3"),
        (1, 16, "ongeveer 1 op de 16; waarschijnlijk tussen 1 op de 90 en 3 op de 10"),
        (7, 21, "ongeveer 1 op de 3; waarschijnlijk tussen 1 op de 6 en 3 op de 5"),
        # none and all are said as such, with how far the truth may lie from them
        (0, 27, "geen enkele; waarschijnlijk hooguit 1 op de 8"),
        (27, 27, "allemaal; waarschijnlijk ten minste 7 op de 8"),
        # above 19 in 20 the upper bound goes unsaid
        (9, 10, "ongeveer 9 op de 10; waarschijnlijk ten minste 1 op de 2"),
    ],
)
def test_a_rate_is_said_as_one_in_so_many(successes, n, said):
    assert mediation.plain_rate(successes, n) == said


def test_the_plain_bounds_never_claim_more_certainty_than_the_interval():
    for n in (5, 11, 27, 60, 200):
        for successes in range(1, n):
            low, high = mediation.wilson_interval(successes, n)
            words = mediation.plain_rate(successes, n).split("; waarschijnlijk ")[1]
            fractions = [
                int(a) / int(b) for a, b in re.findall(r"(\d+) op de (\d+)", words.replace(".", ""))
            ]
            if words.startswith("tussen"):
                assert fractions[0] <= low and fractions[1] >= high, (successes, n, words)
            elif words.startswith("hooguit"):  # below one in a thousand: no lower bound said
                assert fractions[0] >= high, (successes, n, words)
            else:
                assert words.startswith("ten minste") and fractions[0] <= low, (successes, n)
    assert mediation.plain_rate(0, 0) is None


def test_rate_lines_read_aloud_for_staff_and_hide_what_publication_hides():
    rates = rates_of([(2024, 2, 10, 5, 11), (2025, 1, 16, 3, 11), (2026, 6, 12, 0, 0)])
    staff = mediation_shown.rate_lines(release_of(rates, 2025, None))
    assert staff[0] == (
        "- **IKO en NIKO samen**: 4 van 27 geslaagd, **ongeveer 1 op de 7**; waarschijnlijk "
        "tussen 1 op de 17 en 1 op de 3."
    )
    assert staff[1].startswith("- **IKO**: 1 van 16 geslaagd, **ongeveer 1 op de 16**")
    pub = Publication()
    published = mediation_shown.rate_lines(release_of(rates, 2025, pub))
    # every count of 2025 is hidden: no rate, no fraction, the same words for 1 as for 4
    # (the years together may follow, with their own released counts)
    assert published[0].startswith(
        "- **IKO en NIKO samen**: <5 van 27 geslaagd; te weinig om bij publicatie een "
        "verhouding te noemen."
    )
    assert all("op de" not in line.split(". 2024–2025 samen")[0] for line in published)
    # 2026: NIKO has none ended; IKO's 6 of 12 may be said
    lines = mediation_shown.rate_lines(release_of(rates, 2026, pub))
    assert "- **NIKO**: nog geen beëindigde mediations." in lines
    assert "- **IKO**: 6 van 12 geslaagd, **ongeveer 1 op de 2**" in lines[1]


def test_the_statistics_stand_apart_from_the_plain_sentence():
    rates = rates_of([(2023, 30, 50, 10, 20), (2024, 5, 50, 2, 20)])
    sentence = mediation.change_sentence(rates)
    assert not re.search(r"Fisher|p [<=]|Wilson|teller|noemer", sentence)
    method = mediation.change_test_text(rates)
    assert "toets van Fisher" in method and "p < 0,01" in method
    assert mediation.change_test_text(rates_of([(2023, 1, 2, 1, 2), (2024, 1, 2, 1, 2)])) is None
    summary = mediation_shown.success_metric(release_of(rates, 2024, None))
    assert summary == (
        "7 van 70",
        "van de beëindigde mediations: ongeveer 1 op de 10 · IKO 5 van 50 · NIKO 2 van 20",
    )


def test_the_years_table_says_where_each_year_comes_from_as_trends_does():
    rates = rates_of([(2022, 1, 13, 1, 14), (2025, 1, 16, 3, 11), (2026, 2, 12, 0, 1)])
    rates = rates.with_columns(
        source=pl.when(pl.col("year") == 2022).then(pl.lit("jaarverslag")).otherwise("source"),
        is_partial_year=pl.col("year") == 2026,
    )
    kinds = dict(mediation.rates_by_year(rates).select("year", "kind_nl").iter_rows())
    assert kinds == {2022: "jaarverslag", 2025: "berekend", 2026: "lopend jaar"}
    shown = mediation_shown.published_rates(release_of(rates, 2026, Publication()))
    assert set(shown.filter(year=2022)["kind_nl"]) == {"jaarverslag"}


# The crowded funnel: each drop-out a handful, five nodes in the second column (as in 2026 of
# the demo), four in the last, with the longest texts a count can give. (A sixth node in the
# second column, "overige reden", does not fit a slide of 1280 x 720 under a title of two
# lines at 28 px: its labels need two lines each, the column more than the height.)
CROWDED = {
    "requests": 1234, "started": 1200, "not_started_court_decided_against": 11,
    "not_started_parent_declined": 3, "not_started_withdrawn": 2,
    "not_yet_decided": 17, "conducted": 1100, "stopped_after_intake": 100,
    "full_agreement": 1, "partial_agreement": 3, "no_agreement": 1000, "running": 96,
}  # fmt: skip
# The plot areas the funnel gets (width, height, text px): the page's main column at 1280
# wide; a lecture slide at 1280 x 720 and 1920 x 1080 under a title of two lines; a page's
# chart as a slide of its own.
PLOT_AREAS = [(742, 375, 16), (1060, 428, 28), (1700, 788, 28), (1060, 450, 18)]


@pytest.mark.parametrize(("width", "height", "font_px"), PLOT_AREAS)
@pytest.mark.parametrize("texts", ["counts", "protected"])
def test_funnel_labels_overlap_no_label_and_no_node(width, height, font_px, texts):
    stages = list(CROWDED)
    values = [float(CROWDED[s]) for s in stages]
    shown = {s: "<5" if texts == "protected" and v < 5 else "×" if texts == "protected"
             and s == "not_yet_decided" else f"{v:,}".replace(",", ".")
             for s, v in CROWDED.items()}  # fmt: skip
    labels = [f"{mediation.STAGE_LABELS[s]}: {shown[s]}" for s in stages]
    placed = mediation_flow.place_nodes(
        stages, values, labels, width=width, height=height, font_px=font_px
    )
    assert all(0 < v < 1 for v in placed.x + placed.y)  # plotly ignores 0
    assert [lab.replace("<br>", " ") for lab in placed.labels] == labels  # nothing lost
    boxes, nodes = mediation_flow.label_boxes(placed, values)
    for i, box in enumerate(boxes):
        assert box.left >= 0 and box.top >= 0, labels[i]
        assert box.right <= width and box.bottom <= height, labels[i]
        for j, other in enumerate(boxes[i + 1 :], i + 1):
            assert not box.overlaps(other), (labels[i], labels[j])
        for j, node in enumerate(nodes):
            assert not box.overlaps(node), (labels[i], stages[j])
    # the flows are drawn as thick as the layout planned: plotly.js's own scale from the pad
    assert placed.per_request * values[0] <= height


def test_funnel_nodes_stand_where_they_were_placed():
    steps = pl.DataFrame(
        {
            "mediation_type": "IKO", "step_order": [1, 2, 3, 4, 5],
            "from_stage": ["requests", "requests", "started", "conducted", "conducted"],
            "to_stage": ["started", "not_started_withdrawn", "conducted", "full_agreement",
                         "no_agreement"],
            "request_count": [20, 2, 20, 1, 19],
        }
    ).with_columns(from_label=pl.lit(""), to_label=pl.lit(""))  # fmt: skip
    sankey = mediation_flow.funnel_figure(steps, "IKO").data[0]
    assert sankey.arrangement == "fixed"
    assert len(sankey.node.x) == len(sankey.node.y) == len(sankey.node.label)
    assert all(0 < v < 1 for v in [*sankey.node.x, *sankey.node.y])
    # a column's nodes share an x; the drop-out under the flow that goes on
    x, y = sankey.node.x, sankey.node.y
    assert x[1] == x[2] and y[1] < y[2]


# -- both types together, and whether a change is more than chance ----------------------------


def fisher_by_enumeration(a: int, n_a: int, b: int, n_b: int) -> float:
    """Fisher's two-sided p by brute force: every way to deal the successes over the two
    years' mediations, counted, not computed from binomial coefficients."""
    from itertools import combinations

    total, successes = n_a + n_b, a + b
    tables: dict[int, int] = {}
    for chosen in combinations(range(total), successes):
        in_a = sum(1 for i in chosen if i < n_a)
        tables[in_a] = tables.get(in_a, 0) + 1
    count = sum(tables.values())
    seen = tables[a]
    return sum(v for v in tables.values() if v <= seen) / count


@pytest.mark.parametrize(
    ("a", "n_a", "b", "n_b"), [(3, 4, 1, 4), (7, 9, 1, 8), (2, 10, 5, 11), (0, 6, 6, 6)]
)
def test_fisher_exact_equals_counting_every_table(a, n_a, b, n_b):
    assert mediation.fisher_exact_p(a, n_a, b, n_b) == pytest.approx(
        fisher_by_enumeration(a, n_a, b, n_b)
    )
    assert mediation.fisher_exact_p(3, 4, 1, 4) == pytest.approx(0.4857, abs=1e-4)  # the tea


def rates_of(rows: list[tuple[int, int, int, int, int]]) -> pl.DataFrame:
    """(year, IKO successes, IKO ended, NIKO successes, NIKO ended) -> success_rates frame."""
    frames = []
    for year, s1, n1, s2, n2 in rows:
        for kind, succ, ended in (("IKO", s1, n1), ("NIKO", s2, n2), ("samen", s1 + s2, n1 + n2)):
            frames.append({
                "year": year, "mediation_type": kind, "source": "gegevens", "conducted": ended,
                "successful": succ, "unsuccessful": ended - succ, "ended": ended,
                "partial_agreement": 0, "running": 0, "is_partial_year": False,
            })  # fmt: skip
    return mediation.success_rates(lambda _name: pl.DataFrame(frames))


def release_of(
    rates: pl.DataFrame, year: int, pub: Publication | None
) -> mediation_release.MediationRelease:
    """The released set of `rates` alone (no funnel, no children)."""
    return mediation_release.mediation_release(pl.DataFrame(), rates, None, year, pub)


def test_change_sentence_says_real_when_the_counts_allow_it():
    sentence = mediation.change_sentence(rates_of([(2023, 30, 50, 10, 20), (2024, 5, 50, 2, 20)]))
    assert "geen toeval meer" in sentence and "minder vaak" in sentence
    method = mediation.change_test_text(rates_of([(2023, 30, 50, 10, 20), (2024, 5, 50, 2, 20)]))
    assert "p < 0,01" in method and "minder dan 1 van de 100" in method
    assert mediation.change_sentence(rates_of([(2024, 1, 2, 1, 2)])) is None  # one year only


# -- the years together, where publication mode hides the year's rate ----------------------


def test_years_together_stand_in_for_a_hidden_rate_only_when_they_give_nothing_away():
    pub = Publication()
    # the demo's counts: 2025 alone is hidden everywhere (1 of 16, 3 of 11, 4 of 27)
    rates = rates_of([(2024, 2, 10, 5, 11), (2025, 1, 16, 3, 11), (2026, 2, 12, 0, 1)])
    assert release_of(rates, 2025, None).pooled is None  # staff see the year
    for year in (2025, 2026):
        release = release_of(rates, year, pub)
        assert exposed([release.release]) == []
        assert release.pooled.years == f"2024–{year}"
        # a pooled rate is said only with both its counts released
        for t in release.pooled.rows:
            assert release.shows_rate(t, release.pooled.years), (year, t)
    # 2024-2025: "samen" 11 of 48 less 2024's shown 7 would be 2025's hidden 4
    release = release_of(rates, 2025, pub)
    if "samen" in release.pooled.rows:
        assert not release.shows_rate("samen", 2024)
    assert "Ook 2024–2025 samen kan niet" in mediation_shown.no_rate_text(
        mediation_release.Pooled(2024, 2025), pub
    )
    # 2024-2026: "samen" 13 of 61 hides two years (4 and 2: 6 in two ways)
    release = release_of(rates, 2026, pub)
    assert set(release.pooled.rows) == {"samen"}
    together = release.pooled.rows["samen"]
    assert (together["successful"], together["ended"]) == (13, 61)
    low, _high = mediation.wilson_interval(13, 61)
    assert together["success_low_pct"] == pytest.approx(100 * low)
    # a rate the year may show needs nothing in its place
    assert release_of(rates_of([(2025, 20, 40, 10, 30)]), 2025, pub).pooled is None
