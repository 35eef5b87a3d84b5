"""The command line: ``resilience`` plays; subcommands run the simulator and other tools."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``resilience`` command."""
    parser = argparse.ArgumentParser(prog="resilience", description="Collective Resilience")
    parser.parse_args(argv)
    print("Collective Resilience: the game is under construction.", file=sys.stderr)
    return 0
