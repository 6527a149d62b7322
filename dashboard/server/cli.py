"""`iko-dashboard`: start the dashboard, regenerate the demo data, print the report figures."""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.paths import DEMO_DIR

if TYPE_CHECKING:
    from dashboard.settings import Settings


class _DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="Gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch headings; its own error texts stay English, prefixed in Dutch."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _DutchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulptekst en stop")

    def error(self, message: str):  # type: ignore[no-untyped-def]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen datum in de vorm JJJJ-MM-DD: {text!r}") from None


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"geen jaartal (JJJJ): {text!r}")
    return int(text)


def _existing_dir(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"map bestaat niet: {text}")
    return path


# What an option takes: how its help names the value, and the function that reads it.
_YEAR = {"metavar": "JJJJ", "type": _year}
_FOLDER = {"metavar": "MAP", "type": Path}


def _add_year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", **_YEAR, required=True, help="het jaar")


def _add_data_home(parser: argparse.ArgumentParser, default: Path) -> None:
    parser.add_argument(
        "--data-home",
        **_FOLDER,
        default=default,
        help="map met de gepubliceerde versies (standaard %(default)s, of IKO_DATA_HOME)",
    )


# A subcommand's options: each function gives its parser the text atop its help (the line in
# the list of `iko-dashboard --help` is in COMMANDS) and its arguments.


