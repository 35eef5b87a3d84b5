"""The plain ``resilience`` starts the title screen without loading the engine (issue 14,
point 9); everything else goes to the full command line unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.launch import main, quick_play


def test_quick_play_takes_only_the_play_options() -> None:
    assert quick_play([]) == (None, [], True)
    assert quick_play(["play", "--no-hints", "--saves-dir", "s", "--scenarios-dir=a"]) == (
        Path("s"),
        [Path("a")],
        False,
    )
    for argv in (
        ["--help"],
        ["play", "--help"],
        ["saves"],
        ["--ai-policy", "greedy"],
        ["--saves-dir", ""],  # refused, with its message, by the full command line
        ["--saves-dir"],
        ["--version"],
    ):
        assert quick_play(argv) is None, argv


def test_the_title_path_loads_no_engine_scenarios_or_saves() -> None:
    code = (
        "import sys, game.launch, game.tui.app, game.tui.screens.title, game.tui.crash\n"
        "heavy = sorted(m for m in sys.modules if m.startswith(('game.engine', 'game.saves',"
        " 'game.scenarios', 'game.lab', 'game.report', 'game.ai', 'game.session')))\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_other_commands_reach_the_full_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "resilience" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["--saves-dir", " "])
    assert exit_.value.code == 2
    assert "the folder name is empty" in capsys.readouterr().err
