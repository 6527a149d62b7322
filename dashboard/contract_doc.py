"""Writes `docs/exportcontract.md` from the Pydantic models, so the document the registration
system's maintainer reads cannot drift from what the dashboard checks."""

from __future__ import annotations

from pydantic.fields import FieldInfo

from dashboard.contract import CATEGORIES, EXPORT_TABLES, column_type
from dashboard.paths import REPO_ROOT

DOC_PATH = REPO_ROOT / "docs" / "exportcontract.md"

TABLE_INTRO = {
    "cases": "Eén rij per zaak, Lijn 1 en Lijn 2.",
    "children": "Eén rij per kind in een zaak (een kind in twee zaken staat er twee keer in).",
    "contacts": "Eén rij per contactmoment.",
    "mediations": "Eén rij per verzoek om cross-border mediation.",
    "export_meta": "Precies één rij: over de export als geheel.",
}

HEADER = """# Exportcontract: wat het registratiesysteem levert

Dit document is gegenereerd uit `dashboard/contract.py` (`uv run python -m dashboard.contract_doc`);
een test faalt als het niet meer overeenkomt. Het zegt de beheerder van het registratiesysteem
precies wat een export moet bevatten.

## Vorm van de export
- Parquet, één map per tabel met de tabelnaam (`cases/`, `children/`, `contacts/`,
  `mediations/`, `export_meta/`); een map mag meerdere `.parquet`-bestanden bevatten.
- Kolomnamen precies zoals hieronder, in kleine letters; geen extra kolommen.
- Datums als Parquet `DATE` (geen tijd, geen tekst). Codes als tekst, precies zoals hieronder.
- Een export bevat alle zaken vanaf 1 januari 2024 tot en met `data_until`; contactmomenten,
  kinderen en mediationverzoeken horen bij zaken in de export.

## Geen persoonsgegevens
Geen namen, adressen, geboortedata, BSN, telefoonnummers of e-mailadressen, ook niet in een
vrij tekstveld. Alleen pseudonieme nummers (een hoofdletter of twee, gevolgd door 8 tot 12
hexadecimale tekens, bv. `Z1A2B3C4D`), leeftijden in hele jaren, landcodes en codes. Een
pseudoniem nummer mag niet terug te rekenen zijn naar het dossiernummer buiten het systeem.

## Tellen zoals het jaarverslag
- Zaken tellen mee in het jaar waarin ze zijn geopend; contactmomenten in het jaar waarin ze
  plaatsvonden; mediationverzoeken in het jaar van ontvangst.
- De hoofdstukken over preventie, toestemming voor vertrek, ontvoering en omgang tellen de zaken
  waarin een **ouder** contact opnam (`contacted_by` moeder of vader), en de kinderen in die zaken.
"""


def allowed_values(field: FieldInfo) -> str:
    col = column_type(field)
    if col.codes is not None:
        return ", ".join(f"`{v}`" for v in col.codes)
    constraints = []
    for meta in col.metadata:
        for attr, label in (("ge", "≥"), ("le", "≤"), ("pattern", "patroon")):
            value = getattr(meta, attr, None)
            if value is not None:
                constraints.append(f"{label} `{value}`")
    return ", ".join(constraints) or "—"


TYPE_NL = {"date": "datum", "bool": "ja/nee (boolean)", "int": "geheel getal", "str": "tekst"}


def type_name(field: FieldInfo) -> str:
    col = column_type(field)
    if col.codes is not None:
        name = "geheel getal" if all(isinstance(v, int) for v in col.codes) else "tekst (code)"
    else:
        name = TYPE_NL[col.base.__name__]
    return name + (" of leeg" if col.optional else "")


def render() -> str:
    parts = [HEADER]
    for table, model in EXPORT_TABLES.items():
        parts.append(f"\n## Tabel `{table}`\n{TABLE_INTRO[table]}\n")
        parts.append("| kolom | type | toegestane waarden | betekenis |")
        parts.append("|---|---|---|---|")
        for name, field in model.model_fields.items():
            parts.append(
                f"| `{name}` | {type_name(field)} | {allowed_values(field)} | {field.description} |"
            )
    parts.append("\n## Registratiecodes (`category_code`)\n")
    parts.append("| code | Nederlandse naam | lijn | rij in overzichtstabel jaarverslag |")
    parts.append("|---|---|---|---|")
    for c in CATEGORIES:
        parts.append(f"| `{c.code}` | {c.label_nl} | {c.line} | {c.overview_order or '—'} |")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOC_PATH.parent.mkdir(exist_ok=True)
    DOC_PATH.write_text(render(), encoding="utf-8")
    print(DOC_PATH)
