"""Lijn 1-zaken per dag rond de schoolvakanties per regio."""

from dashboard import ui

ui.not_built_yet(4)
