"""The annual report's numbers as Dutch sentences, chapter by chapter, and `Counts`: the one
place that writes a count, in publication mode or in full."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from dashboard.annual_report.blocks import Block, Paragraph, Subheading
from dashboard.disclosure import Release
from dashboard.format import MISSING, change_pct, number, signed
from dashboard.publication import Publication
from dashboard.reports import annual


@dataclass(frozen=True)
class Counts:
    """A year's measures and the year before's, written as the document prints them: counts
    the Dutch way, small counts "<5" in publication mode (`publication` None: full numbers)."""

    year: int
    values: dict[str, float]
    previous: dict[str, float]
    publication: Publication | None
    release: Release | None = None

    def text(self, value: float | None) -> str:
        if value is None:
            return MISSING
        if not float(value).is_integer():
            return number(value, 1)
        if self.publication is None:
            return number(value)
        return self.publication.count(int(value))

    def _shown(self, measure: str, when: str, value: float | None) -> str:
        key = (measure, when)
        if self.release is None or value is None:
            return self.text(value)
        if key in self.release.values:
            return self.release.text(key)
        # a share or an average of a hidden count gives the count away
        if any(measure.startswith(k[0]) and k[1] == when for k in self.release.hidden):
            return MISSING
        return self.text(value)

    def n(self, measure: str) -> str:
        return self._shown(measure, "nu", self.values.get(measure))

    def before(self, measure: str) -> str:
        return self._shown(measure, "voor", self.previous.get(measure))

    def is_small(self, value: float | None) -> bool:
        pub = self.publication
        return pub is not None and value is not None and pub.is_small(int(value))

    def hidden(self, measure: str) -> bool:
        """Whether publication mode hides the year's or the year before's count."""
        return self.release is not None and any(
            (measure, w) in self.release.hidden for w in ("nu", "voor")
        )

    def change(self, measure: str) -> str:
        """ "12 % minder dan in 2024 (10.829)"; empty without the year before, and in
        publication mode when either count is small (the change would give it away)."""
        now, then = self.values.get(measure), self.previous.get(measure)
        if now is None or not then or self.is_small(now) or self.is_small(then):
            return ""
        if self.hidden(measure):
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

    values, previous = of(year), of(year - 1)
    release = None if publication is None else annual.measure_release(values, previous, publication)
    return Counts(year, values, previous, publication, release)


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