def _add_run(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = "Start het dashboard (Streamlit) op deze computer en toon het adres."
    parser.add_argument(
        "--port",
        type=int,
        metavar="POORT",
        default=settings.port,
        help="poort van het dashboard (standaard %(default)s, of IKO_PORT)",
    )
    parser.add_argument(
        "--address",
        metavar="ADRES",
        help="netwerkadres waarop het dashboard luistert (standaard 127.0.0.1: alleen deze "
        "computer); op een ander adres start het alleen met login ingesteld",
    )
    parser.add_argument(
        "--zonder-login",
        action="store_true",
        help="start ook zonder login op een netwerkadres (alleen voor een gesloten netwerk); "
        "elke pagina zegt het dan",
    )
    parser.add_argument(
        "--data-dir",
        type=_existing_dir,
        metavar="MAP",
        help="map met de export (standaard IKO_DATA_DIR, anders de demogegevens)",
    )


def _add_demo(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Maak de demogegevens opnieuw: 2024 en 2025 geijkt op het jaarverslag, daarna "
        "doorgetrokken tot en met de gekozen datum."
    )
    parser.add_argument(
        "--until",
        type=_iso_date,
        default=dt.date.today() - dt.timedelta(days=1),
        metavar="JJJJ-MM-DD",
        help="laatste dag met gegevens (standaard gisteren)",
    )
    parser.add_argument(
        "--since",
        **_YEAR,
        help="maak ook de jaren vanaf dit jaar tot en met 2023, naar de registratie van toen "
        "(2020 geijkt op het jaarverslag 2020; standaard: vanaf 2024)",
    )
    parser.add_argument(
        "--out",
        **_FOLDER,
        default=DEMO_DIR,
        help="map waarin de demo-export komt (standaard data/demo)",
    )


def _add_figures(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Druk de berekende cijfers van een jaar af als CSV, naast de gepubliceerde."
    )
    _add_year(parser)


def _add_explain(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Druk af waar het verschil van een maat met het jaar ervoor vandaan komt (CSV, kolom "
        "bijdrage in de eenheid van de maat); een lopend jaar tegenover dezelfde dagen."
    )
    _add_year(parser)
    parser.add_argument("--measure", metavar="MAAT", default="cases.total", help="de maat")
    parser.add_argument(
        "--by",
        metavar="DIMENSIE",
        help="line, category, contacted_by, channel, person_type, country, type of calendar",
    )


def _add_import(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Controleer een export (CSV, XLSX of Parquet; één bestand per tabel of een map) tegen "
        "het exportcontract en publiceer hem als nieuwe versie. Bij een fout blijven de "
        "gepubliceerde gegevens zoals ze waren."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="BESTAND_OF_MAP", help="de export")
    _add_data_home(parser, settings.data_home)


def _add_import_published(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Importeer gepubliceerde jaarcijfers voor jaren zonder export op zaakniveau: een CSV "
        "met de kolommen year,measure,value (en eventueel section,note,source), met de maten "
        "van data/reference/measure-labels.csv. Per jaar en maat wint het nieuwe bestand."
    )
    parser.add_argument("path", type=Path, metavar="BESTAND.csv", help="de jaarcijfers")
    parser.add_argument(
        "--skip-unknown",
        action="store_true",
        help="sla rijen met een onbekende maat over (en noem ze) in plaats van het hele "
        "bestand te weigeren",
    )
    _add_data_home(parser, settings.data_home)


def _add_deck(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Maak de dia's van de IKO-lezing van een jaar, dezelfde als op /presentatie, in "
        "publicatiemodus, zonder internet (Chromium via BROWSER_PATH)."
    )
    _add_year(parser)
    parser.add_argument(
        "--format", choices=("pptx", "pdf"), default="pptx", help="pptx (standaard) of pdf"
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="BESTAND",
        help="het bestand (standaard iko-lezing-JJJJ.pptx of .pdf)",
    )
    parser.add_argument(
        "--images",
        **_FOLDER,
        help="schrijf ook elke dia als PNG in deze map (iko-lezing-JJJJ-landen.png)",
    )
    parser.add_argument(
        "--waarom",
        action="store_true",
        help="met de dia 'Waarom' na de kerncijfers: het verschil in zaken met het jaar "
        "ervoor, per registratiecode, met het deel van de kalender",
    )


def _add_audit(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Controleer de publicatiemodus van een jaar: opent elke pagina en de IKO-lezing in "
        "publicatiemodus en drukt per pagina de getoonde cellen af, de afgeschermde, en van "
        "elke afgeschermde cel tussen welke waarden hij kan liggen gegeven alle getoonde "
        "getallen en hun sommen. Stopt met code 1 als een klein aantal terug te rekenen is."
    )
    _add_year(parser)


def _add_annual_report(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.description = (
        "Maak een concept van de cijferhoofdstukken 2 tot en met 7 van het jaarverslag: "
        "zinnen, tabellen en grafieken, in de volgorde van het jaarverslag. Standaard in "
        "publicatiemodus; PDF via LibreOffice (soffice)."
    )
    _add_year(parser)
    parser.add_argument(
        "--format", choices=("docx", "pdf"), default="docx", help="docx (standaard) of pdf"
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="BESTAND",
        help="het bestand (standaard jaarverslag-JJJJ-concept.docx of .pdf)",
    )
    parser.add_argument(
        "--intern",
        action="store_true",
        help="volledige aantallen, ook onder de drempel van de publicatiemodus (niet voor "
        "publicatie)",
    )


def build_parser() -> argparse.ArgumentParser:
    from dashboard.settings import settings

    parser = _Parser(
        prog="iko-dashboard",
        description="Analytisch dashboard van Centrum IKO.",
    )
    commands = parser.add_subparsers(
        title="opdrachten", metavar="OPDRACHT", dest="command", required=True
    )
    for name, (summary, add_options, _) in COMMANDS.items():
        add_options(commands.add_parser(name, help=summary), settings())
    return parser


def _progress(message: str, fraction: float) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)


def _run(args: argparse.Namespace) -> int:
    from dashboard.server import launcher
    from dashboard.settings import settings

    address = args.address or launcher.configured_address()
    secrets_file = settings().secrets_file.resolve()
    refused = launcher.refusal(address, secrets_file, without_login=args.zonder_login)
    if refused:
        print(refused, file=sys.stderr, end="")
        return 3
    # replaces this process with the server: it does not return
    launcher.launch(
        args.port,
        args.data_dir,
        address=address,
        secrets_file=secrets_file,
        without_login=args.zonder_login,
    )
    return 0


def _demo(args: argparse.Namespace) -> int:
    from dashboard.demo.export import write_demo
    from dashboard.format import date_nl, number

    try:
        rows = write_demo(args.out, args.until, since=args.since)
    except ValueError as exc:
        print(f"iko-dashboard demo: fout: {exc}", file=sys.stderr)
        return 2
    print(f"Demogegevens tot en met {date_nl(args.until)} geschreven naar {args.out}:")
    width = max(map(len, rows))
    for table, count in rows.items():
        print(f"  {table:<{width}}  {number(count):>9} {'rij' if count == 1 else 'rijen'}")
    return 0


def _figures(args: argparse.Namespace) -> int:
    # figures.py grows with the report pages; the other commands must not depend on it.
    from dashboard.reports.figures import figures_csv

    try:
        sys.stdout.write(figures_csv(args.year))
    except ValueError as exc:  # a year without data: said, not a traceback
        print(f"iko-dashboard figures: {exc}", file=sys.stderr)
        return 2
    return 0


def _explain(args: argparse.Namespace) -> int:
    from dashboard.db import open_database
    from dashboard.reports.explain import explain_csv

    try:
        sys.stdout.write(explain_csv(open_database().run, args.year, args.measure, args.by))
    except ValueError as exc:
        print(f"iko-dashboard explain: {exc}", file=sys.stderr)
        return 2
    return 0


def _import(args: argparse.Namespace) -> int:
    from dashboard.importer import import_files

    result = import_files(args.paths, args.data_home, progress=_progress)
    print(result.report_nl())
    return 2 if result.outcome == "rejected" else 0


def _import_published(args: argparse.Namespace) -> int:
    from dashboard.importer.published import import_published

    published = import_published(args.path, args.data_home, skip_unknown=args.skip_unknown)
    print(published.report_nl())
    return 2 if published.outcome == "rejected" else 0


def _deck(args: argparse.Namespace) -> int:
    from dashboard.db import open_database
    from dashboard.presentation import lecture, render
    from dashboard.publication import Publication
    from dashboard.reports import export
    from dashboard.settings import settings

    db = open_database()
    years = export.available_years(db.run)
    if args.year not in years:
        print(
            f"Geen gegevens voor {args.year}: kies uit {', '.join(map(str, years))}.",
            file=sys.stderr,
        )
        return 2
    rules = Publication(threshold=settings().publication_threshold)
    made = lecture.deck(db.run, args.year, rules, why=args.waarom)
    out = args.out or Path(f"{made.stem}.{args.format}")
    render.write(made, out, args.format, images_dir=args.images, progress=_progress)
    print(f"{len(made.slides)} dia's geschreven naar {out}")
    return 0


def _known_year(year: int) -> bool:
    """Whether the data have `year`; if not, says which years they have."""
    from dashboard.db import open_database
    from dashboard.reports import export

    years = export.available_years(open_database().run)
    if year not in years:
        print(f"Geen gegevens voor {year}: kies uit {', '.join(map(str, years))}.", file=sys.stderr)
    return year in years


def _audit(args: argparse.Namespace) -> int:
    from dashboard.server.audit import audit

    if not _known_year(args.year):
        return 2
    lines, exposed = audit(args.year)
    print("\n".join(lines))
    if exposed:
        print(f"{exposed} afgeschermde aantallen zijn terug te rekenen.", file=sys.stderr)
        return 1
    print(f"Geen afgeschermd klein aantal is terug te rekenen ({args.year}).")
    return 0


def _annual_report(args: argparse.Namespace) -> int:
    from dashboard.annual_report import content, word
    from dashboard.db import open_database
    from dashboard.publication import Publication
    from dashboard.settings import settings

    if args.format == "pdf" and word.soffice() is None:  # said before minutes of work
        print(f"iko-dashboard jaarverslag: {word.PDF_MISSING}", file=sys.stderr)
        return 2
    if not _known_year(args.year):
        return 2
    rules = None if args.intern else Publication(threshold=settings().publication_threshold)
    made = content.document(open_database().run, args.year, rules)
    data = word.docx_bytes(made, progress=_progress)
    out = args.out or Path(f"{made.stem}{'-intern' if args.intern else ''}.{args.format}")
    try:
        if args.format == "pdf":
            data = word.pdf_bytes(data)
        out.write_bytes(data)
    except (word.PdfUnavailable, OSError, subprocess.TimeoutExpired) as exc:
        print(f"iko-dashboard jaarverslag: {exc}", file=sys.stderr)
        return 2
    print(f"Jaarverslag {args.year} ({len(made.chapters)} hoofdstukken) geschreven naar {out}")
    return 0


# The subcommands in the order of `iko-dashboard --help`: the line there, the function that
# adds the options, and the function that runs it.
COMMANDS: dict[str, tuple[str, Callable[..., None], Callable[[argparse.Namespace], int]]] = {
    "run": ("start het dashboard", _add_run, _run),
    "demo": ("maak de demogegevens opnieuw", _add_demo, _demo),
    "figures": ("druk de cijfers van een jaar af als CSV", _add_figures, _figures),
    "explain": (
        "druk af waar het verschil met het jaar ervoor vandaan komt",
        _add_explain,
        _explain,
    ),
    "import": ("importeer een echte export", _add_import, _import),
    "import-published": (
        "importeer gepubliceerde jaarcijfers",
        _add_import_published,
        _import_published,
    ),
    "deck": ("maak de dia's van de IKO-lezing (PowerPoint of PDF)", _add_deck, _deck),
    "audit": ("controleer dat de publicatiemodus geen klein aantal prijsgeeft", _add_audit, _audit),
    "jaarverslag": (
        "maak een concept van de cijfers van het jaarverslag (Word of PDF)",
        _add_annual_report,
        _annual_report,
    ),
}


def main(argv: Sequence[str] | None = None) -> int:
    from dashboard.settings import SettingsError, settings

    try:
        settings()
    except SettingsError as error:
        print(f"iko-dashboard: {error}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command][2](args)


if __name__ == "__main__":
    sys.exit(main())
