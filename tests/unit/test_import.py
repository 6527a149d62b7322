"""Importing real exports: the malformed corpus, warnings, re-imports, encodings, and kills
mid-import."""

from __future__ import annotations

from import_corpus import (
    DAMAGED,
    FAULTS,
)

from dashboard.contract import EXPORT_TABLES
from dashboard.importer.validate import personal_by_name


def test_corpus_is_large_enough() -> None:
    assert len(FAULTS) >= 25
    assert len({f.rule for f in FAULTS}) >= 20
    assert len(DAMAGED) >= 90
    assert {d.outcome for d in DAMAGED} == {"published", "rejected"}


def test_no_contract_column_looks_like_personal_data() -> None:
    for model in EXPORT_TABLES.values():
        for column in model.model_fields:
            assert personal_by_name(column) is None, column
    assert personal_by_name("Achternaam ouder") and personal_by_name("tel")
    assert personal_by_name("hotel") is None
