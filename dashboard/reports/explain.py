"""Why a measure changed ("Waarom?"): a change between two equally long periods split into the
contributions of the parts of one dimension, with a calendar part for Lijn 1.

A count's contributions are each part's difference: they add up to the change exactly. A rate
(contacts per case) splits by shift-share into a mix part (the cases moved between parts) and
a rate part per part (the contacts per case of the part changed), which add up too.

The data side: typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from dashboard.format import month_nl, number
from dashboard.publication import Publication
from dashboard.reports.annual import Comparison, comparison
from dashboard.reports.caseload import Filters
from dashboard.reports.explain_calendar import METHOD_NL, Period, calendar_part
from dashboard.reports.periods import YearPeriod

Runner = Callable[..., pl.DataFrame]

# measure -> (what the selector says, the unit in a sentence)
MEASURES = {
    "cases.total": ("Zaken, beide lijnen", "zaken"),
    "cases.line1": ("Lijn 1-zaken", "Lijn 1-zaken"),
    "cases.line2": ("Lijn 2-zaken", "Lijn 2-zaken"),
    "abduction.cases": ("Ontvoeringszaken (ouders)", "ontvoeringszaken"),
    "prevention.cases": ("Preventiezaken", "preventiezaken"),
    "contacts.total": ("Contactmomenten", "contactmomenten"),
    "contacts.line1": ("Contactmomenten Lijn 1", "contactmomenten"),
    "contacts.line2": ("Contactmomenten Lijn 2", "contactmomenten"),
    "mediation.requests": ("Mediationverzoeken", "mediationverzoeken"),
    "contacts.per_case": ("Contactmomenten per zaak", "contactmomenten per zaak"),
}
# the dimensions of report change_by_dimension, in Dutch
DIMENSIONS = {
    "line": "lijn",
    "category": "registratiecode",
    "contacted_by": "wie contact opnam",
    "channel": "kanaal",
    "person_type": "soort persoon",
    "country": "land",
    "type": "soort mediation",
    "calendar": "kalender",
}
_CASES = ("line", "category", "contacted_by")
_CONTACTS = ("line", "category", "channel", "person_type")
COUNT_DIMENSIONS = {
    "cases.total": _CASES,
    "cases.line1": _CASES,
    "cases.line2": _CASES,
    "abduction.cases": ("contacted_by", "country"),
    "prevention.cases": ("contacted_by", "country"),
    "contacts.total": _CONTACTS,
    "contacts.line1": _CONTACTS,
    "contacts.line2": _CONTACTS,
    "mediation.requests": ("type",),
}
# a rate: numerator and denominator measures, split over the dimensions both have
RATES = {"contacts.per_case": ("contacts.total", "cases.total")}
RATE_DIMENSIONS = {"contacts.per_case": ("line", "category")}
# measures that caseload's filters (line, code, who contacted) do not narrow
WITHOUT_FILTERS = ("mediation.requests",)
# measures with Lijn 1 cases in them: the calendar part applies
WITH_CALENDAR = ("cases.total", "cases.line1")
MAX_BARS = 7  # parts shown on their own; the rest is "overige"
OTHER, CALENDAR, MIX = "overige", "kalender", "verschuiving tussen delen"


def dimensions(measure: str) -> tuple[str, ...]:
    """The dimensions `measure` splits by."""
    return RATE_DIMENSIONS.get(measure) or COUNT_DIMENSIONS[measure]


ALL = "alle"


@dataclass(frozen=True)
class Where:
    """Which cases and contacts count: caseload's filters (`line` 0 both, as registered; a
    category code; `party` 'parent' or 'third_party'), `said` in words ("Lijn 1, alleen
    ouders"). Mediation requests have none of them and always count whole."""

    line: int = 0
    category: str = ALL
    party: str = ALL
    said: str = ""

    def params(self) -> dict[str, int | str]:
        return {"line": self.line, "category": self.category, "party": self.party}

    @property
    def narrows(self) -> bool:
        return (self.line, self.category, self.party) != (0, ALL, ALL)


@dataclass(frozen=True)
class Periods:
    """The two equally long periods compared, and their names ("2025", "2024 t/m 22-11"), and
    which cases and contacts count in them."""

    now: Period
    before: Period
    now_label: str
    before_label: str
    where: Where = Where()

    def params(self) -> dict[str, dt.date | int | str]:
        return {
            "start": self.now.start,
            "end": self.now.end,
            "start_before": self.before.start,
            "end_before": self.before.end,
            **self.where.params(),
        }


def year_before(day: dt.date) -> dt.date:
    """The same calendar day a year earlier, or 28 February for a 29th."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def for_year(compared: Comparison) -> Periods | None:
    """The annual overview's comparison: a year against the year before, a running year's
    days so far against the same days of the year before; None without a year before."""
    year = compared.period.year
    if not compared.has_previous:
        return None
    if compared.now and compared.before:
        end, end_before = compared.now.end, compared.before.end
    else:
        end, end_before = dt.date(year, 12, 31), dt.date(year - 1, 12, 31)
    return Periods(
        Period(dt.date(year, 1, 1), end),
        Period(dt.date(year - 1, 1, 1), end_before),
        compared.year_label,
        compared.previous_label,
    )


def for_months(
    start: dt.date, end_month: dt.date, data_until: dt.date, where: Where = Where()
) -> Periods:
    """Caseload's months `start` to `end_month` (a running last month up to `data_until`)
    against the same days a year earlier, of the cases and contacts `where` lets count."""
    last = (end_month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    end = min(last - dt.timedelta(days=1), data_until)
    until = f"{end.day} {month_nl(end)}" if end < last - dt.timedelta(days=1) else month_nl(end)
    before_end = year_before(end)
    before_until = (
        f"{before_end.day} {month_nl(before_end)}" if end != last - dt.timedelta(days=1)
        else month_nl(before_end)
    )  # fmt: skip
    return Periods(
        Period(start, end),
        Period(year_before(start), before_end),
        f"{month_nl(start)} t/m {until}",
        f"{month_nl(year_before(start))} t/m {before_until}",
        where,
    )


def for_filters(f: Filters, said: str, data_until: dt.date) -> Periods:
    """Caseload's period and filters `f`; `said`: the filters as its chart titles add them
    (", Lijn 1, alleen ouders")."""
    where = Where(f.line, f.category, f.party_code, said.removeprefix(", "))
    return for_months(f.start, f.end, data_until, where)


def change_by_dimension(run: Runner, periods: Periods) -> pl.DataFrame:
    """measure x dimension x part: count_now, count_before, line1_now, line1_before."""
    return run("change_by_dimension", **periods.params())


def covers(run: Runner, periods: Periods) -> bool:
    """Whether the data reaches back to the first day of the earlier period: a period before
    the export starts would count as a fall that is only missing data."""
    first = run("line1_calendar_days", **Where().params())["day"].min()
    return first is not None and first <= periods.before.start


def calendar(run: Runner, periods: Periods) -> float | None:
    """The calendar part of Lijn 1's change (cases), or None without data for a period."""
    days = run("line1_calendar_days", **periods.where.params())
    found = calendar_part(days, periods.now, periods.before)
    return None if found is None else found.part


def _parts(rows: pl.DataFrame, measure: str, dimension: str) -> pl.DataFrame:
    return rows.filter(measure=measure, dimension=dimension).select(
        label="part",
        now=pl.col("count_now").cast(pl.Int64),
        before=pl.col("count_before").cast(pl.Int64),
        line1=pl.col("line1_now") + pl.col("line1_before"),
    )


def contributions(
    rows: pl.DataFrame,
    measure: str,
    dimension: str,
    *,
    calendar: float | None = None,
    publication: Publication | None = None,
    most: int = MAX_BARS,
) -> pl.DataFrame:
    """The bars of the waterfall: label, now, before, contribution, kind ('deel', 'kalender',
    'overige', for a rate 'mix'), shown (False: the value is not published). Largest
    |contribution| first, at `most` parts on their own, the pooled rest last. `calendar`:
    Lijn 1's calendar part, taken from the parts by their share of the Lijn 1 cases. In
    publication mode a part counting 1-4 in either period goes to 'overige', whose value is
    hidden if it is small too."""
    if measure in RATES:
        return _rate_contributions(rows, measure, dimension)
    parts = _parts(rows, measure, dimension).with_columns(
        contribution=(pl.col("now") - pl.col("before")).cast(pl.Float64), kind=pl.lit("deel")
    )
    line1 = parts["line1"].sum()
    if calendar is not None and measure in WITH_CALENDAR and line1:
        parts = parts.with_columns(pl.col("contribution") - calendar * pl.col("line1") / line1)
    small = (
        pl.col("now").map_elements(publication.is_small, return_dtype=pl.Boolean)
        | pl.col("before").map_elements(publication.is_small, return_dtype=pl.Boolean)
        if publication
        else pl.lit(False)
    )
    parts = parts.with_columns(small=small).sort(
        pl.col("contribution").abs(), "label", descending=[True, False]
    )
    own = parts.filter(~pl.col("small")).head(most)
    rest = parts.join(own, on="label", how="anti")
    bars = own.drop("small", "line1").with_columns(shown=pl.lit(True))
    if calendar is not None and measure in WITH_CALENDAR and line1:
        bars = pl.concat(
            [bars, _bar(CALENDAR, None, None, calendar, CALENDAR, shown=True)], how="vertical"
        ).sort(pl.col("contribution").abs(), descending=True, maintain_order=True)
    if not rest.is_empty():
        now, before = rest["now"].sum(), rest["before"].sum()
        hidden = publication is not None and (
            publication.is_small(now) or publication.is_small(before)
        )
        bars = pl.concat(
            [bars, _bar(OTHER, now, before, rest["contribution"].sum(), OTHER, shown=not hidden)],
            how="vertical",
        )
    return bars


def _bar(
    label: str, now: int | None, before: int | None, contribution: float, kind: str, *, shown: bool
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "label": [label],
            "now": [now],
            "before": [before],
            "contribution": [float(contribution)],
            "kind": [kind],
            "shown": [shown],
        },
        schema={
            "label": pl.String,
            "now": pl.Int64,
            "before": pl.Int64,
            "contribution": pl.Float64,
            "kind": pl.String,
            "shown": pl.Boolean,
        },
    )


