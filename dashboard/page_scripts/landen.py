"""Landen van dreiging (preventie) tegenover landen van ontvoering."""

from dashboard import ui

ui.not_built_yet(5)
