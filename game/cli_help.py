"""What ``resilience --help`` says about the bare command (which plays) and its folders."""

from __future__ import annotations

import argparse

from game.saves.location import default_saves_dir
from game.scenarios import user_dir

SCENARIOS_DIR_HELP = (
    "also look for scenarios in DIR (repeatable); searched first, then your scenarios folder, "
    "then the shipped scenarios"
)


def _saves_help() -> str:
    return f"the saves folder (default: {default_saves_dir()})"


SAVES_DIR_HELP = _saves_help()


def add_bare_options(parser: argparse.ArgumentParser) -> None:
    """Document the options of the bare ``resilience`` command, which plays (``main`` hands
    them to ``play``), and where scenarios and saves are found."""
    group = parser.add_argument_group(
        "playing (the bare command, like `resilience play`)",
        f"Scenarios are looked for in --scenarios-dir folders, then {user_dir()}, then the "
        f"shipped ones. Saves go to {default_saves_dir()} unless --saves-dir says otherwise.",
    )
    group.add_argument("--scenarios-dir", action="append", metavar="DIR", help=SCENARIOS_DIR_HELP)
    group.add_argument("--saves-dir", metavar="DIR", help=SAVES_DIR_HELP)
    group.add_argument("--no-hints", action="store_true", help="start without first-game tips")
