"""The annual report's chapters 2-7 as content: sentences, tables and charts of a year, in the
order of the printed report, from the same report functions and chart builders as the pages.

No Word here (see `dashboard.annual_report.word`): a chapter is a list of blocks, so the same
content could be written to another format. Every count goes through `Counts`, the one place
that knows publication mode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
import polars as pl

from dashboard.charts import annual as annual_charts
from dashboard.charts.canvas import Canvas
from dashboard.format import MISSING, change_pct, date_nl, number, signed
from dashboard.publication import Publication, protect_frame
from dashboard.reports import annual, export, trends
from dashboard.reports.periods import YearPeriod

Runner = Callable[..., pl.DataFrame]


# -- blocks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Table:
    """An editable table: Dutch headers and every cell already as text; `bold_last` marks a
    totals row."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bold_last: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart drawn by a page's builder for the canvas the writer gives it; `alt` says in
    words what it shows (a picture's alt text), `height` its builder's height in pixels."""

    title: str
    alt: str
    build: Callable[[Canvas], go.Figure]


Block = Paragraph | Subheading | Table | Chart


@dataclass(frozen=True)
class Chapter:
    title: str  # "2. Totaal aantal zaken en contactmomenten"
    blocks: tuple[Block, ...]
    key: str = ""  # the report's section ("2" ... "7"), empty for an appendix


@dataclass(frozen=True)
class Document:
    year: int
    title: str
    intro: tuple[str, ...]
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)

    @property
    def stem(self) -> str:
        return f"jaarverslag-{self.year}-concept"


# -- numbers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """A year's measures and the year before's, written as the document prints them: counts
    the Dutch way, small counts "<5" in publication mode (`publication` None: full numbers)."""

    year: int
    values: dict[str, float]
    previous: dict[str, float]
    publication: Publication | None

    def text(self, value: float | None) -> str:
        if value is None:
            return MISSING
        if not float(value).is_integer():
            return number(value, 1)
        if self.publication is None:
            return number(value)
        return self.publication.count(int(value))

    def n(self, measure: str) -> str:
        return self.text(self.values.get(measure))

    def before(self, measure: str) -> str:
        return self.text(self.previous.get(measure))

    def is_small(self, value: float | None) -> bool:
        pub = self.publication
        return pub is not None and value is not None and pub.is_small(int(value))

    def change(self, measure: str) -> str:
        """ "12 % minder dan in 2024 (10.829)"; empty without the year before, and in
        publication mode when either count is small (the change would give it away)."""
        now, then = self.values.get(measure), self.previous.get(measure)
        if now is None or not then or self.is_small(now) or self.is_small(then):
            return ""
        if now == then:
            return f"evenveel als in {self.year - 1}"
        pct = 100 * (now - then) / then
        if then < annual.SMALL_BASE:  # as the tiles: a change of a small base as a count
            amount = f"{self.text(abs(now - then))} {'meer' if now > then else 'minder'}"
        else:
            amount = f"{change_pct(abs(pct), decimals=0).lstrip('+')} " + (
                "meer" if now > then else "minder"
            )
        return f"{amount} dan in {self.year - 1}: {self.before(measure)}"

    def said(self, measure: str, noun: str) -> str:
        """ "9.524 zaken (12 % minder dan in 2024: 10.829)"."""
        change = self.change(measure)
        return f"{self.n(measure)} {noun}" + (f" ({change})" if change else "")

    def change_short(self, measure: str) -> str:
        """ "-12 %" (or "+3" on a small base) for a table; "–" where `change` says nothing."""
        now, then = self.values.get(measure), self.previous.get(measure)
        if not self.change(measure) or now is None or then is None:
            return MISSING
        if then < annual.SMALL_BASE:
            return signed(now - then, 0 if float(now - then).is_integer() else 1)
        return change_pct(100 * (now - then) / then, decimals=0)


def counts(rows: pl.DataFrame, year: int, publication: Publication | None) -> Counts:
    """`rows`: report `trend_measures` (one row per year x measure)."""

    def of(y: int) -> dict[str, float]:
        return {
            m: v for m, v in rows.filter(pl.col("year") == y).select("measure", "value").iter_rows()
        }

    return Counts(year, of(year), of(year - 1), publication)


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


def _sentences_2(c: Counts) -> list[Block]:
    y = c.year
    return [
        Subheading("Zaken"),
        Paragraph(f"In {y} kreeg Centrum IKO {c.said('cases.total', 'zaken')}."),
        Paragraph(
            f"Daarvan waren {c.said('cases.line1', 'eerstelijnszaken')} en "
            f"{c.said('cases.line2', 'tweedelijnszaken')}. Eerstelijnszaken zijn de zaken met "
            "de code 'toestemming voor vakantie'."
        ),
        Paragraph(
            f"Van de {c.n('cases.line2')} tweedelijnszaken werden er "
            f"{c.n('cases.line2.closed_same_year')} in hetzelfde jaar afgesloten; "
            f"{c.n('cases.line2.carried_to_next_year')} zaken gingen mee naar {y + 1}. "
            f"Per maand werden gemiddeld {c.n('cases.line2.monthly_average')} "
            "tweedelijnszaken geopend."
        ),
        Subheading("Contactmomenten"),
        Paragraph(
            f"In {y} waren er {c.said('contacts.total', 'contactmomenten')}: "
            f"{c.said('contacts.line1', 'in Lijn 1')} en "
            f"{c.said('contacts.line2', 'in Lijn 2')}."
        ),
        Paragraph(
            f"Van de {c.n('contacts.total')} contacten waren er {c.n('contacts.phone')} "
            f"telefonisch, {c.n('contacts.email')} per e-mail en "
            f"{c.n('contacts.contact_form')} via het contactformulier."
        ),
        Paragraph(
            f"Van de {c.n('contacts.phone')} telefonische contacten waren er "
            f"{c.n('contacts.phone.parents')} met ouders, "
            f"{c.n('contacts.phone.family_acquaintances')} met familie en kennissen en "
            f"{c.n('contacts.phone.professionals')} met professionals. Van de "
            f"{c.n('contacts.email')} e-mailcontacten waren er {c.n('contacts.email.parents')} "
            f"met ouders, {c.n('contacts.email.family_acquaintances')} met familie en kennissen "
            f"en {c.n('contacts.email.professionals')} met professionals. Van de "
            f"{c.n('contacts.contact_form')} contactformulieren kwamen er "
            f"{c.n('contacts.contact_form.parents')} van ouders, "
            f"{c.n('contacts.contact_form.family_acquaintances')} van familie en "
            f"{c.n('contacts.contact_form.third_parties')} van professionals."
        ),
    ]


def _sentences_3(c: Counts) -> list[Block]:
    y = c.year
    return [
        Paragraph(
            f"In {y} waren er {c.said('prevention.cases', 'preventiezaken')}: in "
            f"{c.n('prevention.cases.parents')} zaken zochten ouders contact, in "
            f"{c.n('prevention.cases.third_parties')} zaken derden. In {y - 1} waren dat "
            f"{c.before('prevention.cases.parents')} ouders en "
            f"{c.before('prevention.cases.third_parties')} derden."
        ),
        Paragraph(
            f"In de zaken van ouders waren {c.said('prevention.children', 'kinderen')} betrokken."
        ),
        Paragraph(
            f"In {c.n('prevention.worried_parent.mother')} zaken was het de moeder die een "
            f"ontvoering vreesde, in {c.n('prevention.worried_parent.father')} zaken de vader."
        ),
        Paragraph(
            f"{c.n('prevention.contact.mother')} moeders namen contact op: "
            f"{c.n('prevention.contact.mother.potentially_left_behind')} als potentieel "
            f"achterblijvende ouder en {c.n('prevention.contact.mother.potentially_taking')} "
            f"als potentieel meenemende ouder. {c.n('prevention.contact.father')} vaders namen "
            f"contact op: {c.n('prevention.contact.father.potentially_left_behind')} als "
            "potentieel achterblijvende ouder en "
            f"{c.n('prevention.contact.father.potentially_taking')} als potentieel meenemende "
            "ouder."
        ),
        Paragraph(
            f"In {c.n('prevention.direction.from_nl')} zaken werd de dreiging ervaren vanuit "
            f"Nederland naar het buitenland, in {c.n('prevention.direction.to_nl')} zaken "
            "vanuit het buitenland naar Nederland en in "
            f"{c.n('prevention.direction.between_other_countries')} zaken tussen twee andere "
            "landen."
        ),
    ]


def _sentences_4(c: Counts) -> list[Block]:
    y = c.year
    return [
        Paragraph(
            f"In {y} namen ouders in {c.said('relocation.cases', 'zaken')} contact op over "
            f"'toestemming voor vertrek'. Daarbij waren "
            f"{c.said('relocation.children', 'kinderen')} betrokken."
        ),
        Paragraph(
            f"In {c.n('relocation.relocating_parent.mother')} zaken wilde de moeder met het "
            f"kind verhuizen, in {c.n('relocation.relocating_parent.father')} zaken de vader."
        ),
        Paragraph(
            f"Van de moeders vroegen er {c.n('relocation.contact.mother.self_relocating')} "
            "advies over hun eigen verhuizing en "
            f"{c.n('relocation.contact.mother.other_parent_relocating')} over een verhuizing "
            "van de vader. Van de vaders vroegen er "
            f"{c.n('relocation.contact.father.self_relocating')} advies over hun eigen "
            f"verhuizing en {c.n('relocation.contact.father.other_parent_relocating')} over een "
            "verhuizing van de moeder."
        ),
        Paragraph(
            f"In {c.n('relocation.not_involving_nl')} zaken ging het niet om een verhuizing van "
            "of naar Nederland."
        ),
    ]


def _sentences_5(c: Counts) -> list[Block]:
    y = c.year
    return [
        Paragraph(
            f"In {y} werden "
            f"{c.said('abduction.cases', 'internationale kinderontvoeringszaken (IKO-zaken)')} "
            "geregistreerd waarin een ouder contact opnam. "
            f"Daarbij waren {c.said('abduction.children', 'kinderen')} betrokken."
        ),
        Paragraph(
            f"In {c.n('abduction.taking_parent.mother')} zaken was de moeder de meenemende "
            f"ouder, in {c.n('abduction.taking_parent.father')} zaken de vader. In "
            f"{c.n('abduction.contact.left_behind_parent')} zaken nam de achtergebleven ouder "
            f"contact op, in {c.n('abduction.contact.taking_parent')} zaken de meenemende "
            "ouder."
        ),
        Paragraph(
            f"In {c.n('abduction.by_family.cases')} zaken nam een familielid het kind mee; "
            f"daarbij waren {c.n('abduction.by_family.children')} kinderen betrokken."
        ),
        Paragraph(
            f"Uitgaand (vanuit Nederland naar het buitenland): "
            f"{c.said('abduction.outgoing.cases', 'zaken')} met "
            f"{c.said('abduction.outgoing.children', 'kinderen')}; naar een HKOV-land "
            f"{c.n('abduction.outgoing.hague.cases')} zaken met "
            f"{c.n('abduction.outgoing.hague.children')} kinderen, naar een niet-HKOV-land "
            f"{c.n('abduction.outgoing.non_hague.cases')} zaken met "
            f"{c.n('abduction.outgoing.non_hague.children')} kinderen."
        ),
        Paragraph(
            f"Inkomend (vanuit het buitenland naar Nederland): "
            f"{c.said('abduction.incoming.cases', 'zaken')} met "
            f"{c.said('abduction.incoming.children', 'kinderen')}; vanuit een HKOV-land "
            f"{c.n('abduction.incoming.hague.cases')} zaken met "
            f"{c.n('abduction.incoming.hague.children')} kinderen, vanuit een niet-HKOV-land "
            f"{c.n('abduction.incoming.non_hague.cases')} zaken met "
            f"{c.n('abduction.incoming.non_hague.children')} kinderen."
        ),
        Paragraph(
            f"Buiten Nederland om, met een Nederlandse connectie: "
            f"{c.n('abduction.outside_nl.cases')} zaken met "
            f"{c.n('abduction.outside_nl.children')} kinderen."
        ),
    ]


def _sentences_6(c: Counts) -> list[Block]:
    y = c.year
    return [
        Paragraph(
            f"In {y} behandelde Centrum IKO "
            f"{c.said('access.cases', 'internationale omgangszaken')} waarin een ouder "
            "contact opnam."
        ),
        Paragraph(
            f"In {c.n('access.advice_sought.father')} zaken vroeg een vader advies, in "
            f"{c.n('access.advice_sought.mother')} zaken een moeder. In "
            f"{c.n('access.wants_contact.father')} zaken was het de vader die omgang wenste, "
            f"in {c.n('access.wants_contact.mother')} zaken de moeder."
        ),
    ]


SENTENCES: dict[str, Callable[[Counts], list[Block]]] = {
    "2": _sentences_2,
    "3": _sentences_3,
    "4": _sentences_4,
    "5": _sentences_5,
    "6": _sentences_6,
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
