"""The caseload page: its reports against the published 2025 figures, the open-at-month-end
logic on a hand-made export, the page in AppTest with filters from the URL, and in Chromium."""

from __future__ import annotations

from caseload_support import DEMO_UNTIL, MONTHS, D

from dashboard.charts import caseload as charts


def test_month_ticks_name_the_running_month_and_keep_years_apart():
    months = MONTHS[11:]  # dec 2024 .. nov 2026
    _, texts = charts.month_ticks(months, DEMO_UNTIL)
    # two years of months: every second month named (January among them), at full text size
    assert texts[:3] == ["jan<br>2025", "mrt", "mei"]
    assert len(texts) == 12
    # a running month between two named ones takes the place of the one before it
    assert charts.month_ticks(months[:-1], D(2026, 10, 15))[1][-2:] == ["jul", "okt<br>t/m 15"]
    assert texts[-1] == "nov<br>t/m 22"
    # data up to the month's last day: a whole month, nothing to mark
    assert charts.month_ticks(months, D(2026, 11, 30))[1][-1] == "nov"
    # a year further from the first month does not collide with it
    assert charts.month_ticks(MONTHS[9:14])[1][:4] == ["okt<br>2024", "nov", "dec", "jan<br>2025"]
    # the note goes below the year of the January before it
    assert charts.month_ticks(MONTHS[23:26], D(2026, 2, 10))[1] == [
        "dec", "jan<br>2026", "feb<br> <br>t/m 10",
    ]  # fmt: skip
