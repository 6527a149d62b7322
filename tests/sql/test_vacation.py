"""Vakantiepieken Lijn 1: the holiday calendar, the peaks, the outlook arithmetic, the page.

Report queries run on real DuckDB: over the demo export, or over a tiny hand-made export in
tmp_path whose outlook is computed by hand below.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from vacation_support import OUTLOOK_DAY

from dashboard.charts import vacation as vacation_charts
from dashboard.charts.canvas import SCREEN, Canvas, Frame
from dashboard.db import Database
from dashboard.format import number
from dashboard.paths import DATA_ROOT, DEMO_DIR
from dashboard.reports import vacation, vacation_outlook


@pytest.fixture(scope="module")
def demo(demo_db) -> Database:
    return demo_db


# -- the calendar ---------------------------------------------------------------------------


def test_zomervakantie_2025_offsets_per_region(demo):
    offsets = demo.query_view("mart_calendar_holiday_offsets").filter(
        pl.col("holiday_key") == "zomervakantie", pl.col("holiday_year") == 2025
    )
    on_1_july = offsets.filter(pl.col("day") == dt.date(2025, 7, 1))
    assert dict(on_1_july.select("alignment", "day_offset").iter_rows()) == {
        "noord": -11,
        "midden": -18,
        "zuid": -4,
        "eerste": -4,  # Zuid starts first
    }
    starts = dict(offsets.filter(pl.col("day_offset") == 0).select("alignment", "day").iter_rows())
    assert starts == {
        "noord": dt.date(2025, 7, 12),
        "midden": dt.date(2025, 7, 19),
        "zuid": dt.date(2025, 7, 5),
        "eerste": dt.date(2025, 7, 5),
    }
    # from six weeks before to two weeks after: 57 days per alignment
    assert offsets.group_by("alignment").len()["len"].to_list() == [57] * 4


def test_calendar_marks_working_days_and_school_holidays(demo):
    calendar = demo.query_view("mart_calendar")
    assert calendar["day"].min() == dt.date(2024, 1, 1)
    assert calendar["day"].max() == dt.date(2027, 12, 31)  # the outlook looks into 2027
    day = {row["day"]: row for row in calendar.iter_rows(named=True)}
    assert day[dt.date(2025, 12, 25)]["is_working_day"] is False  # Eerste kerstdag
    assert day[dt.date(2025, 12, 25)]["public_holiday_nl"] == "Eerste kerstdag"
    assert day[dt.date(2025, 12, 27)]["is_working_day"] is False  # Saturday
    assert day[dt.date(2025, 7, 1)]["is_working_day"] is True
    july_8 = day[dt.date(2025, 7, 8)]
    assert (july_8["school_holiday_zuid"], july_8["school_holiday_noord"]) == (
        "Zomervakantie",
        None,
    )
    assert day[dt.date(2027, 2, 15)]["school_holiday_zuid"] == "Voorjaarsvakantie"


# -- peaks ----------------------------------------------------------------------------------


def test_2025_summer_peak_lies_in_the_six_weeks_before_every_region(demo):
    peaks = demo.run("line1_peaks", year=2025)
    assert peaks["holiday_key"].to_list() == list(vacation.HOLIDAY_ORDER)
    summer = peaks.filter(pl.col("holiday_key") == "zomervakantie").row(0, named=True)
    for region in vacation.REGIONS:
        assert 1 <= summer[f"weeks_before_{region}"] <= 6, region
    assert summer["peak_week_start"] < dt.date(2025, 7, 5)
    assert summer["peak_to_baseline"] > 3
    assert summer["peak_cases"] == peaks["peak_cases"].max()  # the summer peak is the highest
    assert summer["window_complete"]


def test_baseline_weeks_are_neither_holiday_nor_just_before_one(demo):
    weekly = demo.query_view("mart_line1_weekly").filter(pl.col("iso_year") == 2025)
    baseline = set(weekly.filter(pl.col("is_baseline"))["week_start"].to_list())
    assert dt.date(2025, 3, 10) in baseline  # between voorjaar (ends 2 March) and mei (26 April)
    assert dt.date(2025, 6, 30) not in baseline  # the week before Zuid's summer holiday
    assert dt.date(2025, 7, 21) not in baseline  # in the summer holiday
    assert dt.date(2025, 3, 31) not in baseline  # four weeks before the meivakantie


# -- the outlook on the demo data -----------------------------------------------------------


def test_outlook_from_23_november_2026_names_kerst_and_voorjaar_2027_per_region(demo):
    outlook = demo.run("line1_outlook", today=OUTLOOK_DAY)
    assert outlook.height == 12
    assert outlook["week_start"][0] == OUTLOOK_DAY  # the Monday after the last data day
    assert outlook["week_start"][-1] == dt.date(2027, 2, 8)
    assert outlook["holiday_nl"].unique(maintain_order=True).to_list() == [
        "Kerstvakantie",
        "Voorjaarsvakantie",
    ]
    lines = vacation.coming_holidays(outlook)
    assert [line.split(":")[0] for line in lines] == ["Noord", "Midden", "Zuid"]
    for line in lines:
        assert "kerstvakantie 2026 (vanaf 19 december 2026)" in line
        assert "voorjaarsvakantie 2027" in line
    # Zuid goes a week earlier than Noord and Midden in 2027
    assert "voorjaarsvakantie 2027 (vanaf 13 februari 2027)" in lines[2]
    assert outlook["expected_cases"].is_not_null().all()
    assert not outlook["is_past"].any()  # made the day after the data: no week in between
    ranged = vacation.with_range(outlook, vacation.backtest(demo.run))
    assert (ranged["low_cases"] <= ranged["expected_cases"]).all()
    assert (ranged["expected_cases"] <= ranged["high_cases"]).all()
    # the same ISO week a year earlier, as it was: week 48 of 2025
    weekly = demo.run("line1_by_iso_week").filter(iso_year=2025, iso_week=48)
    assert outlook["last_year_cases"][0] == weekly["cases"][0]
    # the weeks before Christmas ask more than the Christmas week itself
    by_week = dict(outlook.select("relative_week", "expected_cases").head(6).iter_rows())
    assert by_week[-2] > 2 * by_week[0]


# -- the outlook on a hand-made export ------------------------------------------------------


def _write_export(folder, cases: list[tuple[str, dt.date]], contacts: list[tuple[str, dt.date]]):
    """A tiny export with the demo's columns: Lijn 1 cases and contacts on the given days."""
    template_case = (
        pl.read_parquet(DEMO_DIR / "cases" / "cases.parquet").filter(pl.col("line") == 1).head(1)
    )
    template_contact = pl.read_parquet(DEMO_DIR / "contacts" / "contacts.parquet").head(1)
    tables = {
        "cases": pl.concat(
            [
                template_case.with_columns(
                    pl.lit(case_id).alias("case_id"),
                    pl.lit(opened).alias("opened_date"),
                    pl.lit(None, dtype=pl.Date).alias("closed_date"),
                )
                for case_id, opened in cases
            ]
        ),
        "contacts": pl.concat(
            [
                template_contact.with_columns(
                    pl.lit(f"C{i}").alias("contact_id"),
                    pl.lit(case_id).alias("case_id"),
                    pl.lit(day).alias("contact_date"),
                )
                for i, (case_id, day) in enumerate(contacts)
            ]
        ),
        "children": pl.read_parquet(DEMO_DIR / "children" / "children.parquet").head(0),
        "mediations": pl.read_parquet(DEMO_DIR / "mediations" / "mediations.parquet").head(0),
        "export_meta": pl.read_parquet(
            DEMO_DIR / "export_meta" / "export_meta.parquet"
        ).with_columns(
            pl.lit(dt.date(2025, 11, 24)).alias("export_date"),
            pl.lit(dt.date(2025, 11, 23)).alias("data_until"),
        ),
    }
    for name, df in tables.items():
        (folder / name).mkdir()
        df.write_parquet(folder / name / f"{name}.parquet")


