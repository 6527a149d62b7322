"""Fixtures shared by the tier files tests/*/test_preload.py."""

from __future__ import annotations

import threading

import pytest

from dashboard.server import preload


@pytest.fixture
def fresh_preload(monkeypatch):
    """The module as in a new server process: nothing started, nothing done."""
    monkeypatch.setattr(preload, "_done", threading.Event())
    monkeypatch.setattr(preload, "_started", False)
    return preload
