"""The caseload page's shaping and sentences, without a page: which lines a selection shows,
the period's key figures, what a link may ask, and the captions for a running month."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.reports import caseload as cl
from dashboard.reports.caseload_captions import Captions

D = dt.date
CATEGORIES = pl.DataFrame(
    {
        "category_code": ["holiday_consent", "abduction", "prevention"],
        "category_nl": [
            "Toestemming voor vakantie",
            "Internationale kinderontvoering",
            "Preventie",
        ],
        "line": [1, 2, 2],
        "category_order": [100, 1, 4],
    }
)
MONTHS = [D(2025, m, 1) for m in range(1, 13)] + [D(2026, m, 1) for m in range(1, 12)]
RUNNING = cl.Filters(start=D(2025, 12, 1), end=D(2026, 11, 1))
UNTIL = D(2026, 11, 22)


def filters(**update: object) -> cl.Filters:
    return RUNNING.model_copy(update=update)


def test_a_category_of_one_line_leaves_the_other_line_out():
    assert cl.lines_shown(filters(), CATEGORIES) == [1, 2]
    assert cl.lines_shown(filters(line=2), CATEGORIES) == [2]
    assert cl.lines_shown(filters(category="holiday_consent"), CATEGORIES) == [1]
    assert cl.lines_shown(filters(line=1, category="prevention"), CATEGORIES) == []


def test_category_names_and_chart_titles_name_the_filters():
    names = cl.category_names(CATEGORIES)
    assert names[cl.ALL] == "Alle categorieën" and names["prevention"] == "Preventie"
    f = filters(line=2, category="prevention", party="ouders")
    assert (
        cl.chart_title("Nieuwe zaken", f, names) == "Nieuwe zaken, Lijn 2, Preventie, alleen ouders"
    )
    assert cl.chart_title("Open", f, names, line=False) == "Open, Preventie, alleen ouders"
    assert cl.chart_title("Nieuwe zaken", filters(), names) == "Nieuwe zaken"


def test_period_as_slide_and_file_name_say_the_running_day():
    assert cl.period_nl(RUNNING, UNTIL, True) == (
        "dec 2025 t/m 22 nov 2026",
        "2025-12-tm-2026-11-22",
    )
    whole = filters(start=D(2025, 1, 1), end=D(2025, 12, 1))
    assert cl.period_nl(whole, UNTIL, False) == ("jan 2025 t/m dec 2025", "2025-01-tm-2025-12")
    assert cl.file_key(whole) == "2025-01-tm-2025-12"
    assert cl.file_key(whole, D(2025, 3, 1)) == "2025-03"
    assert cl.months_in(MONTHS, whole) == MONTHS[:12]


def test_link_checks_read_the_labels_and_the_older_codes():
    checks = cl.link_checks(MONTHS)
    assert list(checks) == ["periode", "van", "tot", "lijn", "wie"]
    assert checks["periode"][1] == set(cl.PERIOD_CHOICES) and checks["periode"][2]("x") is None
    what, usable, older = checks["van"]
    assert what == "begin" and "december 2025" in usable
    assert older("2025-12") == D(2025, 12, 1)
    assert older("1999-01") is None  # a month outside the export is dropped, and said
    assert checks["lijn"][2]("2") == 2 and checks["lijn"][2]("alle") == 0
    assert checks["wie"][1] == {"Iedereen", "Alleen ouders", "Alleen derden"}
    assert checks["wie"][2]("ouders") == "ouders" and checks["wie"][2]("x") is None
    names = cl.category_names(CATEGORIES)
    ((param, (what, usable, older)),) = cl.category_link_check(CATEGORIES, names, 1).items()
    assert (param, what) == ("code", "categorie")
    assert usable == {"Alle categorieën", "Toestemming voor vakantie"}
    assert older("holiday_consent") == "holiday_consent" and older("prevention") is None


def test_rolling_periods_are_resolved_against_the_export():
    running = D(2026, 11, 22)  # MONTHS end in November 2026, which is still running
    assert {c: cl.rolling_period(c, MONTHS, running) for c in cl.PERIOD_CHOICES[:-1]} == {
        "laatste 24 maanden": (D(2025, 1, 1), D(2026, 11, 1)),  # the export holds 23
        "laatste 12 maanden": (D(2025, 11, 1), D(2026, 10, 1)),
        "dit jaar tot nu": (D(2026, 1, 1), D(2026, 11, 1)),
        "vorig jaar": (D(2025, 1, 1), D(2025, 12, 1)),
    }
    # the data reach November's last day: November is the last full month
    assert cl.rolling_period("laatste 12 maanden", MONTHS, D(2026, 11, 30)) == (
        D(2025, 12, 1),
        D(2026, 11, 1),
    )
    short = MONTHS[-5:]  # an export of five months reaches no further back
    assert cl.rolling_period("laatste 12 maanden", short, running) == (
        D(2026, 7, 1),
        D(2026, 10, 1),
    )
    assert cl.rolling_period("vorig jaar", short, running) == (D(2026, 7, 1), D(2026, 7, 1))
    assert cl.period_choice_text("laatste 12 maanden", D(2025, 11, 1), D(2026, 10, 1), running) == (
        "Laatste 12 maanden: november 2025 t/m oktober 2026, de volle maanden vóór november 2026 "
        "(loopt nog)."
    )
    assert cl.period_choice_text("dit jaar tot nu", D(2026, 1, 1), D(2026, 11, 1), running) == (
        "Dit jaar tot nu: januari 2026 t/m 22 november 2026."
    )
    # the default and a fixed period: the opening line and the month widgets say the months
    assert cl.period_choice_text("vaste periode", D(2025, 1, 1), D(2026, 11, 1), running) is None


def monthly(column: str, rows: list[tuple[int, int, int | None]], **extra: object) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema=["line", column, f"{column}_year_before"], orient="row"
    ).with_columns(**{k: pl.lit(v) for k, v in extra.items()})


def test_period_totals_compare_with_a_year_earlier_where_the_export_reaches():
    new_cases = monthly("cases", [(1, 100, 80), (1, 20, 20), (2, 30, None)])
    contacts = monthly("contacts", [(1, 50, 40), (1, 5, 0)], breakdown="channel")
    totals = cl.period_totals(new_cases, contacts, [1, 2])
    assert [(t.label, t.value, t.change) for t in totals] == [
        ("Nieuwe zaken Lijn 1", "120", "+20,0 % t.o.v. een jaar eerder"),
        ("Nieuwe zaken Lijn 2", "30", None),  # a year earlier the export did not reach
        ("Nieuwe zaken, beide lijnen", "150", None),
        ("Contactmomenten", "55", "+37,5 % t.o.v. een jaar eerder"),
    ]
    only_line1 = cl.period_totals(new_cases.filter(line=1), contacts, [1])
    assert [t.label for t in only_line1] == ["Nieuwe zaken Lijn 1", "Contactmomenten"]


def test_has_any_counts_values_not_rows():
    assert not cl.has_any(monthly("cases", []), "cases")
    assert not cl.has_any(monthly("cases", [(1, 0, 3)]), "cases")
    assert cl.has_any(monthly("cases", [(1, 2, None)]), "cases")


def test_captions_of_a_running_month_say_up_to_which_day():
    say = Captions(filters(party="ouders"), "Preventie", UNTIL, ends_running=True)
    assert say.heading == "dec 2025 t/m 22 nov 2026 (12 maanden)"
    assert say.running_month == "„nov t/m 22”"
    assert "(1 t/m 22 november 2025), niet de hele maand." in say.new_cases
    assert "alleen zaken waarin een ouder contact opnam; alle categorieën" in say.new_cases
    assert say.totals(D(2025, 11, 22)).startswith(
        "Zaken naar maand van opening, contactmomenten naar de maand waarin ze plaatsvonden; "
        "alle categorieën. Verschil met dezelfde dagen een jaar eerder, waar de export zo ver "
        "terug gaat: dec 2024 t/m 22 november 2025. De lopende maand telt tot en met "
        "22 november 2026"
    )
    assert "heeft geen punt" in say.contacts_per_case
    assert "Omlijnd met streepjes: „nov t/m 22”" in say.heatmap
    assert say.contacts_by_channel_title(D(2026, 3, 1)) == "Contactmomenten, maart 2026"


def test_captions_of_whole_months_say_nothing_of_a_running_month():
    f = filters(start=D(2025, 1, 1), end=D(2025, 1, 1), category="prevention", line=2)
    say = Captions(f, "Preventie", UNTIL, ends_running=False)
    assert say.heading == "jan 2025 t/m jan 2025 (1 maand)"
    assert say.totals(D(2024, 1, 31)).endswith("waar de export zo ver terug gaat.")
    assert "lopende" not in say.new_cases + say.contacts + say.contacts_per_case + say.heatmap
    assert say.contacts_by_channel().startswith(
        "Telt contactmomenten in de periode per kanaal en persoon; categorie Preventie, "
        "alleen Lijn 2."
    )
