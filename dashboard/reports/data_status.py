"""What the loaded data hold: the tables of the export, the facts of the export and of the
last import, and the annual figures imported from earlier annual reports.

Typed report functions and what is said of their rows; no Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import polars as pl

from dashboard.format import date_nl, number
from dashboard.importer import published
from dashboard.importer.log import LastImport, when_nl

Runner = Callable[..., pl.DataFrame]


def export_tables(run: Runner) -> pl.DataFrame:
    """One row per table of the export: its Dutch name, rows and first and last date
    (`data_status.sql`)."""
    return run("data_status")


def export_facts(meta: Mapping[str, Any]) -> dict[str, str]:
    """The export in a few labelled facts (label -> text), from the `export_meta` row."""
    facts = {
        "Bron": meta["source"],
        "Gegevens tot en met": date_nl(meta["data_until"]),
        "Export gemaakt op": date_nl(meta["export_date"]),
        "Soort gegevens": "demonstratiegegevens" if meta["is_demo"] else "echte export",
    }
    if meta["extrapolated_from"] is not None:
        facts["Doorgetrokken vanaf"] = date_nl(meta["extrapolated_from"])
    return facts


def import_facts(last: LastImport) -> dict[str, str]:
    """The last import in labelled facts (label -> text): who, when, what and how it ended."""
    return {
        "Wie": last.who,
        "Wanneer": when_nl(last.when),
        "Soort": last.kind_nl,
        "Uitkomst": last.outcome_nl + (f" (versie {last.version})" if last.version else ""),
        "Fouten": number(last.errors),
        "Waarschuwingen": number(last.warnings),
    }


def rows_by_table_text(last: LastImport) -> str | None:
    """ "cases 1.234, contacts 5.678": the rows the last import read per table; None when it
    read none."""
    if not last.rows_by_table:
        return None
    return ", ".join(f"{table} {number(rows)}" for table, rows in last.rows_by_table.items())


def facts_markdown(facts: Mapping[str, str]) -> str:
    """Labelled facts as a Markdown list with bold labels."""
    return "\n".join(f"- **{label}:** {value}" for label, value in facts.items())


def import_log_caption(log: pl.DataFrame) -> str:
    """What the table of recent imports (`importer.log.recent_imports`, not empty) holds."""
    if log.height == 1:
        return "De enige import tot nu toe."
    return f"De laatste {number(log.height)} imports, de nieuwste bovenaan."


def annual_figures_template(run: Runner) -> pl.DataFrame:
    """The file to fill in with figures of an earlier annual report: every measure of the
    dashboard with its chapter and description; year, value and source empty."""
    return published.template(run("published_measures"))


def imported_years(run: Runner) -> pl.DataFrame:
    """One row per year with imported annual figures: how many, and how many differ from
    what the data give (`published_imported_years.sql`)."""
    return run("published_imported_years")
