"""Helpers shared by the tier files tests/*/test_vacation.py."""

from __future__ import annotations

import datetime as dt

OUTLOOK_DAY = dt.date(2026, 11, 23)
