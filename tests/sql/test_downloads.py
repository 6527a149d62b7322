"""Downloads: files that open right in Dutch Excel and say what their numbers are."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl

from dashboard import downloads, widgets
from dashboard.format import number
from dashboard.reports import vacation


def test_the_outlook_of_vakantiepieken_downloads_with_decimal_commas(demo_db) -> None:
    db = demo_db
    outlook = vacation.outlook_table(
        vacation.with_student_days(
            vacation.with_range(
                db.run("line1_outlook", today=dt.date(2026, 11, 23)), vacation.backtest(db.run)
            ),
            40,
        )
    )
    table = widgets.table_for_download(
        outlook,
        {
            "week": widgets.Column("Week"),
            "expected_cases": widgets.Column("Zaken", widgets.optional(number)),
            "student_days": widgets.Column(
                "Studentdagen", widgets.optional(lambda v: number(v, 1))
            ),
        },
    )
    text = downloads.csv_bytes(table).decode("utf-8-sig")
    back = pl.read_csv(io.BytesIO(text.encode()), separator=";", decimal_comma=True)
    assert back.height == 12 and back.columns == ["Week", "Zaken", "Studentdagen"]
    assert back["Studentdagen"].dtype == pl.Float64
    assert all(v == round(v, 1) for v in back["Studentdagen"].drop_nulls())
    assert any("," in line.split(";")[2] for line in text.splitlines()[1:])
    assert "." not in "".join(line.split(";")[2] for line in text.splitlines()[1:])
