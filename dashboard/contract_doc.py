"""Writes `docs/exportcontract.md` from the Pydantic models, so the document the registration
system's maintainer reads cannot drift from what the dashboard checks."""

from __future__ import annotations

from pydantic.fields import FieldInfo

from dashboard.contract import CATEGORIES, ERAS, EXPORT_TABLES, FIRST_DATE, column_type
from dashboard.importer.validate import FALSE_WORDS, RULES, TRUE_WORDS
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
- Een export bestaat uit alle vijf tabellen (`cases`, `children`, `contacts`, `mediations`,
  `export_meta`), elk als CSV-, Excel- (XLSX) of Parquet-bestand; de formaten mogen gemengd.
  Een export is een momentopname: een import met een deel van de tabellen wordt geweigerd.
- Elk bestand heet naar zijn tabel: `cases.csv`, of met iets erachter na `_`, `-` of `.`
  (`cases_2026-01.xlsx`); hoofdletters tellen niet. Een bestand in een map met de tabelnaam
  (`cases/deel-1.parquet`) hoort ook bij die tabel. Een tabel mag over meer bestanden verdeeld
  zijn (`cases_1.csv` en `cases_2.csv`); die worden samengevoegd. Twee bestanden met precies
  dezelfde naam worden geweigerd.
- Een bestand waarvan de naam geen tabel noemt, hoort bij de tabel waarvan het de meeste
  kolommen heeft, als dat minstens de helft van die tabel is. Passen de kolommen beter bij een
  andere tabel dan de naam noemt, dan wordt het bestand geweigerd.
- Inlezen kan op de pagina Gegevens (de bestanden uploaden: `.csv`, `.xlsx`, `.parquet`) of
  met `uv run iko-dashboard import MAP-OF-BESTANDEN`; van een map worden alle `.csv`-, `.txt`-,
  `.xlsx`- en `.parquet`-bestanden gelezen, ook in mappen daaronder, behalve namen die met `.`
  of `~$` beginnen (verborgen bestanden, `__MACOSX/._…`, Excel- en LibreOffice-slotbestanden).
  Een koppeling (symbolische link) in de map wordt alleen gevolgd als ze binnen de map blijft.
  Een bestand dat op de opdrachtregel wordt genoemd maar niet bestaat, is een fout.
- Wat een bestand is, bepalen de eerste bytes, niet alleen de extensie: een webpagina (een
  mislukte download), een PDF, een ingepakt archief of een Excel-bestand met `.csv` erachter
  wordt geweigerd met die uitleg, voordat de rest wordt gelezen.
- **CSV**: de eerste regel is de kopregel met de kolomnamen. Scheidingsteken komma, puntkomma
  of tab (herkend aan de kopregel). Tekens in UTF-8 (met of zonder BOM) of Windows-1252, zoals
  Nederlandse Excel 'CSV (gescheiden door lijstscheidingsteken)' opslaat, en het hele bestand
  in één daarvan; niet UTF-16 ('Unicode-tekst'). Regeleinden als Windows (CRLF), Unix (LF) of
  oude Mac (CR). Een waarde met het scheidingsteken, een aanhalingsteken of een regeleinde
  erin staat tussen dubbele aanhalingstekens, een aanhalingsteken daarbinnen dubbel (`""`).
  Elke rij heeft evenveel velden als de kopregel (lege velden aan het eind tellen niet);
  lege regels en regels met alleen scheidingstekens worden overgeslagen. Het bestand eindigt
  met een regeleinde na de laatste rij.
- **XLSX**: het eerste werkblad; de eerste rij is de kopregel (geen titel erboven), lege rijen
  worden overgeslagen. Alleen waarden: geen formules (ook niet als Excel er een waarde bij
  bewaarde), geen samengevoegde cellen, geen waarden rechts van de kopregel, geen wachtwoord.
- **Parquet**: datums bij voorkeur als `DATE` (een tijdstip om middernacht mag ook; een getal
  niet, dat is geen datum), ja/nee als `BOOLEAN`, getallen als gehele getallen; tekst in de
  vorm hieronder mag ook (ook als bytes in UTF-8). Geen lijsten, structuren of tijdsduren.
