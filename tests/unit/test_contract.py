"""The export contract: its document is current, lists every check, and the demo data keeps
to it."""

from __future__ import annotations

import ast

import polars as pl
import pytest

from dashboard import contract_doc
from dashboard.contract import COLUMN_LABELS_NL, EXPORT_TABLES, column_nl
from dashboard.importer.validate import RULES
from dashboard.paths import DEMO_DIR, REPO_ROOT

IMPORTER = REPO_ROOT / "dashboard" / "importer"
# published.py imports the annual report's figures, a file of its own with rules of its own;
# they are not part of the export contract.
NOT_THE_EXPORT = {"published.py"}


def test_contract_document_is_current():
    # Regenerate with: uv run python -m dashboard.contract_doc
    assert contract_doc.DOC_PATH.read_text(encoding="utf-8") == contract_doc.render()


def test_every_column_is_documented_with_a_meaning():
    for model in EXPORT_TABLES.values():
        for name, field in model.model_fields.items():
            assert field.description and len(field.description) > 10, name


def test_every_column_has_a_dutch_name_for_import_messages():
    columns = {name for model in EXPORT_TABLES.values() for name in model.model_fields}
    assert set(COLUMN_LABELS_NL) == columns
    assert column_nl("category_code") == "'registratiecode' (category_code)"
    assert column_nl("prioriteit") == "'prioriteit'"  # not in the contract: as written


@pytest.mark.parametrize("table", list(EXPORT_TABLES))
def test_demo_tables_validate_against_the_models(table):
    df = pl.read_parquet(DEMO_DIR / table / f"{table}.parquet")
    model = EXPORT_TABLES[table]
    assert df.columns == list(model.model_fields)
    # every row of the small tables, a fixed sample of the large ones
    sample = df if df.height <= 5000 else df.sample(5000, seed=1)
    for row in sample.iter_rows(named=True):
        model.model_validate(row)


def emitted_rules() -> dict[str, set[str]]:
    """Every rule slug written in the export import's source, with the severities given with
    it: `rule="x"` anywhere, `finding("x", ...)`, `ReadError("x", ...)`, `Finding(sev, "x")`.
    A rule that is a variable there only passes on one of these literals."""
    found: dict[str, set[str]] = {}
    for path in sorted(IMPORTER.glob("*.py")):
        if path.name in NOT_THE_EXPORT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            kwargs = {
                k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)
            }
            slug, severity = kwargs.get("rule"), kwargs.get("severity")
            if name == "finding" and args:
                slug = args[0]
            elif name == "ReadError" and args:
                slug, severity = args[0], "error"
            elif name == "Finding" and len(args) > 1:
                severity, slug = args[0], args[1]
            if slug is not None:
                found.setdefault(slug, set()).update({severity} - {None})
    return found


def test_every_rule_of_the_import_is_in_the_list_and_the_document():
    emitted = emitted_rules()
    assert set(emitted) - set(RULES) == set(), "emitted but not in RULES (validate.py)"
    assert set(RULES) - set(emitted) == set(), "in RULES but never emitted"
    for slug, severities in emitted.items():
        assert severities <= {RULES[slug].severity}, slug
    document = contract_doc.render()
    for slug, rule in RULES.items():
        assert f"| `{slug}`: {rule.check_nl} | " in document
        assert rule.severity == "error" or rule.outcome_nl, f"{slug}: say what a warning does"
