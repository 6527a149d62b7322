"""Helpers shared by the tier files tests/*/test_history.py."""

from __future__ import annotations

import datetime as dt

UNTIL = dt.date(2026, 11, 22)
SINCE = 2015