- Kolomnamen precies zoals hieronder, in kleine letters, in elke volgorde; geen extra kolommen.
- Waarden in CSV en XLSX (en tekstkolommen in Parquet); spaties eromheen tellen niet:
  - datum: `JJJJ-MM-DD` of `DD-MM-JJJJ` (dag en maand mogen één cijfer zijn: `5-1-2024`; het
    jaar altijd vier cijfers), eventueel met de tijd `00:00` erachter; in Excel ook een
    datumcel, of het dagnummer dat een datumcel zonder datumopmaak toont (`45306` is
    15-01-2024).
  - ja/nee, in hoofd- of kleine letters (dus ook `WAAR` en `ONWAAR` zoals Nederlandse Excel
    ze schrijft); in Excel ook een ja/nee-cel:
    - ja: TRUE_LIST
    - nee: FALSE_LIST
  - geheel getal: alleen cijfers, eventueel met `.0` erachter (`3` of `3.0`); geen
    duizendtallen.
  - leeg: een leeg veld of een lege cel.
  - codes precies zoals hieronder; hoofdletters tellen (`IKO`, niet `iko`).
- Een export bevat alle zaken vanaf een 1 januari tot en met `data_until`; de vroegste datum
  is FIRST_DATE (het begin van Centrum IKO), de laatste `data_until`. Contactmomenten,
  kinderen en mediationverzoeken horen bij zaken in de export. Elke rij volgt de registratie
  van haar tijd (zie 'Tijdvakken'): een regel van nu weigert geen oudere rij.

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


ERAS_INTRO = """
## Tijdvakken
Centrum IKO registreert zaken sinds 2006, en niet steeds op dezelfde manier: de codes en de
verdeling over Lijn 1 en Lijn 2 veranderden (het jaarverslag 2020 telt 2.774 eerstelijnszaken
onder tien codes, het jaarverslag 2025 telt in Lijn 1 alleen 'toestemming voor vakantie'). Een
rij wordt gecontroleerd en geteld volgens de registratie op haar `opened_date`. Geen
jaarverslag noemt de datum van de overgang; het dashboard neemt 1 januari 2024, het eerste jaar
dat het jaarverslag 2025 op de nieuwe manier telt. De maten van het dashboard rekenen beide
definities uit waar de gegevens dat toelaten (bijvoorbeeld 'Lijn 1-zaken' en 'Eerstelijnszaken
(definitie 2020)'), en de pagina Meerjarige trends markeert het jaar van de overgang.
"""

LIMITS_INTRO = """
## Grenzen
Een import houdt de importvergrendeling vast (er loopt er één tegelijk), dus een te groot of
vijandig bestand wordt vroeg geweigerd, met een melding, in plaats van minutenlang te lezen.
De grenzen laten een export van honderd keer de huidige omvang toe (2,9 miljoen zaken, 6,8
miljoen contactmomenten).

| grens | waarde | waarom |
|---|---|---|
"""

CHECKS_INTRO = """
## Controles bij het importeren
Elke import wordt eerst helemaal gecontroleerd. Bij een **fout** wordt de hele import afgewezen
en blijven de gepubliceerde gegevens zoals ze waren; bij een **waarschuwing** wordt de import
gepubliceerd en staat de waarschuwing in het verslag en in het importlogboek. Het verslag heeft
één regel per bestand, kolom en controle, met het aantal rijen, de eerste rijnummers (in CSV en
XLSX is de kopregel rij 1, in Parquet is de eerste rij rij 1) en een paar voorbeeldwaarden,
nooit bij persoonsgegevens. De naam van de controle staat aan het eind van de regel, tussen
haken: `[date_order]`. Een voorbeeldwaarde staat tussen enkele aanhalingstekens, ingekort tot
60 tekens, met regeleinden en andere stuurtekens als `\x0a`; zo kan geen waarde of
bestandsnaam het verslag splitsen of een regel nadoen, en wordt `=HYPERLINK(…)` nooit een
formule in een spreadsheet.

Fout of waarschuwing: alles waardoor een getal op een pagina verkeerd kan worden of een rij
ongemerkt kan wegvallen, is een **fout** (het dashboard raadt niet wat er bedoeld was); een
**waarschuwing** alleen waar de rij zoals geregistreerd geldig is en telt, en het verschil
zichtbaar blijft. Een onverwachte fout in het dashboard zelf wordt ook een gewone melding
(`internal`), geen Python-foutmelding, en ook die import staat in het importlogboek.
"""
REJECTED_NL = "De import wordt afgewezen."
SEVERITY_NL = {"error": "fout", "warning": "waarschuwing"}


def words(values: tuple[str, ...]) -> str:
    quoted = [f"`{v}`" for v in values]
    return ", ".join(quoted[:-1]) + " of " + quoted[-1]


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