def shift_share(parts: pl.DataFrame) -> pl.DataFrame:
    """part, mix, rate: the change of the overall rate sum(count) / sum(base) split per part
    into a mix part (its share of the base moved) and a rate part (its own rate moved), each
    weighted by the other's mean over the two periods, so that they add up exactly. A part
    in one period only has no rate of its own in the other: only its mix moves."""
    share = {
        period: pl.col(f"base_{period}") / pl.col(f"base_{period}").sum()
        for period in ("now", "before")
    }
    rate = {
        period: pl.col(f"count_{period}") / pl.col(f"base_{period}") for period in ("now", "before")
    }
    return (
        parts.with_columns(
            share_now=share["now"],
            share_before=share["before"],
            rate_now=pl.when(pl.col("base_now") > 0).then(rate["now"]),
            rate_before=pl.when(pl.col("base_before") > 0).then(rate["before"]),
        )
        .with_columns(
            pl.col("rate_now").fill_null(pl.col("rate_before")),
            pl.col("rate_before").fill_null(pl.col("rate_now")),
        )
        .select(
            "part",
            mix=(pl.col("share_now") - pl.col("share_before"))
            * (pl.col("rate_now") + pl.col("rate_before"))
            / 2,
            rate=(pl.col("rate_now") - pl.col("rate_before"))
            * (pl.col("share_now") + pl.col("share_before"))
            / 2,
        )
    )