def _many(prefix: str, count: int, day: dt.date) -> list[tuple[str, dt.date]]:
    return [(f"{prefix}{i}", day) for i in range(count)]


def test_outlook_arithmetic_on_a_hand_made_export(tmp_path):
    # Outlook made on Monday 24 November 2025, data until Sunday 23 November 2025.
    # Week 1 (24 Nov 2025) is 4 weeks before the first full week of the kerstvakantie 2025
    # (starts Sat 20 Dec; first full week Mon 22 Dec). The same week before kerst 2024
    # (Sat 21 Dec; Mon 23 Dec) is the week of 25 Nov 2024, before kerst 2023 (Sat 23 Dec;
    # Mon 25 Dec) the week of 27 Nov 2023.
    # Year to date (1 Jan up to day-of-year 327): 2023: 20 cases, 20 contacts;
    # 2024: 40 cases, 80 contacts; 2025: 20 cases, 60 contacts.
    cases = (
        _many("A", 20, dt.date(2023, 3, 7))
        + _many("B", 6, dt.date(2023, 11, 28))  # the aligned week of 2023
        + _many("D", 40, dt.date(2024, 3, 5))
        + _many("E", 10, dt.date(2024, 11, 26))  # the aligned week of 2024
        + _many("G", 20, dt.date(2025, 3, 4))
    )
    contacts = (
        [("A0", dt.date(2023, 3, 7))] * 20
        + [("B0", dt.date(2023, 11, 28))] * 4
        + [("D0", dt.date(2024, 3, 5))] * 80
        + [("E0", dt.date(2024, 11, 26))] * 20
        + [("G0", dt.date(2025, 3, 4))] * 60
    )
    _write_export(tmp_path, cases, contacts)
    db = Database(tmp_path, DATA_ROOT)

    outlook = db.run("line1_outlook", today=dt.date(2025, 11, 24))
    first = outlook.row(0, named=True)
    assert (first["week_start"], first["holiday_nl"], first["relative_week"]) == (
        dt.date(2025, 11, 24),
        "Kerstvakantie",
        -4,
    )
    assert first["source_years"] == "2023, 2024"
    # cases: 2023: 6 x 20/20 = 6; 2024: 10 x 20/40 = 5
    assert first["expected_cases"] == pytest.approx(5.5)
    # contacts: 2023: 4 x 60/20 = 12; 2024: 20 x 60/80 = 15
    assert first["expected_contacts"] == pytest.approx(13.5)
    # too few past weeks to judge the forecast by: no range rather than a made-up one
    assert vacation.backtest(db.run) is None
    assert vacation.with_range(outlook, None)["low_cases"].is_null().all()
    # the next week had no Lijn 1 cases in either year
    assert outlook["expected_cases"][1] == 0
    assert outlook.height == 12

    # 5,5 cases at 2 a student a day: 2,75 student days, in a week of 5 working days
    with_days = vacation.with_student_days(vacation.with_range(outlook, ACCURACY), 2).row(
        0, named=True
    )
    assert with_days["student_days"] == pytest.approx(2.75)
    # the range: 5,5 x 0,8 and 5,5 x 1,2 cases, halved
    assert (with_days["low_student_days"], with_days["high_student_days"]) == pytest.approx(
        (2.2, 3.3)
    )
    assert with_days["students_per_day"] == pytest.approx(0.55)


