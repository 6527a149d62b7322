"""The export contract: the tables an export of the case registration system delivers.

Each table is a Pydantic model; `docs/exportcontract.md` is written from these models
(`tests/unit/test_contract.py` fails when the two drift). Codes are stable English slugs; the
Dutch labels live in the reference tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

import polars as pl
from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class Era:
    """A period in which the centre registered cases one way (codes, and what Lijn 1 holds)."""

    key: str
    label_nl: str
    valid_from: dt.date
    valid_until: dt.date | None
    lines_nl: str  # what Lijn 1 and Lijn 2 held, in the words of that era's annual report
    line1_holiday_consent_only: bool  # the line follows from the code (Lijn 1 = one code)


# The centre started in 2006. The 2020 annual report describes the registration before the
# change (Lijn 1: simple questions under ten codes, and every case a relative or professional
# brought; Lijn 2: the parents' cases); the 2025 report the one after (Lijn 1: only
# 'toestemming voor vakantie'; Lijn 2: 15 codes, parents and third parties). No report dates
# the change; we take 1 January 2024, the first year the 2025 report counts the new way.
FIRST_DATE = dt.date(2006, 1, 1)
CURRENT_ERA_FROM = dt.date(2024, 1, 1)
ERAS: tuple[Era, ...] = (
    Era(
        "2006",
        "registratie 2006-2023",
        FIRST_DATE,
        CURRENT_ERA_FROM - dt.timedelta(days=1),
        "Lijn 1 (eerstelijnszaken): eenvoudige vragen, zoals toestemming voor vakantie, en elke "
        "zaak van een familielid of professional, onder alle codes; Lijn 2 (tweedelijnszaken): "
        "de zaken waarin een ouder contact opnam.",
        line1_holiday_consent_only=False,
    ),
    Era(
        "2024",
        "registratie vanaf 2024",
        CURRENT_ERA_FROM,
        None,
        "Lijn 1: alleen de code 'toestemming voor vakantie'; Lijn 2: alle andere codes, ongeacht "
        "of een ouder of een derde contact opnam.",
        line1_holiday_consent_only=True,
    ),
)


@dataclass(frozen=True)
class Category:
    code: str
    label_nl: str
    line: int  # the line under today's registration (Lijn 1 = 'toestemming voor vakantie')
    # position in the section 7 overview table of the annual report; None = not in it
    overview_order: int | None
    valid_from: dt.date = FIRST_DATE
    valid_until: dt.date | None = None


_RETIRED = CURRENT_ERA_FROM - dt.timedelta(days=1)
# The 15 Lijn 2 codes of section 1 of the 2025 annual report plus the Lijn 1 code, and the
# codes of the 2020 report (figures 1.6.1 and 1.6.2) that the registration no longer has.
# Codes of 2025 that the 2020 report does not name are taken to start with the new registration.
CATEGORIES: tuple[Category, ...] = (
    Category("holiday_consent", "Toestemming voor vakantie", 1, None),
    Category("abduction", "Internationale kinderontvoering", 2, 1),
    Category(
        "domestic_access_noncompliance", "Niet nakoming binnenlandse omgang", 2, 2, CURRENT_ERA_FROM
    ),
    Category("abduction_by_family", "Ontvoering door familie", 2, 3, CURRENT_ERA_FROM),
    Category("prevention", "Preventie", 2, 4),
    Category("international_access", "Internationale omgangsregeling", 2, 5),
    Category("relocation_consent", "Toestemming voor vertrek", 2, 6),
    # the 2020 report's 'toestemming vakantie (complex)'
    Category("no_holiday_consent", "Geen toestemming voor vakantie", 2, 7),
    Category("lawful_relocation", "Geoorloofde overbrenging", 2, 8),
    Category(
        "international_child_protection", "Internationale kinderbescherming", 2, 9, CURRENT_ERA_FROM
    ),
    Category("hotline_116000", "Vermissing: 116000 hotline", 2, 10, CURRENT_ERA_FROM),
    Category("other_advice", "Overig advies", 2, 11, CURRENT_ERA_FROM),
    Category("advice_not_netherlands", "Advies niet Nederlands", 2, 12, CURRENT_ERA_FROM),
    Category(
        "no_substantive_advice", "Niet tot inhoudelijk advies gekomen", 2, 13, CURRENT_ERA_FROM
    ),
    Category("abandonment", "Achterlating", 2, None, CURRENT_ERA_FROM),
    Category("custody_questions", "Gezagsvragen", 2, None, CURRENT_ERA_FROM),
    Category(
        "domestic_abduction_access", "Binnenlandse ontvoering/omgang", 2, None, FIRST_DATE, _RETIRED
    ),
    Category(
        "abduction_within_kingdom",
        "Ontvoering binnen het Koninkrijk",
        2,
        None,
        FIRST_DATE,
        _RETIRED,
    ),
    Category("refuting_threat", "Weerleggen dreiging", 2, None, FIRST_DATE, _RETIRED),
    Category("missing_child", "Vermissing", 2, None, FIRST_DATE, _RETIRED),
    Category("general_advice", "Algemeen advies", 2, None, FIRST_DATE, _RETIRED),
)
CATEGORY_CODES = tuple(c.code for c in CATEGORIES)
# today's Lijn 2 codes (the demo generator's and the overview table's)
LINE2_CODES = tuple(c.code for c in CATEGORIES if c.line == 2 and c.valid_until is None)

CategoryCode = Literal[
    "holiday_consent",
    "abduction",
    "domestic_access_noncompliance",
    "abduction_by_family",
    "prevention",
    "international_access",
    "relocation_consent",
    "no_holiday_consent",
    "lawful_relocation",
    "international_child_protection",
    "hotline_116000",
    "other_advice",
    "advice_not_netherlands",
    "no_substantive_advice",
    "abandonment",
    "custody_questions",
    "domestic_abduction_access",
    "abduction_within_kingdom",
    "refuting_threat",
    "missing_child",
    "general_advice",
]
ContactedBy = Literal["mother", "father", "family_acquaintance", "professional"]
ParentRole = Literal[
    "potentially_left_behind",
    "potentially_taking",
    "left_behind",
    "taking",
    "relocating",
    "staying",
    "wants_access",
    "child_resides",
]
ActingPerson = Literal["mother", "father", "family_member"]
Direction = Literal["from_nl", "to_nl", "outside_nl"]
Channel = Literal["phone", "email", "contact_form"]
PersonType = Literal["parent", "family_acquaintance", "professional"]
MediationType = Literal["IKO", "NIKO"]
NotStartedReason = Literal["court_decided_against", "parent_declined", "withdrawn", "other"]
Outcome = Literal["full_agreement", "partial_agreement", "no_agreement", "running"]

PseudoId = Annotated[str, Field(pattern=r"^[A-Z]{1,2}[0-9A-F]{8,12}$")]
Iso2 = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
# A number of children of one case: fifteen or more in one case does not occur, so a larger
# number is a typing error.
ChildCount = Annotated[int, Field(ge=0, le=15)]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseRow(Row):
    """One row per case (zaak)."""

    case_id: PseudoId = Field(description="Pseudoniem zaaknummer, uniek per zaak.")
    family_id: PseudoId = Field(
        description="Pseudoniem gezinsnummer: zaken van hetzelfde gezin delen het "
        "(een preventiezaak kan later een ontvoeringszaak worden; bij een conflictzaak "
        "hebben beide ouders een eigen zaak met hetzelfde gezinsnummer)."
    )
    opened_date: dt.date = Field(description="Datum waarop de zaak is geopend.")
    closed_date: dt.date | None = Field(
        description="Datum waarop de zaak is afgesloten; leeg zolang de zaak loopt."
    )
    line: Literal[1, 2] = Field(
        description="Lijn 1: vragen over het toestemmingsformulier voor reizen (werkstudenten). "
        "Lijn 2: juridische zaken (juristen). Vóór 2024: de lijn zoals toen geregistreerd "
        "(zie 'Tijdvakken')."
    )
    category_code: CategoryCode = Field(
        description="Registratiecode: de 15 Lijn 2-codes en de Lijn 1-code 'holiday_consent'; "
        "vóór 2024 ook de codes van toen (zie 'Registratiecodes' en 'Tijdvakken')."
    )
    contacted_by: ContactedBy = Field(
        description="Wie contact opnam: moeder, vader (ouders) of familielid/kennis, "
        "professional (derden)."
    )
    parent_role: ParentRole | None = Field(
        description="Rol van de ouder die contact opnam: (potentieel) achterblijvend of "
        "meenemend (preventie, ontvoering), verhuizend of blijvend (toestemming voor vertrek), "
        "wil omgang of kind woont bij (omgang). Leeg bij derden en overige codes."
    )
    acting_person: ActingPerson | None = Field(
        description="Om wie het gaat: bij preventie de potentieel meenemende persoon, bij "
        "ontvoering de meenemende persoon, bij toestemming voor vertrek de verhuizende ouder, "
        "bij omgang de ouder die omgang wenst."
    )
    direction: Direction | None = Field(
        description="Richting: vanuit Nederland naar het buitenland, vanuit het buitenland "
        "naar Nederland, of buiten Nederland om (met een Nederlandse connectie)."
    )
    country_iso2: Iso2 | None = Field(
        description="Het andere land (ISO 3166-1 alpha-2): bestemming bij 'from_nl', "
        "herkomst bij 'to_nl', het land waarheen bij 'outside_nl'."
    )
    hkov_registered: bool | None = Field(
        description="Of het land partij is bij het Haags Kinderontvoeringsverdrag 1980 (HKOV), "
        "zoals geregistreerd op de zaak. Bepaalt de juridische route."
    )
    children_count: ChildCount = Field(
        description="Aantal kinderen in de zaak; hooguit 15 (meer kinderen in één zaak komt niet "
        "voor, een groter getal is een tikfout).",
    )
    conflict_case: bool = Field(
        description="Conflictzaak: beide ouders (of ouder en derde) met tegenstrijdige "
        "belangen; behandelaars zien elkaars dossier niet."
    )


class ChildRow(Row):
    """One row per child in a case."""

    child_id: PseudoId = Field(description="Pseudoniem kindnummer, uniek per zaak-kind.")
    case_id: PseudoId = Field(description="De zaak waarin het kind voorkomt.")
    age_years: int = Field(ge=0, le=17, description="Leeftijd in jaren bij opening van de zaak.")


class ContactRow(Row):
    """One row per contact (contactmoment)."""

    contact_id: PseudoId = Field(description="Pseudoniem nummer van het contactmoment.")
    case_id: PseudoId = Field(description="De zaak waarover contact was.")
    contact_date: dt.date = Field(description="Datum van het contactmoment.")
    channel: Channel = Field(description="Telefoon (ook Teams), e-mail of contactformulier.")
    person_type: PersonType = Field(
        description="Met wie: ouder, familielid/kennis of professional."
    )


class MediationRow(Row):
    """One row per request for cross-border mediation."""

    mediation_id: PseudoId = Field(description="Pseudoniem nummer van het verzoek.")
    case_id: PseudoId | None = Field(description="De zaak waar het verzoek bij hoort.")
    received_date: dt.date = Field(description="Datum waarop het verzoek binnenkwam.")
    mediation_type: MediationType = Field(
        description="IKO: in een kinderontvoeringszaak; NIKO: ander internationaal familieconflict."
    )
    started: bool = Field(description="Of de mediation is opgestart.")
    not_started_reason: NotStartedReason | None = Field(
        description="Waarom niet gestart: besloten op de regiezitting, ouder zag af, "
        "verzoek ingetrokken, overig. Leeg als gestart of als er nog niet is besloten."
    )
    start_date: dt.date | None = Field(description="Datum van de intake; leeg als niet gestart.")
    stopped_after_intake: bool = Field(description="Gestart maar na de intake gestopt.")
    outcome: Outcome | None = Field(
        description="Volledige overeenkomst, gedeeltelijke of spiegelovereenkomst, geen "
        "overeenkomst, of loopt nog. Leeg als niet gestart of na de intake gestopt."
    )
    end_date: dt.date | None = Field(description="Einddatum; leeg zolang de mediation loopt.")
    child_interviews: int = Field(
        ge=0,
        le=50,
        description="Aantal kindgesprekken (kinderen vanaf 3); hooguit 50: vijftien kinderen met "
        "elk een paar gesprekken, een groter getal is een tikfout.",
    )
    children_heard: ChildCount = Field(
        description="Aantal kinderen gehoord in kindgesprekken; hooguit 15, zoals children_count.",
    )
    special_guardian_appointed: bool = Field(description="Bijzondere curator aangewezen.")
    special_guardian_children: ChildCount = Field(
        description="Voor hoeveel kinderen een bijzondere curator is aangewezen; hooguit 15, "
        "zoals children_count.",
    )


class ExportMetaRow(Row):
    """One row describing the export as a whole."""

    export_date: dt.date = Field(description="Datum waarop de export is gemaakt.")
    data_until: dt.date = Field(description="Laatste dag waarover de export gegevens bevat.")
    is_demo: bool = Field(description="Demonstratiegegevens (gegenereerd), geen echte export.")
    extrapolated_from: dt.date | None = Field(
        description="Vanaf deze datum zijn de demogegevens doorgetrokken (geen gepubliceerde "
        "cijfers om op te ijken)."
    )
    source: str = Field(description="Omschrijving van de bron van de export.")


# table name -> model; the table name is the folder under the data directory
EXPORT_TABLES: dict[str, type[Row]] = {
    "cases": CaseRow,
    "children": ChildRow,
    "contacts": ContactRow,
    "mediations": MediationRow,
    "export_meta": ExportMetaRow,
}


# What a person calls each column: import messages name a column so, with the contract's name in
# brackets for whoever fixes the export ("kolom 'registratiecode' (category_code)"). A name
# means the same in every table (case_id: the case a child, contact or request belongs to).
COLUMN_LABELS_NL: dict[str, str] = {
    "case_id": "zaaknummer",
    "family_id": "gezinsnummer",
    "opened_date": "openingsdatum",
    "closed_date": "afsluitdatum",
    "line": "lijn",
    "category_code": "registratiecode",
    "contacted_by": "wie contact opnam",
    "parent_role": "rol van de ouder",
    "acting_person": "om wie het gaat",
    "direction": "richting",
    "country_iso2": "landcode",
    "hkov_registered": "HKOV-land",
    "children_count": "aantal kinderen",
    "conflict_case": "conflictzaak",
    "child_id": "kindnummer",
    "age_years": "leeftijd",
    "contact_id": "contactnummer",
    "contact_date": "contactdatum",
    "channel": "kanaal",
    "person_type": "met wie",
    "mediation_id": "verzoeknummer",
    "received_date": "ontvangstdatum",
    "mediation_type": "soort mediation",
    "started": "gestart",
    "not_started_reason": "reden niet gestart",
    "start_date": "intakedatum",
    "stopped_after_intake": "gestopt na de intake",
    "outcome": "uitkomst",
    "end_date": "einddatum",
    "child_interviews": "kindgesprekken",
    "children_heard": "kinderen gehoord",
    "special_guardian_appointed": "bijzondere curator aangewezen",
    "special_guardian_children": "kinderen met een bijzondere curator",
    "export_date": "exportdatum",
    "data_until": "gegevens tot en met",
    "is_demo": "demonstratiegegevens",
    "extrapolated_from": "doorgetrokken vanaf",
    "source": "bron",
}


def column_nl(column: str) -> str:
    """'registratiecode' (category_code) for a contract column; any other name as it was
    written, quoted: a column the contract does not know has no Dutch name."""
    label = COLUMN_LABELS_NL.get(column)
    return f"'{label}' ({column})" if label else f"'{column}'"


@dataclass(frozen=True)
class ColumnType:
    """What a contract field holds, with `X | None` and `Annotated[...]` unwrapped."""

    base: Any  # a Python type (str, int, bool, date) or a Literal[...]
    optional: bool
    metadata: tuple[Any, ...]  # constraints such as pattern, ge, le

    @property
    def codes(self) -> tuple[Any, ...] | None:
        return get_args(self.base) if get_origin(self.base) is Literal else None


def column_type(field: Any) -> ColumnType:
    ann = field.annotation
    optional = False
    if get_origin(ann) is not Literal and type(None) in get_args(ann):
        optional = True
        ann = next(a for a in get_args(ann) if a is not type(None))
    metadata = tuple(field.metadata)
    if get_origin(ann) is Annotated:
        ann, *extra = get_args(ann)
        metadata += tuple(m for e in extra for m in getattr(e, "metadata", [e]))
    return ColumnType(ann, optional, metadata)


def polars_type(field: FieldInfo) -> pl.DataType:
    """The Parquet column type for a contract field (small counts as Int16, line as Int8)."""
    col = column_type(field)
    if col.codes is not None:
        return pl.Int8 if all(isinstance(v, int) for v in col.codes) else pl.String
    return {dt.date: pl.Date, bool: pl.Boolean, int: pl.Int16, str: pl.String}[col.base]
