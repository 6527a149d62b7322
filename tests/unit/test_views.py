"""Tests of the SQL views over the embedded demo data: grain, not null, accepted values and
relationships, in the manner of dbt's schema tests, plus the consistency rules the export
contract promises."""

from __future__ import annotations

from dashboard.db import view_files


def test_every_sql_file_states_its_grain():
    for path in view_files():
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("-- grain: "), path
