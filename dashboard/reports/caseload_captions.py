"""What the caseload page says of its figures: the headings and captions for one selection.

Every sentence names the filters that narrow what it counts, and a period that ends in the
running month says up to which day that month counts and what it is compared with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from dashboard.format import date_nl, month_abbreviation, month_name, month_nl
from dashboard.reports import same_period
from dashboard.reports.caseload import ALL, Filters, month_label

HOLIDAYS = "Gekleurde banden: schoolvakanties per regio (Noord, Midden, Zuid)."


class Who(NamedTuple):
    """What a party filter leaves in: which cases are counted, and whose contacts."""

    cases: str
    contacts: str


WHO = {
    ALL: Who("ouders en derden", "met ouders en derden"),
    "ouders": Who("alleen zaken waarin een ouder contact opnam", "alleen met ouders"),
    "derden": Who(
        "alleen zaken waarin een derde (familie, kennis, professional) contact opnam",
        "alleen met derden (familie, kennissen, professionals)",
    ),
}


@dataclass(frozen=True)
class Captions:
    """The page's texts for the filters `f`; `category_nl` names the chosen category."""

    f: Filters
    category_nl: str
    data_until: dt.date
    ends_running: bool  # the period's last month is the running month

    @property
    def cases_who(self) -> str:
        return WHO[self.f.party].cases

    @property
    def contacts_who(self) -> str:
        return WHO[self.f.party].contacts

    @property
    def category(self) -> str:
        return "alle categorieën" if self.f.category == ALL else f"categorie {self.category_nl}"

    @property
    def running_month(self) -> str:
        """ "„nov t/m 22”": how the axis names the running month."""
        return f"„{month_abbreviation(self.f.end.month)} t/m {self.data_until.day}”"

    @property
    def running(self) -> str:
        """What a monthly chart's running month is, or nothing when the period ends before."""
        if not self.ends_running:
            return ""
        until = self.data_until
        return (
            f" {self.running_month}: de lopende maand, met gegevens tot en met {date_nl(until)}; "
            f"lichter getekend, en grijs ernaast dezelfde dagen een jaar eerder (1 t/m "
            f"{until.day} {month_name(until.month)} {until.year - 1}), niet de hele maand."
        )

    @property
    def heading(self) -> str:
        """ "dec 2024 t/m 22 nov 2026 (24 maanden)"."""
        f, count = self.f, self.f.month_count()
        end = f"{self.data_until.day} {month_nl(f.end)}" if self.ends_running else month_nl(f.end)
        return f"{month_nl(f.start)} t/m {end} ({count} {'maand' if count == 1 else 'maanden'})"

    def totals(self, year_before_end: dt.date | None) -> str:
        """Under the period's key figures; `year_before_end` is the last day the year-earlier
        counts reach."""
        text = (
            "Zaken naar maand van opening, contactmomenten naar de maand waarin ze plaatsvonden; "
            f"{self.category}. Verschil met dezelfde dagen een jaar eerder, waar de export zo ver "
            "terug gaat"
        )
        if not self.ends_running or year_before_end is None:
            return text + "."
        start = self.f.start
        return text + (
            f": {month_nl(start.replace(year=start.year - 1))} t/m {date_nl(year_before_end)}. "
            f"De lopende maand telt tot en met {date_nl(self.data_until)} en staat tegenover "
            "dezelfde dagen een jaar eerder, niet tegenover de hele maand. "
            + same_period.definition_nl(self.data_until)
        )

    @property
    def new_cases(self) -> str:
        return (
            f"Telt geopende zaken (nieuwe zaken) per maand van opening; {self.cases_who}; "
            f"{self.category}. Grijs: dezelfde maand een jaar eerder.{self.running} {HOLIDAYS}"
        )

    @property
    def contacts(self) -> str:
        return (
            f"Telt contactmomenten in de maand waarin ze plaatsvonden, {self.contacts_who}; "
            f"{self.category} (de categorie van de zaak). Grijs: dezelfde maand een jaar eerder."
            f"{self.running} {HOLIDAYS}"
        )

    @property
    def contacts_per_case(self) -> str:
        text = (
            "Hoe intensief het werk is: contactmomenten in de maand gedeeld door het aantal zaken "
            f"met minstens één contactmoment in die maand, per lijn; contacten "
            f"{self.contacts_who}; {self.category}. Gestippeld: dezelfde maand een jaar eerder."
        )
        if not self.ends_running:
            return text
        return text + (
            f" De lopende maand ({self.running_month}, gegevens tot en met "
            f"{date_nl(self.data_until)}) heeft geen punt: in een deel van een maand heeft een "
            "zaak minder dagen voor een volgend contact, dus het aantal per zaak zakt zonder dat "
            "het werk lichter wordt."
        )

    @property
    def line2_open(self) -> str:
        return (
            "Telt Lijn 2-zaken die open stonden aan het eind van de maand: geopend op of vóór de "
            f"laatste dag en toen nog niet gesloten (de lopende maand op "
            f"{date_nl(self.data_until)}); {self.cases_who}; {self.category}. "
            "Gestippeld: dezelfde maand een jaar eerder."
        )

    @property
    def line2_carried(self) -> str:
        return (
            "Telt Lijn 2-zaken naar jaar van opening die in dat jaar niet zijn gesloten (later "
            f"gesloten of nog open), zoals het jaarverslag; {self.cases_who}; {self.category}. "
            "Voor het lopende jaar is dat wat nu nog open staat."
        )

    @property
    def heatmap(self) -> str:
        text = (
            f"Telt nieuwe Lijn 2-zaken per categorie en maand van opening; {self.cases_who}; alle "
            "Lijn 2-categorieën (het categoriefilter geldt hier niet). Klik op een maand voor de "
            "uitsplitsing hieronder, of kies de maand in de lijst."
        )
        if not self.ends_running:
            return text
        return text + (
            f" Omlijnd met streepjes: {self.running_month}, de lopende maand (gegevens tot en met "
            f"{date_nl(self.data_until)}), nog geen hele maand."
        )

    @property
    def no_line2(self) -> str:
        return (
            "Geen Lijn 2-zaken in deze selectie: het filter kiest Lijn 1. Kies beide lijnen of "
            "Lijn 2 om Lijn 2 te zien."
        )

    def line2_by_category_title(self, month: dt.date | None = None) -> str:
        if month is None:
            return "Nieuwe Lijn 2-zaken per categorie"
        return f"Nieuwe Lijn 2-zaken, {month_label(month)}"

    def contacts_by_channel_title(self, month: dt.date | None = None) -> str:
        if month is None:
            return "Contactmomenten per kanaal en persoon"
        return f"Contactmomenten, {month_label(month)}"

    def line2_by_category(self, month: dt.date | None = None) -> str:
        """Under the table of new Lijn 2 cases by party, of the period or of one `month`."""
        if month is None:
            return "Telt geopende Lijn 2-zaken in de periode, naar wie contact opnam."
        return "Telt geopende Lijn 2-zaken in de maand, naar wie contact opnam (ouders, derden)."

    def contacts_by_channel(self, month: dt.date | None = None) -> str:
        """Under the table of contacts by channel and person, of the period or of one `month`."""
        lines = "" if self.f.line == 0 else f", alleen Lijn {self.f.line}"
        if month is None:
            return (
                f"Telt contactmomenten in de periode per kanaal en persoon; {self.category}"
                f"{lines}. Het jaarverslag noemt de professionals bij het contactformulier "
                "“derden”."
            )
        return f"Telt contactmomenten in de maand per kanaal en persoon; {self.category}{lines}."
