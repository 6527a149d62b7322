"""The decomposition of a change ("Waarom?") on constructed frames: counts add up exactly for
every measure and dimension, a rate splits into mix and rate parts that add up, and the
calendar part finds a holiday that moved."""

from __future__ import annotations

import datetime as dt
import itertools

import polars as pl
import pytest

from dashboard.publication import Publication
from dashboard.reports import explain
from dashboard.reports.explain_calendar import Period, calendar_part

# -- counts ------------------------------------------------------------------------------


def constructed_rows() -> pl.DataFrame:
    """Every count measure in every one of its dimensions, with parts that grow, shrink,
    appear and vanish."""
    rows = []
    for measure, dimensions in explain.COUNT_DIMENSIONS.items():
        for i, dimension in enumerate(dimensions):
            for j in range(12):
                now, before = (7 * j + i) % 23, (5 * j + 3 * i) % 19
                line1 = now // 2 if measure.startswith("cases") else 0
                rows.append((measure, dimension, f"deel {j}", now, before, line1, before // 2))
    return pl.DataFrame(
        rows,
        schema=[
            "measure",
            "dimension",
            "part",
            "count_now",
            "count_before",
            "line1_now",
            "line1_before",
        ],  # fmt: skip
        orient="row",
    )


@pytest.mark.parametrize("publication", [None, Publication()])
def test_contributions_add_up_to_the_change_for_every_count_measure_and_dimension(publication):
    rows = constructed_rows()
    for measure, dimensions in explain.COUNT_DIMENSIONS.items():
        for dimension in dimensions:
            of = rows.filter(measure=measure, dimension=dimension)
            change = of["count_now"].sum() - of["count_before"].sum()
            shown = explain.contributions(rows, measure, dimension, publication=publication)
            assert shown["contribution"].sum() == pytest.approx(change, abs=1e-9), (
                measure,
                dimension,
            )
            # largest first, the pooled rest last
            parts = shown.filter(pl.col("kind") != "overige")["contribution"].abs().to_list()
            assert parts == sorted(parts, reverse=True)
            assert len(shown) <= explain.MAX_BARS + 1


def test_a_calendar_part_comes_out_of_lijn_1_and_the_sum_stays_the_change():
    rows = constructed_rows()
    of = rows.filter(measure="cases.total", dimension="category")
    change = of["count_now"].sum() - of["count_before"].sum()
    shown = explain.contributions(rows, "cases.total", "category", calendar=-25.0)
    assert shown.filter(kind="kalender")["contribution"].to_list() == [-25.0]
    assert shown["contribution"].sum() == pytest.approx(change)


def test_small_parts_are_pooled_in_publication_mode_and_a_small_pool_hides_its_value():
    rows = pl.DataFrame(
        {
            "measure": ["mediation.requests"] * 3,
            "dimension": ["type"] * 3,
            "part": ["IKO", "NIKO", "anders"],
            "count_now": [40, 3, 4],
            "count_before": [30, 20, 1],
            "line1_now": [0, 0, 0],
            "line1_before": [0, 0, 0],
        }
    )
    shown = explain.contributions(rows, "mediation.requests", "type", publication=Publication())
    assert shown["label"].to_list() == ["IKO", "overige"]
    pooled = shown.filter(kind="overige").row(0, named=True)
    assert pooled["contribution"] == -14 and pooled["shown"]  # 7 against 21: not small
    rows = rows.with_columns(count_before=pl.Series([30, 2, 1]))
    shown = explain.contributions(rows, "mediation.requests", "type", publication=Publication())
    assert not shown.filter(kind="overige")["shown"].item()  # 7 against 3: small, hidden
    sentence = explain.sentence(shown, "mediation.requests", Publication())
    assert "niet getoond" in sentence


def test_the_sentence_names_the_largest_parts_in_dutch_numbers():
    rows = pl.DataFrame(
        {
            "measure": ["cases.total"] * 2,
            "dimension": ["line"] * 2,
            "part": ["Lijn 1, toestemming voor vakantie", "Lijn 2"],
            "count_now": [7645, 1879],
            "count_before": [9008, 1821],
            "line1_now": [7645, 0],
            "line1_before": [9008, 0],
        }
    )
    shown = explain.contributions(rows, "cases.total", "line")
    assert explain.sentence(shown, "cases.total") == (
        "1.305 zaken minder: Lijn 1, toestemming voor vakantie, kreeg er 1.363 minder, "
        "Lijn 2 kreeg er 58 bij."
    )


# -- a rate: shift-share -------------------------------------------------------------------


def test_shift_share_splits_a_rate_change_into_mix_and_rate_parts_that_add_up():
    parts = pl.DataFrame(
        {
            "part": ["a", "b", "c", "d"],
            "base_now": [100, 50, 0, 30],
            "base_before": [80, 70, 10, 0],
            "count_now": [300, 60, 0, 90],
            "count_before": [200, 70, 15, 0],
        }
    )
    split = explain.shift_share(parts)
    rate_now = parts["count_now"].sum() / parts["base_now"].sum()
    rate_before = parts["count_before"].sum() / parts["base_before"].sum()
    assert (split["mix"].sum() + split["rate"].sum()) == pytest.approx(rate_now - rate_before)
    # a part in one period only moves the mix, not the rate
    assert split.filter(part="c")["rate"].item() == 0
    assert split.filter(part="d")["rate"].item() == 0


# -- the calendar ------------------------------------------------------------------------

YEAR = 364  # 52 weeks: the second year starts on the same weekday as the first
BASE, PEAK = 20.0, 30.0  # cases per working day, and the extra per working day before a holiday


def uplift(offset: int | None) -> float:
    """The extra cases per working day of one region (a third of the country): full in the
    three weeks before its holiday, half in the three weeks before those."""
    if offset is None:
        return 0.0
    if -21 <= offset <= -1:
        return PEAK / 3
    return PEAK / 6 if -42 <= offset <= -22 else 0.0


def constructed_days(starts: dict[int, dict[str, dt.date]]) -> tuple[pl.DataFrame, dict]:
    """Two equal years (52 weeks each); `starts`: per year the first summer holiday day of each
    region. Returns the rows of `line1_calendar_days` and the uplift per year and region."""
    first = dt.date(2023, 1, 2)  # a Monday
    rows, region_uplift = [], {}
    for year_index, day_number in itertools.product((0, 1), range(YEAR)):
        day = first + dt.timedelta(days=year_index * YEAR + day_number)
        working = day.weekday() < 5
        windows = []
        for region, start in starts[year_index].items():
            offset = (day - start).days
            if -42 <= offset <= 14:
                windows.append((region, offset))
        extra = sum(uplift(o) for _, o in windows) if working else 0.0
        for region, offset in windows:
            if working:
                key = (year_index, region)
                region_uplift[key] = region_uplift.get(key, []) + [(day, uplift(offset))]
        cases = (BASE + extra) if working else 0.0
        base = {"day": day, "day_year": 2023 + year_index, "is_working_day": working}
        for region, offset in windows or [(None, None)]:
            rows.append(
                base
                | {
                    "region": region,
                    "holiday_key": "zomervakantie" if region else None,
                    "day_offset": offset,
                    "cases": cases,
                }
            )
    schema = {
        "day": pl.Date,
        "day_year": pl.Int32,
        "is_working_day": pl.Boolean,
        "region": pl.String,
        "holiday_key": pl.String,
        "day_offset": pl.Int32,
        "cases": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema), region_uplift


def test_the_calendar_part_is_the_volume_of_a_holiday_moved_three_weeks():
    first_year = {
        "noord": dt.date(2023, 7, 22),
        "midden": dt.date(2023, 7, 15),
        "zuid": dt.date(2023, 7, 8),
    }
    second_year = {r: d + dt.timedelta(days=YEAR) for r, d in first_year.items()}
    second_year["zuid"] += dt.timedelta(weeks=3)  # the south's holiday three weeks later
    days, region_uplift = constructed_days({0: first_year, 1: second_year})
    # the first half year, and the same days of the other year
    before = Period(dt.date(2023, 1, 2), dt.date(2023, 6, 30))
    now = Period(before.start + dt.timedelta(days=YEAR), before.end + dt.timedelta(days=YEAR))

    def moved(year_index: int, period: Period) -> float:
        return sum(
            v for d, v in region_uplift[(year_index, "zuid")] if period.start <= d <= period.end
        )

    moved_volume = moved(1, now) - moved(0, before)
    assert moved_volume < -100  # the south's peak left the period
    per_day = days.unique("day")
    change = (
        per_day.filter(now.days())["cases"].sum() - per_day.filter(before.days())["cases"].sum()
    )
    part = calendar_part(days, now, before)
    assert part is not None
    assert part.part == pytest.approx(moved_volume, rel=0.05)
    assert abs(change - part.part) < 0.05 * abs(moved_volume)