ACCURACY = vacation.Accuracy(
    pairs=100, origins=20, weeks=40, first_origin=dt.date(2024, 10, 21),
    last_week_end=dt.date(2025, 11, 23),
    cases_error_pct=13.3, naive_cases_error_pct=20.6, contacts_error_pct=14.8,
    naive_contacts_error_pct=23.5, cases_ratio_low=0.8, cases_ratio_high=1.2,
    contacts_ratio_low=0.7, contacts_ratio_high=1.4,
)  # fmt: skip


def test_peak_against_each_regions_start(demo):
    assert vacation.peak_against_start(dt.date(2025, 2, 15), 1) == "15 feb, piek 1 wk ervoor"
    assert vacation.peak_against_start(dt.date(2025, 2, 15), 0) == (
        "15 feb, piek in de eerste vakantieweek"
    )
    assert vacation.peak_against_start(dt.date(2025, 2, 15), -1) == "15 feb, piek 1 wk erna"
    assert vacation.peak_against_start(None, None) == "–"
    peaks = vacation.peaks_by_region(demo.run("line1_peaks", year=2025))
    summer = peaks.filter(pl.col("holiday_key") == "zomervakantie").row(0, named=True)
    # the 2025 summer peak (week 27) against Noord 12 July, Midden 19 July, Zuid 5 July
    assert [summer[f"start_peak_{r}"] for r in vacation.REGIONS] == [
        "12 jul, piek 2 wk ervoor", "19 jul, piek 3 wk ervoor", "5 jul, piek 1 wk ervoor",
    ]  # fmt: skip