def limit_rows() -> list[str]:
    from dashboard.format import number
    from dashboard.importer.read import SNIFF_BYTES, Limits, bytes_nl, seconds_nl

    limits = Limits()
    return [
        f"| bestandsgrootte | {bytes_nl(limits.file_bytes)} per bestand | Vóór het lezen, uit "
        "de grootte op schijf. Een grotere tabel kan over meer bestanden worden verdeeld. |",
        f"| rijen | {number(limits.rows)} per bestand | Bij Parquet uit de beschrijving in het "
        "bestand, vóór het lezen; bij CSV en XLSX tijdens het lezen, zodra de grens is bereikt. |",
        f"| lengte van een CSV-veld | {number(limits.field_chars)} tekens | Geen kolom van het "
        "contract heeft zoveel tekst nodig; meestal is het een aanhalingsteken dat niet wordt "
        "gesloten, en dat zegt de melding dan. |",
        f"| rijen in een XLSX | {number(limits.xlsx_rows)} per werkblad | Excel lezen gaat "
        "langzaam (zo'n 10.000 rijen per seconde); de grens houdt een import onder de minuut. "
        "Het werkblad zegt zelf hoeveel rijen het heeft; een te groot werkblad wordt geweigerd "
        "voordat het wordt gelezen. Een grotere tabel hoort in CSV of Parquet. |",
        f"| XLSX uitgepakt | {bytes_nl(limits.xlsx_expanded_bytes)} | Een XLSX is een ZIP-archief; "
        "de uitgepakte grootte staat in het archief en wordt vóór het lezen bekeken. Zo'n grote "
        "tabel hoort in CSV of Parquet. |",
        f"| XLSX-compressie | {number(limits.zip_ratio)} keer, per deel groter dan 1 MiB | Een "
        "gewone werkmap comprimeert 5 tot 20 keer; veel meer is een 'zip-bom', die uitgepakt "
        "het geheugen vult. |",
        f"| tijd | {seconds_nl(limits.seconds)} voor de hele import | Daarna wordt de import "
        "afgebroken en afgewezen, zodat de vergrendeling vrijkomt; er verandert niets. |",
        f"| eerste bytes | {bytes_nl(SNIFF_BYTES)} | Zoveel wordt gelezen om te zien wat een "
        "bestand is; een bestand van 1 GiB vol nullen wordt daarna al geweigerd. |",
        "| gehele getallen | de bovengrens van elke kolom (≤ in de tabellen hierboven) | Een "
        "getal dat niet past, is een fout (`range`) met rij en kolom, geen afgebroken import. |",
    ]


def render() -> str:
    header = (
        HEADER.replace("TRUE_LIST", words(TRUE_WORDS))
        .replace("FALSE_LIST", words(FALSE_WORDS))
        .replace("FIRST_DATE", f"{FIRST_DATE:%d-%m-%Y}")
    )
    parts = [header]
    for table, model in EXPORT_TABLES.items():
        parts.append(f"\n## Tabel `{table}`\n{TABLE_INTRO[table]}\n")
        parts.append("| kolom | type | toegestane waarden | betekenis |")
        parts.append("|---|---|---|---|")
        for name, field in model.model_fields.items():
            parts.append(
                f"| `{name}` | {type_name(field)} | {allowed_values(field)} | {field.description} |"
            )
    parts.append(ERAS_INTRO)
    parts.append("| tijdvak | van | tot en met | Lijn 1 en Lijn 2 |")
    parts.append("|---|---|---|---|")
    for e in ERAS:
        until = f"{e.valid_until:%d-%m-%Y}" if e.valid_until else "—"
        parts.append(f"| {e.label_nl} | {e.valid_from:%d-%m-%Y} | {until} | {e.lines_nl} |")
    parts.append("\n## Registratiecodes (`category_code`)\n")
    parts.append(
        "Een code hoort bij zaken die geopend zijn in de periode dat ze in gebruik was; een code "
        "buiten die periode geeft een waarschuwing (`code_era`), geen fout.\n"
    )
    parts.append(
        "| code | Nederlandse naam | lijn (vanaf 2024) | rij in overzichtstabel jaarverslag "
        "| in gebruik van | tot en met |"
    )
    parts.append("|---|---|---|---|---|---|")
    for c in CATEGORIES:
        until = f"{c.valid_until:%d-%m-%Y}" if c.valid_until else "—"
        parts.append(
            f"| `{c.code}` | {c.label_nl} | {c.line} | {c.overview_order or '—'} "
            f"| {c.valid_from:%d-%m-%Y} | {until} |"
        )
    parts.append(LIMITS_INTRO.rstrip("\n"))
    parts += limit_rows()
    parts.append(CHECKS_INTRO)
    parts.append("| controle | fout of waarschuwing | wat er gebeurt |")
    parts.append("|---|---|---|")
    for slug, rule in RULES.items():
        outcome = rule.outcome_nl or REJECTED_NL
        parts.append(f"| `{slug}`: {rule.check_nl} | {SEVERITY_NL[rule.severity]} | {outcome} |")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOC_PATH.parent.mkdir(exist_ok=True)
    DOC_PATH.write_text(render(), encoding="utf-8")
    print(DOC_PATH)
