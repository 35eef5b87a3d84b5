"""Saves: a versioned JSON format that embeds its scenario and its order log, atomic writes,
autosaves, migrations of older formats and replays that check a save against its log.

The format is described in ``docs/saves.md``.
"""