def test_outlook_names_the_years_it_is_computed_from(demo):
    outlook = demo.run("line1_outlook", today=OUTLOOK_DAY)
    assert vacation.source_years_text(outlook) == (
        "wk 48–53: kerstvakantie 2024 en 2025; wk 1–6: voorjaarsvakantie 2024, 2025 en 2026"
    )


def test_aligned_chart_fits_a_narrow_screen(demo):
    fig = vacation_charts.aligned_chart(demo.run("line1_holiday_aligned"))
    for axis in ("xaxis", "xaxis2", "xaxis3", "xaxis4", "xaxis5"):
        x = fig.layout[axis]
        assert x.tickangle == 0 and list(x.ticktext) == ["−6", "−4", "−2", "0"], axis
    assert fig.layout.xaxis3.title.text == "weken tot de eerste vakantiedag"
    assert fig.layout.yaxis.title.text == "zaken per werkdag"
    # the legend in a row of its own above the plot, the panel names a line higher than the
    # top value's label (a panel is narrower than its name)
    assert fig.layout.legend.y > 1
    assert all(a.yshift >= 12 for a in fig.layout.annotations)


@pytest.mark.parametrize("canvas", [SCREEN, Canvas.chart_slide(Frame.of("T", "p<br>q"))])
def test_the_holiday_strip_keeps_its_labels_apart(demo, canvas):
    """ "Noord", "Midden", "Zuid", "Feestdag" one under the other, each with a line and a half
    of its font, whatever the margins (a wrapped legend makes the plot area lower)."""
    days = vacation.line1_by_day(demo.run, 2025)
    holidays = vacation.school_holidays(demo.run, 2025)
    weeks = vacation.line1_by_iso_week(demo.run)
    for fig in (
        vacation_charts.daily_chart(days, holidays, 2025, canvas=canvas),
        vacation_charts.weekly_overlay_chart(weeks, holidays, 2025, "cases", canvas=canvas),
    ):
        layout = fig.layout
        margin = layout.template.layout.margin
        top = layout.margin.t or margin.t
        bottom = layout.margin.b or margin.b
        plot = (layout.height or canvas.drawn_height) - top - bottom
        low, high = layout.yaxis.domain
        size = layout.yaxis.tickfont.size or layout.font.size or 18
        assert (high - low) * plot / len(layout.yaxis.categoryarray) >= 1.5 * size
        assert layout.yaxis2.domain[1] < low  # the chart under the strip, apart from it


# -- the gap, the next peak and the backtest -------------------------------------------------


def test_outlook_made_nine_days_after_the_data_marks_the_week_between(demo):
    outlook = demo.run("line1_outlook", today=dt.date(2026, 12, 1))
    # the forecast starts after the data (Monday 23 November), not at this week
    assert outlook["week_start"][0] == dt.date(2026, 11, 23)
    assert outlook["is_past"].to_list() == [True] + [False] * 12  # week 48, then 12 ahead
    assert outlook["week_start"][-1] == dt.date(2027, 2, 15)
    assert vacation.next_peak_text(outlook) == (
        "Volgende piek: week 50 (7–11 december), ongeveer 238 zaken"
    )