def _rate_contributions(rows: pl.DataFrame, measure: str, dimension: str) -> pl.DataFrame:
    counts, bases = (_parts(rows, m, dimension) for m in RATES[measure])
    parts = counts.join(bases, on="label", how="full", coalesce=True, suffix="_base").select(
        part="label",
        count_now=pl.col("now").fill_null(0),
        count_before=pl.col("before").fill_null(0),
        base_now=pl.col("now_base").fill_null(0),
        base_before=pl.col("before_base").fill_null(0),
    )
    split = shift_share(parts).sort(pl.col("rate").abs(), "part", descending=[True, False])
    own, rest = split.head(MAX_BARS), split.slice(MAX_BARS)
    bars = [_bar(MIX, None, None, split["mix"].sum(), "mix", shown=True)]
    bars += [
        _bar(r["part"], None, None, r["rate"], "deel", shown=True) for r in own.rows(named=True)
    ]
    if not rest.is_empty():
        bars.append(_bar(OTHER, None, None, rest["rate"].sum(), OTHER, shown=True))
    return pl.concat(bars, how="vertical")


def explain_csv(run: Runner, year: int, measure: str = "cases.total", by: str | None = None) -> str:
    """The explain command: `year` against the year before (a running year against the same
    days) as CSV, one row per bar with its `bijdrage` in the measure's unit; `by` 'calendar'
    gives the calendar part and the rest of Lijn 1's change."""
    if measure not in MEASURES:
        raise ValueError(f"onbekende maat {measure!r}; kies uit {', '.join(MEASURES)}")
    by = by or dimensions(measure)[0]
    if by != "calendar" and by not in dimensions(measure):
        raise ValueError(f"{measure} splitst naar {', '.join(dimensions(measure))} of calendar")
    data_until = run("export_meta")["data_until"][0]
    years = set(run("available_years")["year"].to_list())
    if year not in years:
        raise ValueError(f"geen gegevens voor {year}")
    periods = for_year(comparison(run, YearPeriod(year, data_until), year - 1 in years))
    if periods is None or not covers(run, periods):
        raise ValueError(f"geen gegevens voor {year - 1} om mee te vergelijken")
    rows = change_by_dimension(run, periods)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["periode", "periode_ervoor", "maat", "uitsplitsing", "deel", "bijdrage"])
    first = [periods.now_label, periods.before_label, measure, by]
    if by == "calendar":
        line1 = rows.filter(measure="cases.line1", dimension="line")
        change = float(line1["count_now"].sum() - line1["count_before"].sum())
        part = calendar(run, periods) or 0.0
        bars = [(CALENDAR, part), ("rest van Lijn 1", change - part)]
    else:
        with_calendar = calendar(run, periods) if measure in WITH_CALENDAR else None
        shown = contributions(rows, measure, by, calendar=with_calendar)
        bars = list(shown.select("label", "contribution").iter_rows())
    for label, value in bars:
        writer.writerow([*first, label, f"{value:.{decimals(measure) + 2}f}"])
    return out.getvalue()


