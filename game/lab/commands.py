"""The lab's subcommands, registered on the ``resilience`` parser."""

from __future__ import annotations

from typing import Any

from game.lab import simulate_cmd, stress, sweep, tournament


def register(sub: Any) -> None:
    """Add the lab's subcommands to ``sub`` (an argparse subparsers object)."""
    simulate_cmd.add_parser(sub)
    tournament.add_parser(sub)
    sweep.add_parser(sub)
    stress.add_parser(sub)
