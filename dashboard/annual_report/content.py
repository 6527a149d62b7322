"""The annual report's chapters 2-7 as content: sentences, tables and charts of a year, in the
order of the printed report, from the same report functions and chart builders as the pages.

No Word here (see `dashboard.annual_report.word`): a chapter is a list of blocks
(`blocks.py`), so the same content could be written to another format. Every count goes
through `sentences.Counts`, the one place that knows publication mode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from dashboard.annual_report.blocks import (
    Block,
    Chapter,
    Chart,
    Document,
    Paragraph,
    Table,
)
from dashboard.annual_report.sentences import SENTENCES, Counts, counts
from dashboard.charts import annual as annual_charts
from dashboard.format import MISSING, change_pct, date_nl, number
from dashboard.publication import Publication, protect_frame
from dashboard.reports import annual, export, trends
from dashboard.reports.periods import YearPeriod

Runner = Callable[..., pl.DataFrame]


# -- the chapters ----------------------------------------------------------------------------

# The printed report's chapters, by its section numbers, and which breakdowns of
# /jaaroverzicht (`annual.breakdowns`) are drawn in each.
CHAPTERS: dict[str, str] = {
    "2": "2. Totaal aantal zaken en contactmomenten",
    "3": "3. Preventiezaken",
    "4": "4. Toestemming vertrekzaken",
    "5": "5. Internationale kinderontvoeringszaken",
    "6": "6. Internationale omgangszaken",
    "7": "7. Overzicht eerstelijns- en tweedelijnszaken",
}
BREAKDOWN_CHAPTER = {
    "contacts": "2",
    "prevention": "3",
    "relocation": "4",
    "abduction": "5",
    "access": "6",
}


# Measures not drawn in a chapter's table of figures: the 2020 definitions (in the chapter on
# definitions) and shares, which the sentences say as counts.
_NOT_IN_TABLE = r"def2020|share_pct"


def figures_table(rows: pl.DataFrame, c: Counts, section: str) -> Table | None:
    """Every measure of a chapter with its value, the year before's, and the change."""
    mine = (
        rows.filter(pl.col("year") == c.year, pl.col("section") == section)
        .filter(~pl.col("measure").str.contains(_NOT_IN_TABLE))
        .sort("label_nl")
    )
    if mine.is_empty():
        return None
    return Table(
        f"Alle cijfers van dit hoofdstuk, {c.year} tegenover {c.year - 1}",
        ("Maat", str(c.year - 1), str(c.year), "Verschil"),
        tuple(
            (label, c.before(measure), c.n(measure), c.change_short(measure))
            for measure, label in mine.select("measure", "label_nl").iter_rows()
        ),
    )


def breakdown_chart(breakdown: annual.Breakdown, unit: str, year: int) -> Chart:
    title = breakdown.title + (f" ({unit})" if len(breakdown.units) > 1 else "")
    rows = breakdown.rows.filter(pl.col("unit_nl") == unit).sort("sort_order")
    items = "; ".join(
        f"{item}{'' if series in ('zaken', item) else ' ' + series}: {annual.figure_text(value)}"
        for item, series, value in rows.select("item_nl", "series_nl", "value").iter_rows()
    )
    return Chart(
        title,
        f"Staafdiagram, {title}, {year} tegenover {year - 1}. {year}: {items}.",
        lambda canvas: annual_charts.breakdown_figure(breakdown.rows, year, unit, canvas=canvas),
    )


def _has_small(values: Sequence[float | None], publication: Publication | None) -> bool:
    return publication is not None and any(
        v is not None and publication.is_small(int(v)) for v in values
    )


def charts(breakdown: annual.Breakdown, year: int, publication: Publication | None) -> list[Block]:
    """A breakdown's charts; in publication mode a chart that would show a count under the
    threshold is left out and said so (the same rule as a page's slide download)."""
    values = [*breakdown.rows["value"], *breakdown.rows["previous_value"]]
    if _has_small(values, publication):
        assert publication is not None
        return [
            Paragraph(
                f"[Grafiek '{breakdown.title}' niet opgenomen in publicatiemodus: hij toont "
                f"aantallen onder {publication.threshold}.]"
            )
        ]
    return [breakdown_chart(breakdown, unit, year) for unit in breakdown.units]