def unit(measure: str) -> str:
    return MEASURES[measure][1]


def decimals(measure: str) -> int:
    return 2 if measure in RATES else 0


def sentence(
    bars: pl.DataFrame, measure: str, publication: Publication | None = None, *, parts: int = 3
) -> str:
    """ "1.305 zaken minder: Lijn 1, toestemming voor vakantie, kreeg er 1.363 minder, Lijn 2
    kreeg er 58 bij." The `parts` largest parts (a slide's title has room for one); what
    publication mode hides is said, not shown."""
    places = decimals(measure)
    change = bars["contribution"].sum()
    if round(change, places) == 0:
        head = f"Evenveel {unit(measure)}"
    else:
        head = f"{number(abs(change), places)} {unit(measure)} {'meer' if change > 0 else 'minder'}"
    said = []
    for bar in bars.head(parts).rows(named=True):
        value = bar["contribution"]
        if not bar["shown"]:
            said.append(f"{bar['label']} (aantal niet getoond)")
        elif round(value, places) == 0:
            said.append(f"{bar['label']} bleef gelijk")
        elif bar["kind"] in (CALENDAR, "mix"):
            name = "de kalender" if bar["kind"] == CALENDAR else bar["label"]
            said.append(f"{name}: {number(abs(value), places)} {_more(value)}")
        else:
            more = "bij" if value > 0 else "minder"
            # a label with a comma in it ("Lijn 1, toestemming voor vakantie") is closed by one
            label = bar["label"] + ("," if "," in bar["label"] else "")
            said.append(f"{label} kreeg er {number(abs(value), places)} {more}")
    hidden = not bars.filter(~pl.col("shown")).is_empty()
    text = f"{head}: {', '.join(said)}" + ("; …" if bars.height > parts else ".")
    if hidden and publication:
        text += (
            f" In publicatiemodus staan delen met minder dan {publication.threshold} in een "
            "van beide perioden samen onder 'overige'; is ook dat klein, dan is de waarde "
            "niet getoond."
        )
    return text


def _more(value: float) -> str:
    return "meer" if value > 0 else "minder"


def method(measure: str, dimension: str, periods: Periods) -> str:
    """What "Hoe berekend?" says."""
    text = (
        f"Het verschil tussen {periods.now_label} en {periods.before_label} (even lange "
        f"perioden), opgedeeld naar {DIMENSIONS[dimension]}. "
    )
    if measure in RATES:
        text += (
            "Voor een verhouding (contactmomenten per zaak) splitst de verschuiving-en-"
            "verhoudingsmethode (shift-share) het verschil in een deel doordat de zaken anders "
            "over de delen verdeeld waren ('verschuiving tussen delen') en per deel een bijdrage "
            "doordat de verhouding van dat deel veranderde; samen zijn ze het verschil."
        )
        return text
    text += (
        "Elke staaf is het verschil van één deel; samen zijn ze precies het verschil van het "
        f"totaal. De grootste bijdragen staan voorop, de rest samen onder '{OTHER}'."
    )
    return text + ("\n\n" + METHOD_NL if measure in WITH_CALENDAR else "")
