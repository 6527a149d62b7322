"""`iko-dashboard`: start the dashboard, regenerate the demo data, print the report figures."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _data_home_argument(parser: argparse.ArgumentParser, default: Path) -> None:
    parser.add_argument(
        "--data-home",
        type=Path,
        default=default,
        metavar="MAP",
        help="map met de gepubliceerde versies (standaard %(default)s, of IKO_DATA_HOME)",
    )


def _add_run(commands: Any, settings: Settings) -> None:
    run = commands.add_parser(
        "run",
        help="start het dashboard",
        description="Start het dashboard (Streamlit) op deze computer en toon het adres.",
    )
    run.add_argument(
        "--port",
        type=int,
        metavar="POORT",
        default=settings.port,
        help="poort van het dashboard (standaard %(default)s, of IKO_PORT)",
    )
    run.add_argument(
        "--address",
        default=None,
        metavar="ADRES",
        help="netwerkadres waarop het dashboard luistert (standaard 127.0.0.1: alleen deze "
        "computer); op een ander adres start het alleen met login ingesteld",
    )
    run.add_argument(
        "--zonder-login",
        action="store_true",
        help="start ook zonder login op een netwerkadres (alleen voor een gesloten netwerk); "
        "elke pagina zegt het dan",
    )
    run.add_argument(
        "--data-dir",
        type=_existing_dir,
        default=None,
        metavar="MAP",
        help="map met de export (standaard IKO_DATA_DIR, anders de demogegevens)",
    )


def _add_demo(commands: Any, settings: Settings) -> None:
    demo = commands.add_parser(
        "demo",
        help="maak de demogegevens opnieuw",
        description="Maak de demogegevens opnieuw: 2024 en 2025 geijkt op het jaarverslag, "
        "daarna doorgetrokken tot en met de gekozen datum.",
    )
    demo.add_argument(
        "--until",
        type=_iso_date,
        default=dt.date.today() - dt.timedelta(days=1),
        metavar="JJJJ-MM-DD",
        help="laatste dag met gegevens (standaard gisteren)",
    )
    demo.add_argument(
        "--since",
        type=_year,
        default=None,
        metavar="JJJJ",
        help="maak ook de jaren vanaf dit jaar tot en met 2023, naar de registratie van toen "
        "(2020 geijkt op het jaarverslag 2020; standaard: vanaf 2024)",
    )
    demo.add_argument(
        "--out",
        type=Path,
        default=DEMO_DIR,
        metavar="MAP",
        help="map waarin de demo-export komt (standaard data/demo)",
    )


def _add_figures(commands: Any, settings: Settings) -> None:
    figures = commands.add_parser(
        "figures",
        help="druk de cijfers van een jaar af als CSV",
        description="Druk de berekende cijfers van een jaar af als CSV, naast de gepubliceerde.",
    )
    figures.add_argument("--year", type=_year, required=True, metavar="JJJJ", help="het jaar")


def _add_import(commands: Any, settings: Settings) -> None:
    imp = commands.add_parser(
        "import",
        help="importeer een echte export",
        description="Controleer een export (CSV, XLSX of Parquet; één bestand per tabel of een "
        "map) tegen het exportcontract en publiceer hem als nieuwe versie. Bij een fout blijven "
        "de gepubliceerde gegevens zoals ze waren.",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="BESTAND_OF_MAP", help="de export")
    _data_home_argument(imp, settings.data_home)


def _add_import_published(commands: Any, settings: Settings) -> None:
    pub = commands.add_parser(
        "import-published",
        help="importeer gepubliceerde jaarcijfers",
        description="Importeer gepubliceerde jaarcijfers voor jaren zonder export op zaakniveau: "
        "een CSV met de kolommen year,measure,value (en eventueel section,note,source), met de "
        "maten van data/reference/measure-labels.csv. Per jaar en maat wint het nieuwe bestand.",
    )
    pub.add_argument("path", type=Path, metavar="BESTAND.csv", help="de jaarcijfers")
    pub.add_argument(
        "--skip-unknown",
        action="store_true",
        help="sla rijen met een onbekende maat over (en noem ze) in plaats van het hele "
        "bestand te weigeren",
    )
    _data_home_argument(pub, settings.data_home)


def _add_deck(commands: Any, settings: Settings) -> None:
    deck = commands.add_parser(
        "deck",
        help="maak de dia's van de IKO-lezing (PowerPoint of PDF)",
        description="Maak de dia's van de IKO-lezing van een jaar, dezelfde als op "
        "/presentatie, in publicatiemodus, zonder internet (Chromium via BROWSER_PATH).",
    )
    deck.add_argument("--year", type=_year, required=True, metavar="JJJJ", help="het jaar")
    deck.add_argument(
        "--format", choices=("pptx", "pdf"), default="pptx", help="pptx (standaard) of pdf"
    )
    deck.add_argument(
        "--out", type=Path, default=None, metavar="BESTAND",
        help="het bestand (standaard iko-lezing-JJJJ.pptx of .pdf)",
    )  # fmt: skip
    deck.add_argument(
        "--images", type=Path, default=None, metavar="MAP",
        help="schrijf ook elke dia als PNG in deze map (iko-lezing-JJJJ-landen.png)",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    from dashboard.settings import settings

    parser = _Parser(
        prog="iko-dashboard",
        description="Analytisch dashboard van Centrum IKO.",
    )
    commands = parser.add_subparsers(
        title="opdrachten", metavar="OPDRACHT", dest="command", required=True
    )
    for add in (_add_run, _add_demo, _add_figures, _add_import, _add_import_published, _add_deck):
        add(commands, settings())
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
    made = lecture.deck(db.run, args.year, rules)
    out = args.out or Path(f"{made.stem}.{args.format}")
    render.write(made, out, args.format, images_dir=args.images, progress=_progress)
    print(f"{len(made.slides)} dia's geschreven naar {out}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": _run,
    "demo": _demo,
    "figures": _figures,
    "import": _import,
    "import-published": _import_published,
    "deck": _deck,
}


def main(argv: Sequence[str] | None = None) -> int:
    from dashboard.settings import SettingsError, settings

    try:
        settings()
    except SettingsError as error:
        print(f"iko-dashboard: {error}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