def test_backtest_forecast_uses_only_the_data_before_its_monday(demo, tmp_path):
    # The forecast of 2 June 2025 in the backtest equals the outlook of an export that ends on
    # Sunday 1 June 2025: cut the demo rows there and forecast from the rest.
    origin = dt.date(2025, 6, 2)
    for table, column in (("cases", "opened_date"), ("contacts", "contact_date")):
        rows = pl.read_parquet(DEMO_DIR / table / f"{table}.parquet")
        (tmp_path / table).mkdir()
        rows.filter(pl.col(column) < origin).write_parquet(tmp_path / table / f"{table}.parquet")
    for table in ("children", "mediations"):
        (tmp_path / table).mkdir()
        pl.read_parquet(DEMO_DIR / table / f"{table}.parquet").head(0).write_parquet(
            tmp_path / table / f"{table}.parquet"
        )
    (tmp_path / "export_meta").mkdir()
    pl.read_parquet(DEMO_DIR / "export_meta" / "export_meta.parquet").with_columns(
        data_until=pl.lit(origin - dt.timedelta(days=1)),
        export_date=pl.lit(origin),
    ).write_parquet(tmp_path / "export_meta" / "export_meta.parquet")
    cut = Database(tmp_path, DATA_ROOT).run("line1_outlook", today=origin)
    past = demo.query_view("mart_line1_backtest").filter(origin=origin).sort("week_number")
    assert past.height == 12
    assert past["forecast_cases"].to_list() == pytest.approx(cut["expected_cases"].to_list())
    assert past["forecast_contacts"].to_list() == pytest.approx(cut["expected_contacts"].to_list())


def test_backtest_error_and_naive_error_equal_an_independent_count(demo):
    pairs = demo.query_view("mart_line1_backtest")
    cases = pl.read_parquet(DEMO_DIR / "cases" / "cases.parquet").filter(line=1)
    weekly = (
        cases.with_columns(
            iso_year=pl.col("opened_date").dt.iso_year(), iso_week=pl.col("opened_date").dt.week()
        )
        .group_by("iso_year", "iso_week")
        .len("cases")
        .with_columns(pl.col("cases").cast(pl.Float64))
    )
    targets = pairs.with_columns(
        iso_year=pl.col("week_start").dt.iso_year(), iso_week=pl.col("week_start").dt.week()
    )
    actual = targets.join(weekly, on=["iso_year", "iso_week"], how="left")["cases"]
    naive = targets.with_columns(iso_year=pl.col("iso_year") - 1).join(
        weekly, on=["iso_year", "iso_week"], how="left"
    )["cases"]
    assert actual.to_list() == pairs["actual_cases"].cast(pl.Float64).to_list()
    summary = vacation.backtest(demo.run)
    assert summary is not None and summary.pairs == pairs.height
    naive_error = 100 * ((naive - actual).abs() / actual).mean()
    model_error = 100 * ((pairs["forecast_cases"] - actual).abs() / actual).mean()
    assert summary.naive_cases_error_pct == pytest.approx(naive_error)
    assert summary.cases_error_pct == pytest.approx(model_error)
    # the range holds eight of ten past weeks
    ratio = actual / pairs["forecast_cases"]
    inside = ((ratio >= summary.cases_ratio_low) & (ratio <= summary.cases_ratio_high)).mean()
    assert inside == pytest.approx(0.8, abs=0.02)
    # on the demo data the forecast beats the naive one
    assert summary.cases_error_pct < summary.naive_cases_error_pct
    assert vacation.accuracy_text(summary) == (
        f"gemiddeld {round(model_error)} % ernaast (naïef: {round(naive_error)} %)"
    )


# -- what the page reads and says ------------------------------------------------------------


