"""The ``resilience`` command's entry point: the plain ``resilience`` (or ``resilience play``)
goes straight to the title screen, loading only what the title shows.

The full command line (``game.cli``) builds its parser from the engine, the scenarios, the
saves and the lab; importing them takes longer than Textual itself. Playing needs none of
them before a game starts (the New game and Load screens import them when opened), so the
common start-up parses its few options here and starts the app. Anything else — a
subcommand, ``--help``, ``--ai-policy``, an option this module does not know, a value it
refuses — is handed to ``game.cli.main``, which answers exactly as it always has.
"""

from __future__ import annotations

import sys
from pathlib import Path

FOLDER_OPTIONS = ("--saves-dir", "--scenarios-dir")  # each takes a folder
FLAGS = ("--no-hints",)


def quick_play(argv: list[str]) -> tuple[Path | None, list[Path], bool] | None:
    """``(saves_dir, scenarios_dirs, hints)`` when ``argv`` only asks to play with the
    options parsed here; else None (the full command line handles it)."""
    args = argv[1:] if argv[:1] == ["play"] else argv
    saves_dir: Path | None = None
    scenarios_dirs: list[Path] = []
    hints = True
    i = 0
    while i < len(args):
        name, has_value, value = args[i].partition("=")
        if name in FLAGS and not has_value:
            hints = False
            i += 1
            continue
        if name not in FOLDER_OPTIONS:
            return None
        if not has_value:
            if i + 1 >= len(args):
                return None
            value = args[i + 1]
            i += 1
        i += 1
        if not value.strip() or value.startswith("-"):  # refused with a message by game.cli
            return None
        if name == "--saves-dir":
            saves_dir = Path(value)
        else:
            scenarios_dirs.append(Path(value))
    return saves_dir, scenarios_dirs, hints


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``resilience`` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    play = quick_play(args)
    if play is None:
        from game.cli import main as full_main

        return full_main(args)
    from game.tui.app import ResilienceApp
    from game.tui.crash import run_app

    saves_dir, scenarios_dirs, hints = play
    app = ResilienceApp(scenarios_dirs=scenarios_dirs, hints=hints, saves_dir=saves_dir)
    try:
        return run_app(app)
    except KeyboardInterrupt:
        return 130
