"""The export contract: its document is current, and the demo data keeps to it."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard import contract_doc
from dashboard.contract import EXPORT_TABLES
from dashboard.paths import DEMO_DIR


def test_contract_document_is_current():
    # Regenerate with: uv run python -m dashboard.contract_doc
    assert contract_doc.DOC_PATH.read_text(encoding="utf-8") == contract_doc.render()


def test_every_column_is_documented_with_a_meaning():
    for model in EXPORT_TABLES.values():
        for name, field in model.model_fields.items():
            assert field.description and len(field.description) > 10, name


@pytest.mark.parametrize("table", list(EXPORT_TABLES))
def test_demo_tables_validate_against_the_models(table):
    df = pl.read_parquet(DEMO_DIR / table / f"{table}.parquet")
    model = EXPORT_TABLES[table]
    assert df.columns == list(model.model_fields)
    # every row of the small tables, a fixed sample of the large ones
    sample = df if df.height <= 5000 else df.sample(5000, seed=1)
    for row in sample.iter_rows(named=True):
        model.model_validate(row)
