"""The command line: the simulator's output and JSON, and clean errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main


def test_simulate_prints_a_table_and_writes_byte_identical_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["simulate", "--policy", "coordinated", "--difficulty", "normal", "--games", "4"]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main([*args, "--seed", "3", "--json", str(first)]) == 0
    assert main([*args, "--seed", "3", "--json", str(second)]) == 0
    out = capsys.readouterr().out
    assert "win rate" in out and "95% interval" in out and "mean GDP change" in out
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    for key in ("scenario", "policy", "difficulty", "games", "seed", "win_rate", "mean_score"):
        assert key in data
    assert data["games"] == 4 and data["seed"] == 3 and data["difficulty"] == "assertive"
    assert "scores" not in data  # one row per game: --out FILE.jsonl (tests/test_lab.py)
    low, high = data["score_ci95"]
    assert low <= data["mean_score"] <= high
    assert 0.0 <= data["win_rate"] <= 1.0


def test_different_seeds_give_different_games(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["simulate", "--games", "3", "--seed", "0", "--out", str(a)]) == 0
    assert main(["simulate", "--games", "3", "--seed", "50", "--out", str(b)]) == 0
    scores = [[json.loads(x)["score"] for x in f.read_text().splitlines()] for f in (a, b)]
    assert scores[0] != scores[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["simulate", "--scenario", "no-such-scenario"], "unknown scenario 'no-such-scenario'"),
        (["simulate", "--difficulty", "hrad"], "did you mean 'hard'"),
        (["simulate", "--games", "0"], "--games must be at least 1"),
        (["simulate", "--games", "1", "--json", "/no/such/folder/x.json"], "does not exist"),
    ],
)
def test_bad_input_gives_one_clean_message_and_exit_1(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_malformed_scenario_file_names_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).resolve().parent.parent / "scenarios" / "collective-resilience.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text(source.read_text().replace("turns = 12", "turns = 'twelve'"))
    assert main(["simulate", "--scenario", str(bad), "--games", "1"]) == 1
    err = capsys.readouterr().err
    assert "bad.toml" in err and "scenario.turns" in err and "expected an integer" in err


def test_demo_plays_a_game_to_the_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "Quarter 12 of 12" in out or "Game over" in out
    assert "coalition score" in out


def test_saves_lists_games_and_flags_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path)
    assert main(["autoplay", "--seed", "2", "--save", "class-a", "--saves-dir", folder]) == 0
    (tmp_path / "broken.json").write_text("not json", encoding="utf-8")
    capsys.readouterr()
    assert main(["--saves-dir", folder, "saves"]) == 0  # the option before the command works too
    out = capsys.readouterr().out
    flat = " ".join(out.replace("│", " ").replace("┃", " ").split())  # the table folds lines
    assert "class-a" in flat and "Collective" in flat and "over" in flat
    assert "broken.json" in flat and "cannot be loaded" in flat
