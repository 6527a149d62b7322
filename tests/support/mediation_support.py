"""Helpers shared by the tier files tests/*/test_mediation.py."""

from __future__ import annotations

import math


def wilson_by_hand(x: int, n: int, z: float) -> tuple[float, float]:
    """The closed formula, written out separately from the code under test."""
    p = x / n
    root = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return (
        (p + z**2 / (2 * n) - root) / (1 + z**2 / n),
        (p + z**2 / (2 * n) + root) / (1 + z**2 / n),
    )
