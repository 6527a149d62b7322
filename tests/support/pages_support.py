"""Helpers shared by the tier files tests/*/test_pages.py."""

from __future__ import annotations

from dashboard.paths import REPO_ROOT

APP = REPO_ROOT / "dashboard" / "app.py"

DEMO_BANNER = (
    "Demonstratiegegevens — geen echte cijfers van Centrum IKO. 2024 en 2025 zijn geijkt op het "
    "jaarverslag 2025; vanaf 1 januari 2026 doorgetrokken."
)