def age_chart(rows: pl.DataFrame, year: int, publication: Publication | None) -> list[Block]:
    if rows.is_empty():
        return []
    title = "Leeftijd van de kinderen in ontvoeringszaken van ouders"
    if _has_small(rows["children"].to_list(), publication):
        assert publication is not None
        return [
            Paragraph(
                f"[Grafiek '{title}' niet opgenomen in publicatiemodus: hij toont aantallen "
                f"onder {publication.threshold}.]"
            )
        ]
    said = "; ".join(
        f"{direction}, {band} jaar: {number(n)}"
        for direction, band, n in rows.select("direction_nl", "age_band", "children").iter_rows()
    )
    return [
        Chart(
            title,
            f"Staafdiagram, {title.lower()}, {year}, naar richting. {said}.",
            lambda canvas: annual_charts.age_figure(rows, canvas=canvas),
        )
    ]


def overview_table(
    run: Runner, period: YearPeriod, publication: Publication | None
) -> tuple[Table, pl.DataFrame]:
    """Section 7's table as /jaaroverzicht downloads it: both years' split and total, and the
    change rounded as the report rounds it (`annual.overview_download`)."""
    overview = annual.line_overview(run, period)
    keep = [k for k in annual.OVERVIEW_HEADERS if k != "change_pct_printed"]
    frame = annual.overview_download(overview, keep, period.year, str(period.year))
    counts_columns = [c for c in frame.columns if c not in ("Soort zaak", "Verschil (%)")]
    if publication is not None:
        frame = protect_frame(frame, publication, count_columns=counts_columns)
    cells = tuple(
        tuple(
            MISSING
            if v is None
            else (change_pct(v, decimals=0) if h == "Verschil (%)" else _cell(v))
            for h, v in zip(frame.columns, row, strict=True)
        )
        for row in frame.iter_rows()
    )
    return (
        Table(
            f"Zaken per registratiecode, naar wie contact opnam, {period.year - 1} en "
            f"{period.year}",
            tuple(frame.columns),
            cells,
            bold_last=True,
        ),
        overview,
    )


def _cell(value: object) -> str:
    return value if isinstance(value, str) else number(value)  # type: ignore[arg-type]


def chapter(
    section: str,
    rows: pl.DataFrame,
    c: Counts,
    breakdowns: Sequence[annual.Breakdown],
    extra: Sequence[Block] = (),
) -> Chapter:
    blocks: list[Block] = list(SENTENCES.get(section, lambda _: [])(c))
    for breakdown in breakdowns:
        if BREAKDOWN_CHAPTER.get(breakdown.key.split("_")[0]) == section:
            blocks += charts(breakdown, c.year, c.publication)
    blocks += extra
    if (table := figures_table(rows, c, section)) is not None:
        blocks.append(table)
    return Chapter(CHAPTERS[section], tuple(blocks), section)


def definitions_chapter(run: Runner, rows: pl.DataFrame, year: int) -> Chapter:
    """The ways of registering over the years, and the measures the last change touches,
    with what they count now."""
    blocks: list[Block] = [
        Paragraph(f"{era[0].upper() + era[1:]} (vanaf {first}): {lines}")
        for era, first, lines in annual.registration_eras(run).iter_rows()
    ]
    touched = (
        rows.filter(pl.col("year") == year, pl.col("definition_changed_year").is_not_null())
        .filter(pl.col("section").is_in(list(CHAPTERS)))
        .filter(~pl.col("measure").str.contains(_NOT_IN_TABLE))
        .select("label_nl", "definition_nl")
        .unique(maintain_order=True)
        .sort("label_nl")
    )
    if not touched.is_empty():
        blocks.append(
            Paragraph(
                "Een cijfer van vóór een wijziging telt iets anders dan een cijfer erna: "
                "vergelijk ze niet zonder dat te zeggen."
            )
        )
        blocks.append(
            Table(
                "Maten die de wijziging van de registratie raakt, zoals ze nu tellen",
                ("Maat", "Definitie"),
                tuple(touched.iter_rows()),
            )
        )
    return Chapter("Definities die veranderden", tuple(blocks))


