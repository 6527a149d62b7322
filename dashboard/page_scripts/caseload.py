"""Zaken per maand, per lijn."""

from dashboard import ui

ui.not_built_yet(3)
