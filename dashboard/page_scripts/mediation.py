"""Mediationverzoeken: van verzoek tot uitkomst."""

from dashboard import ui

ui.not_built_yet(6)
