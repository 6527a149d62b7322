"""The IKO-lezing: the slides of a year, every number protected for publication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import caseload as caseload_charts
from dashboard.charts import countries as countries_charts
from dashboard.charts import explain as explain_charts
from dashboard.charts import fit
from dashboard.charts import mediation as mediation_charts
from dashboard.charts import trends as trends_charts
from dashboard.charts import vacation as vacation_charts
from dashboard.charts.canvas import SCREEN, Canvas
from dashboard.charts.template import PALETTE
from dashboard.disclosure import Release
from dashboard.format import month_name, number, percent
from dashboard.presentation.slides import ChartPeriod, Deck, Slide
from dashboard.publication import Publication
from dashboard.reports import (
    annual,
    caseload,
    countries,
    explain,
    export,
    mediation,
    trends,
    vacation,
)
from dashboard.reports.country_release import country_key, country_release, split_key, split_texts
from dashboard.reports.mediation_release import MediationRelease, mediation_release
from dashboard.reports.periods import YearPeriod

Runner = Callable[..., pl.DataFrame]


# Places per list on the country slide: more rows than this do not fit at MIN_TEXT_PX.
SLOPE_TOP = 5


def key_figures_figure(figures: tuple[annual.Tile, ...], *, canvas: Canvas = SCREEN) -> go.Figure:
    """The key figures as a grid of tiles: the number large, its label and change under it."""
    columns = 4
    annotations = []
    for i, f in enumerate(figures):
        row, col = divmod(i, columns)
        x = (col + 0.5) / columns
        y = 0.86 - row * 0.5  # both rows, change lines included, inside the plot area
        annotations.append(
            {"x": x, "y": y, "text": f"<b>{f.value}</b>", "font": {"size": 48, "color": PALETTE[0]}}
        )
        annotations.append({"x": x, "y": y - 0.18, "text": f.label, "font": {"size": 20}})
        if f.change:
            annotations.append(
                {"x": x, "y": y - 0.3, "text": f.change, "font": {"size": 20, "color": "#4A5568"}}
            )
    for a in annotations:
        a.update(xref="paper", yref="paper", showarrow=False, xanchor="center", yanchor="middle")
    fig = go.Figure()
    fig.update_layout(
        annotations=annotations,
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        margin={"b": 20},
    )
    return fit.lay_out(fig, canvas)


def _trend_pair(rows: pl.DataFrame, data_until_short: str, *, canvas: Canvas = SCREEN) -> go.Figure:
    """Abduction cases and the children in them, side by side, every year the rows have."""
    return trends_charts.trend_pair_figure(
        rows,
        {"abduction.cases": "Ontvoeringszaken", "abduction.children": "Kinderen daarin"},
        data_until_short,
        canvas=canvas,
    )


def _first(df: pl.DataFrame, which: str) -> list[str]:
    return countries.in_top(df, which, 1)  # type: ignore[arg-type]


def deck(run: Runner, year: int, publication: Publication, *, why: bool = False) -> Deck:
    """The slides of `year`, every number protected by `publication`; `why`: with the
    "Waarom" slide after the key figures (the presenter's choice, off by default)."""
    meta = export.export_meta(run)
    period = YearPeriod(year, meta["data_until"])
    made = (
        key_figures_slide(run, period, publication),
        why_slide(run, period, publication) if why else None,
        months_slide(run, period, publication),
        vacation_peaks_slide(run, year, publication),
        *country_slides(run, year, publication),
        *mediation_slides(run, year, publication),
        trend_slide(run, period, publication),
    )
    slides = tuple(s for s in made if s is not None)
    return Deck(year, period.label, period.data_until, bool(meta["is_demo"]), slides)


def key_figures_slide(run: Runner, period: YearPeriod, publication: Publication) -> Slide:
    """1. The year in key figures, against the year before (a running year: the same days)."""
    year = period.year
    headlines = annual.headlines(run, period)
    figures = annual.key_figures(headlines, year, publication)
    total = next(r for r in headlines.iter_rows(named=True) if r["measure"] == "cases.total")
    change = total["change_pct"]
    direction = (
        "" if change is None else
        f", {percent(abs(change), 0)} {'minder' if change < 0 else 'meer'} dan in {year - 1}"
        + ("" if period.is_complete else " tot dezelfde dag")
    )  # fmt: skip
    return Slide(
        "kerncijfers",
        f"{period.label}: {number(total['value'])} zaken{direction}",
        lambda canvas: key_figures_figure(figures, canvas=canvas),
        "Kerncijfers van het jaar, zoals in het jaarverslag geteld: zaken in het jaar van "
        "opening, contactmomenten in het jaar waarin ze plaatsvonden, ontvoering en "
        "preventie alleen zaken waarin een ouder contact opnam. "
        + " ".join(f"{f.label}: {f.value}" + (f" ({f.change})" if f.change else "") + "."
                   for f in figures),
        key_figures=figures,
    )  # fmt: skip


# What the "Waarom" slide explains: the cases of the key figures' headline, by category (the
# split the director asks about first), with Lijn 1's calendar part as its own bar.
WHY_MEASURE, WHY_DIMENSION = "cases.total", "category"
# parts on their own on the slide: with the calendar, "overige" and both periods every label
# keeps a row of its own at 28 px (the screen's seven thinned them out)
WHY_PARTS = 4


def why_slide(run: Runner, period: YearPeriod, publication: Publication) -> Slide | None:
    """1a (on request). Why the year's cases changed: the change against the year before (a
    running year: the same days) split by category, with the calendar's part of Lijn 1, as
    /jaaroverzicht's "Waarom?" shows it in publication mode; None without a year before."""
    has_before = period.year - 1 in export.available_years(run)
    periods = explain.for_year(annual.comparison(run, period, has_before))
    if periods is None or not explain.covers(run, periods):
        return None
    rows = explain.change_by_dimension(run, periods)
    bars = explain.contributions(
        rows, WHY_MEASURE, WHY_DIMENSION, calendar=explain.calendar(run, periods),
        publication=publication, most=WHY_PARTS,
    )  # fmt: skip
    before = float(rows.filter(measure=WHY_MEASURE, dimension=WHY_DIMENSION)["count_before"].sum())
    # the slide's title holds two lines: the change and its largest part; the notes say all
    method = explain.method(WHY_MEASURE, WHY_DIMENSION, periods).replace("**", "")
    return Slide(
        "waarom",
        explain.sentence(bars, WHY_MEASURE, parts=1),
        lambda canvas: explain_charts.waterfall_figure(
            bars, before, before_label=periods.before_label, now_label=periods.now_label,
            canvas=canvas,
        ),
        explain.sentence(bars, WHY_MEASURE, publication) + " " + method.replace("\n\n", " "),
    )  # fmt: skip


def months_slide(run: Runner, period: YearPeriod, publication: Publication) -> Slide:
    """2. Lijn 1 and Lijn 2 per month, with the school holidays."""
    count, year, data_until = publication.count, period.year, period.data_until
    filters = caseload.Filters(start=dt.date(year, 1, 1), end=dt.date(year, 12, 1))
    months = caseload.new_cases_by_month(run, filters).filter(
        pl.col("month") <= period.last_day.replace(day=1)
    )
    holidays = caseload.school_holidays(run, filters)
    # the busiest month per line, Lijn 1 first: `unique` alone keeps no order, and the notes
    # then named the lines in a different order from one run to the next
    busiest = {
        r["line_nl"]: r
        for r in months.sort("cases", descending=True)
        .unique("line_nl", keep="first")
        .sort("line_nl")
        .iter_rows(named=True)
    }
    peak_months = {line: month_name(r["month"].month) for line, r in busiest.items()}
    if len(set(peak_months.values())) == 1 and len(peak_months) == 2:
        month = next(iter(peak_months.values()))
        line_texts = [f"{month.capitalize()} de drukste maand, voor Lijn 1 én Lijn 2"]
    else:
        line_texts = [f"{line} het drukst in {month}" for line, month in peak_months.items()]
    return Slide(
        "maanden",
        ", ".join(line_texts) or f"Zaken per maand, {period.label}",
        lambda canvas: caseload_charts.monthly_comparison(
            months, facet="line", facet_label="line_nl", value="cases",
            year_before="cases_year_before", holidays=holidays, unit="zaken",
            data_until=data_until, canvas=canvas,
        ),
        "Nieuwe zaken per maand van opening, Lijn 1 (informatie en advies) en Lijn 2 "
        "(casusbehandeling), naast dezelfde maand een jaar eerder (grijs); de banden zijn de "
        "schoolvakanties per regio. "
        + " ".join(
            f"{line}: {count(r['cases'])} zaken in {month_name(r['month'].month)}."
            for line, r in busiest.items()
        ),
    )  # fmt: skip


def vacation_peaks_slide(run: Runner, year: int, publication: Publication) -> Slide | None:
    """3. The Lijn 1 peaks before the holidays."""
    count = publication.count
    peaks = vacation.line1_peaks(run, year)
    aligned = vacation.holiday_aligned(run)
    if peaks.is_empty() or aligned.is_empty():
        return None
    top = peaks.sort("peak_to_baseline", descending=True).row(0, named=True)
    weeks = top["weeks_before_midden"]
    # the chart averages the holidays of every year the data cover, the title is of `year`
    averaged = ChartPeriod.holidays(vacation.aligned_years(aligned))
    return Slide(
        "vakantiepieken",
        f"Lijn 1 piekt in {year} vóór de {top['holiday_nl'].lower()}: "
        f"{number(top['peak_to_baseline'], 1)} keer een gewone week",
        lambda canvas: vacation_charts.aligned_chart(aligned, canvas=canvas),
        "Lijn 1-zaken per werkdag rond de eerste vakantiedag, gemiddeld over de "
        f"{averaged.label} (die de gegevens helemaal beslaan). Piekweek per vakantie in "
        f"{year} (zaken in de drukste volledige ISO-week, tegenover het gemiddelde van "
        f"{number(top['baseline_weeks'])} gewone weken, "
        f"{number(top['baseline_cases'], 1)} zaken): "
        + "; ".join(
            f"{r['holiday_nl']}: week {r['peak_iso_week']}, {count(r['peak_cases'])} "
            f"zaken ({number(r['peak_to_baseline'], 1)} keer)"
            for r in peaks.iter_rows(named=True)
        )
        + (f". De zomerpiek ligt {weeks} weken vóór de start in regio midden."
           if weeks is not None and top["holiday_key"] == "zomervakantie" else "."),
        period=averaged,
    )  # fmt: skip


def country_slides(run: Runner, year: int, publication: Publication) -> tuple[Slide | None, ...]:
    """4 and 5. The country slides, their counts from one released set (the HKOV split adds
    up the countries the ranking names)."""
    period = countries.Period.ending(year)
    by_country = countries.threat_vs_abduction_by_country(run, period)
    split = countries.hkov_split(run, period)
    release = country_release(by_country, split, publication)
    return (
        countries_slide(by_country, period, release, publication),
        hkov_slide(split, by_country, release, publication),
    )


def countries_slide(
    by_country: pl.DataFrame,
    country_period: countries.Period,
    release: Release,
    publication: Publication,
) -> Slide | None:
    """4. Threat against actual abduction per country."""
    if by_country.is_empty():
        return None
    feared, taken = _first(by_country, "threat"), _first(by_country, "outgoing")
    title = (
        f"{' en '.join(feared)} het meest gevreesd, {' en '.join(taken)} het vaakst bestemming"
        if feared != taken
        else f"{' en '.join(feared)} het meest gevreesd én het vaakst bestemming"
    )
    ranked = {
        which: countries.published_places(by_country, publication)
        .filter(pl.col(f"{which}_cases") >= publication.threshold)
        .sort(f"{which}_cases", descending=True)
        .head(SLOPE_TOP)
        for which in ("threat", "outgoing")
    }
    return Slide(
        "landen",
        title,
        lambda canvas: countries_charts.rank_slope_figure(
            by_country, SLOPE_TOP, publication=publication, canvas=canvas
        ),
        f"Rangorde van landen in {country_period.label}, alleen zaken waarin een ouder "
        "contact opnam. Links dreiging (preventiezaken: een ouder vreest ontvoering naar "
        "het land), rechts uitgaande ontvoering (kinderen vanuit Nederland naar het "
        f"land). Landen met {publication.small} zaken delen één plaats. "
        + " ".join(
            f"{'Dreiging' if which == 'threat' else 'Uitgaand'}: "
            + ", ".join(
                f"{r['country_nl']} {release.text(country_key(r['country_nl'], f'{which}_cases'))}"
                for r in rows.iter_rows(named=True)
            )
            + "."
            for which, rows in ranked.items()
        ),
    )  # fmt: skip


def hkov_slide(
    split: pl.DataFrame, by_country: pl.DataFrame, release: Release, publication: Publication
) -> Slide | None:
    """5. HKOV and non-HKOV."""
    if split.is_empty():
        return None
    texts = split_texts(release, split)
    outgoing = split_key("uitgaand", "HKOV-land", "cases"), split_key("uitgaand", "totaal", "cases")
    return Slide(
        "hkov",
        f"{release.share(*outgoing)} uitgaande ontvoeringen naar een HKOV-land",
        lambda canvas: countries_charts.hkov_split_figure(
            split, by_country, publication=publication, canvas=canvas
        ),
        "Ontvoeringszaken van ouders en de kinderen daarin, naar de HKOV-vlag op de zaak "
        "(Haags Kinderontvoeringsverdrag 1980; bepaalt de juridische route). "
        + "; ".join(f"{k}, {'zaken' if v == 'cases' else 'kinderen'}: {t}"
                    for (k, v), t in texts.items())
        + ". Noemer van het aandeel: alle uitgaande ontvoeringszaken.",
    )  # fmt: skip


def mediation_slides(run: Runner, year: int, publication: Publication) -> tuple[Slide | None, ...]:
    """6 and 7. The mediation slides, their counts (titles, charts and notes) from one
    released set, so that no note can be subtracted from a chart."""
    steps = mediation.funnel(run, year)
    rates = mediation.success_rates(run)
    release = mediation_release(steps, rates, None, year, publication, name="lezing")
    return (
        mediation_flow_slide(steps, release),
        success_rate_slide(rates, year, release),
    )


def mediation_flow_slide(steps: pl.DataFrame, release: MediationRelease) -> Slide | None:
    """6. Mediation: the year's requests to their outcomes, IKO and NIKO together."""
    year = release.year
    if not mediation.summed(mediation.stage_totals(steps))["requests"]:
        return None
    shown = release.stages()["samen"]
    return Slide(
        "mediation",
        f"Van {shown['requests']} mediationverzoeken naar {shown['full_agreement']} "
        "volledige overeenkomsten",
        lambda canvas: mediation_charts.funnel_figure(
            steps, "samen", shown=shown, canvas=canvas
        ),
        f"Mediationverzoeken die in {year} binnenkwamen (IKO en NIKO samen) en waar elk "
        "nu staat. "
        + "; ".join(f"{mediation.STAGE_LABELS[s]}: {t}" for s, t in shown.items())
        + ".",
    )  # fmt: skip


def success_rate_slide(rates: pl.DataFrame, year: int, release: MediationRelease) -> Slide | None:
    """7. The year's success rate: successful of the ended mediations."""
    year_rates = mediation.year_rates(rates, year)
    both = year_rates.get("samen")
    if both is None or not both["ended"]:
        return None
    title = f"{release.share('samen')} beëindigde mediations geslaagd"
    if release.protects and not release.shows_rate("samen"):
        # "× van 21" reads as a typo on a projector: say what is there and why no rate
        title = (
            f"{release.count('samen', 'ended')} beëindigde mediations in {year}: te weinig "
            "om een slagingspercentage te noemen"
        )
    # where the year's rate is hidden, the years together may be shown (and then say so)
    pooled = release.pooled
    pooled_note = ""
    if pooled is not None and "samen" in pooled.rows:
        pooled_share = release.pooled_share("samen")
        if not release.shows_rate("samen"):
            title = f"Slagingspercentage {pooled.years} samen: {pooled_share} geslaagd"
        pooled_note = f" {pooled.years} samen, IKO en NIKO: {pooled_share}."
    return Slide(
        "slagingspercentage",
        title,
        lambda canvas: mediation_charts.success_rate_figure(
            rates, year, release=release, canvas=canvas
        ),
        "Geslaagd is een volledige overeenkomst; een gedeeltelijke of "
        "spiegelovereenkomst telt, zoals in het jaarverslag, als niet geslaagd. Noemer: "
        "de na de intake voortgezette mediations die zijn beëindigd; lopende tellen niet "
        f"mee. Een percentage staat er alleen bij een noemer van ten minste "
        f"{release.publication.min_denominator}. "
        + "; ".join(
            f"{t}: {release.share(t)}"
            + (f", {release.running(t)} lopend" if r["running"] else "")
            for t, r in year_rates.items()
        )
        + "."
        + pooled_note,
    )  # fmt: skip


def trend_slide(run: Runner, period: YearPeriod, publication: Publication) -> Slide | None:
    """8. The multi-year trend of abduction cases and the children in them: every year the
    dashboard has, computed or published, up to the deck's year."""
    count, data_until = publication.count, period.data_until
    trend_rows = trends.annual_measures(run).filter(
        pl.col("measure").is_in(["abduction.cases", "abduction.children"])
        & (pl.col("year") <= period.year)
    )
    cases_rows = trend_rows.filter(pl.col("measure") == "abduction.cases").sort("year")
    if not cases_rows.height:
        return None
    changes = trends.definition_changes(cases_rows)
    short = f"t/m {data_until.day} {month_name(data_until.month)[:3]}"
    # a running year against the same days of the year before, never against a whole year
    same_days = {
        r["year"]: int(r["value"])
        for r in trends.same_period_measures(run)
        .filter(pl.col("measure") == "abduction.cases")
        .iter_rows(named=True)
    }
    return Slide(
        "trend",
        _trend_headline(cases_rows, changes, count, short, same_days),
        lambda canvas: _trend_pair(trend_rows, short, canvas=canvas),
        "Ontvoeringszaken (uitgaand en inkomend, waarin een ouder contact opnam) en de "
        "kinderen daarin, per jaar van opening; jaren vóór de export uit de "
        "jaarverslagen (gearceerd). "
        + "".join(
            f"Vanaf {year} registreert het centrum anders ({what}, de gestreepte lijn): de "
            "jaren ervoor zijn anders geteld en niet zonder meer te vergelijken. "
            for year, what in changes
        )
        + " ".join(
            f"{r['year']}: {count(int(r['value']))} "
            f"{'zaken' if r['measure'] == 'abduction.cases' else 'kinderen'}."
            for r in trend_rows.sort("measure", "year").iter_rows(named=True)
        ),
        # the slide says the years its chart shows, not the deck's year alone
        period=ChartPeriod.years(int(cases_rows["year"].min()), period.year, data_until),
    )  # fmt: skip


def _trend_headline(
    cases: pl.DataFrame,
    changes: list[tuple[int, str]],
    count: Callable[[int], str],
    short: str,
    same_days: dict[int, int],
) -> str:
    """The first and the last year's abduction cases. A running last year stands beside the
    same days of the year before (`same_days`: each year's cases up to the data's last
    calendar day), both saying up to when (`short`). Across a change of registration the
    comparison stays inside the present registration (the years before counted otherwise)
    and the headline says so; with one year of it, that year alone."""
    since = changes[-1][0] if changes else None
    present = cases if since is None else cases.filter(pl.col("year") >= since)
    first, last = present.row(0, named=True), present.row(-1, named=True)
    last_text = f"{count(int(last['value']))} in {last['year']}"
    before = last["year"] - 1
    if last["kind"] == "lopend" and before in same_days and present.height > 1:
        text = f"Ontvoeringszaken {short}: {count(same_days[before])} in {before}, {last_text}"
        return text + (f", vóór {since} anders geregistreerd" if since is not None else "")
    if last["kind"] == "lopend":
        last_text += f" {short}"
    if since is None:
        return f"Ontvoeringszaken: {count(int(first['value']))} in {first['year']}, {last_text}"
    if present.height == 1:
        return f"Ontvoeringszaken: {last_text}, de jaren vóór {since} anders geregistreerd"
    return (
        f"Ontvoeringszaken: {count(int(first['value']))} in {first['year']}, {last_text}, "
        f"vóór {since} anders geregistreerd"
    )
