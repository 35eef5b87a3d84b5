"""Collective Resilience: a terminal strategy wargame on economic security.

The rules engine lives in :mod:`game.engine`; AI policies in :mod:`game.ai`; the headless
simulator in :mod:`game.sim`; the command line in :mod:`game.cli`.
"""

__version__ = "0.1.0"