def test_peaks_name_their_week_and_a_window_still_running(demo):
    peaks_2025 = vacation.line1_peaks(demo.run, 2025)
    summer = peaks_2025.filter(pl.col("holiday_key") == "zomervakantie").row(0, named=True)
    assert summer["peak_week"] == vacation.week_label(
        summer["peak_week_start"], summer["peak_iso_week"]
    )
    assert summer["holiday_label"] == "Zomervakantie"
    note = vacation.peaks_note(peaks_2025, 2025)
    assert f"gemiddeld {number(summer['baseline_cases'], 1)} zaken per week in 2025" in note
    assert "Nog niet afgelopen" not in note
    # the demo data end on 22 November 2026: the Christmas window has not closed
    peaks_2026 = vacation.line1_peaks(demo.run, 2026)
    running = peaks_2026.filter(~pl.col("window_complete"))
    assert running["holiday_label"].to_list() == [
        f"{name} (loopt nog)" for name in running["holiday_nl"]
    ]
    assert "Nog niet afgelopen: kerstvakantie (de piek kan nog komen)." in vacation.peaks_note(
        peaks_2026, 2026
    )


def test_aligned_years_and_the_iso_years_of_the_weeks(demo):
    aligned = vacation.holiday_aligned(demo.run)
    years = vacation.aligned_years(aligned)
    assert years == sorted(years) and set(years) <= {"2024", "2025", "2026"}
    assert f"({', '.join(years)})" in vacation.aligned_note(years)
    assert vacation.iso_years(vacation.line1_by_iso_week(demo.run)) == (2024, 2026)


def test_outlook_nine_days_after_the_data_says_the_gap_and_the_pace(demo):
    coming = vacation_outlook.line1_outlook(
        demo.run, dt.date(2026, 12, 1), dt.date(2026, 11, 22), 40
    )
    assert coming.last_known == dt.date(2026, 11, 22)
    assert coming.first_week == dt.date(2026, 11, 23)
    assert coming.past_weeks == {"wk 48 (23 nov)"}
    assert vacation_outlook.made_on_text(coming) == (
        "Verwachting gemaakt op **1 december 2026** met gegevens tot en met "
        "**22 november 2026**, voor de weken vanaf maandag 23 november 2026."
    )
    assert "week 48 (23–27 november)" in vacation_outlook.gap_warning(coming)
    assert vacation_outlook.outlook_chart_note(coming).endswith(
        "Licht en gearceerd: voorbij, nog niet in de gegevens."
    )
    assert "Gemarkeerd: wk 48 (23 nov), al voorbij" in vacation_outlook.expected_weeks_note(coming)
    assert vacation_outlook.roster_note(coming) == (
        "Verwachting gemaakt op 1 december 2026; studentdagen bij 40 zaken per student per dag."
    )
    assert "÷ 40 zaken per student per dag" in vacation_outlook.method_text(coming)
    assert coming.accuracy is not None
    assert vacation.accuracy_text(coming.accuracy) in vacation_outlook.accuracy_paragraph(
        coming.accuracy
    )
    # student days follow the pace
    assert coming.weeks["student_days"][1] == pytest.approx(coming.weeks["expected_cases"][1] / 40)


def test_outlook_the_day_after_the_data_has_no_gap(demo):
    coming = vacation_outlook.line1_outlook(demo.run, OUTLOOK_DAY, dt.date(2026, 11, 22), 25)
    assert coming.gap.is_empty() and not coming.past_weeks
    assert vacation_outlook.gap_warning(coming) is None
    assert "gearceerd" not in vacation_outlook.outlook_chart_note(coming)
    assert "Gemarkeerd" not in vacation_outlook.expected_weeks_note(coming)
    # an outlook made before the data end knows no more than the day before it
    early = vacation_outlook.line1_outlook(demo.run, OUTLOOK_DAY, dt.date(2026, 12, 31), 25)
    assert early.last_known == OUTLOOK_DAY - dt.timedelta(days=1)