def differences_chapter(run: Runner, year: int, c: Counts) -> Chapter | None:
    """Where the published report and the data differ (as /jaaroverzicht shows them); None
    when no published figures of `year` are imported."""
    rows = annual.published_vs_computed(run, year)
    if rows.is_empty():
        return None
    changes = annual.published_changes_vs_computed(run, year)
    if c.publication is not None:
        # a computed count under the threshold is not released, not even beside a printed one
        rows = rows.filter(
            ~pl.struct("published_value", "computed_value").map_elements(
                lambda r: c.is_small(r["published_value"]) or c.is_small(r["computed_value"]),
                return_dtype=pl.Boolean,
            )
        )
    counts_ = annual.status_counts(rows)
    blocks: list[Block] = [
        Paragraph(
            f"Het gepubliceerde jaarverslag over {year} drukt {number(rows.height)} aantallen: "
            + ", ".join(f"{number(n)} {status}" for status, n in counts_.items())
            + "."
        ),
        *(Paragraph(w.replace("**", "")) for w in annual.difference_warnings(rows, changes)),
    ]
    if missing := annual.missing_text(rows):
        blocks.append(Paragraph(missing))
    differing = rows.filter(pl.col("status") != "gelijk")
    if not differing.is_empty():
        blocks.append(
            Table(
                "Aantallen die verschillen of niet in de gegevens staan",
                ("Hfst.", "Maat", "Jaarverslag", "Berekend", "Verschil", "Status"),
                tuple(
                    (
                        str(r["section"]),
                        r["label_nl"],
                        annual.figure_text(r["published_value"]),
                        annual.figure_text(r["computed_value"]),
                        MISSING
                        if r["difference"] is None
                        else annual.difference_text(r["difference"]),
                        r["status"],
                    )
                    for r in differing.iter_rows(named=True)
                ),
            )
        )
    return Chapter("Bijlage: Verschillen met het gepubliceerde jaarverslag", tuple(blocks))


def document(run: Runner, year: int, publication: Publication | None) -> Document:
    """Chapters 2-7 of `year`'s annual report as a draft, then the definitions that changed
    and, when the published report is imported, its differences with the data."""
    meta = export.export_meta(run)
    period = YearPeriod(year, meta["data_until"])
    rows = trends.annual_measures(run).filter(pl.col("year").is_in([year - 1, year]))
    c = counts(rows, year, publication)
    found = annual.breakdowns(run, period)
    overview, _ = overview_table(run, period, publication)
    ages = age_chart(annual.abduction_children_by_age(run, year), year, publication)
    chapters = [
        chapter(section, rows, c, found, ages if section == "5" else ())
        for section in ("2", "3", "4", "5", "6")
    ]
    chapters.append(Chapter(CHAPTERS["7"], (overview,), "7"))
    extra = [definitions_chapter(run, rows, year), differences_chapter(run, year, c)]
    intro = [
        f"Concept van de cijferhoofdstukken 2 tot en met 7, gemaakt door het dashboard uit de "
        f"gegevens tot en met {date_nl(meta['data_until'])}. Zaken tellen in het jaar van "
        "opening, contactmomenten in het jaar waarin ze plaatsvonden.",
        publication.banner if publication is not None else "Intern: volledige aantallen.",
    ]
    if period.is_running:
        intro.insert(1, f"{year} loopt nog: de cijfers tellen tot en met "
                        f"{date_nl(meta['data_until'])}.")  # fmt: skip
    if meta["is_demo"]:
        intro.append("Demonstratiegegevens: geen echte zaken.")
    return Document(
        year,
        f"Jaarverslag {year}: cijfers (concept)",
        tuple(intro),
        tuple([*chapters, *(x for x in extra if x is not None)]),
    )
