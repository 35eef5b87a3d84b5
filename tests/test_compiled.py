"""The engine compiled by mypyc plays exactly the games the pure-Python engine plays; the
stale-build guard finds a compiled module older than its source."""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import sys
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import game
from game.compiled import compiled_modules, engine_build, stale_modules
from game.scenarios import builtin_dir, load


def game_digests() -> dict[str, str]:
    """SHA-256 of ``repr`` of the final state of a few games (and, for some, of every event),
    keyed by game. Runs here with the installed engine, and in a subprocess with a pure copy:
    it imports what it needs itself, as its source is all that the subprocess gets."""
    import hashlib

    from game.ai.policies import policy
    from game.scenarios import scenario_path
    from game.sim.play import play_game

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    out = {}
    for scenario_name in ("collective-resilience", "chip-controls"):
        scenario = load(scenario_path(scenario_name))
        for name in ("coordinated", "random", "unilateral"):
            policies = {a.id: policy(name) for a in scenario.allies}
            for difficulty in ("normal", "brutal"):
                key = f"{scenario_name}/{name}/{difficulty}"
                for seed in range(5):
                    state, _ = play_game(scenario, seed, difficulty, policies)
                    out[f"{key}/{seed}"] = digest(repr(state))
                state, events = play_game(scenario, 0, difficulty, policies, keep_events=True)
                out[f"{key}/0/events"] = digest(repr(state) + repr(events))
    return out


PURE_RUN = """
import json, sys
sys.path.insert(0, {root!r})
import game
{source}
digests = game_digests()
loaded = {{n: m.__file__ for n, m in sys.modules.items() if n.startswith("game")}}
assert all(f.startswith({root!r}) and f.endswith(".py") for f in loaded.values()), loaded
print(json.dumps({{"digests": digests, "work": sys.modules["game.engine.work"].__file__}}))
"""


def copy_pure(to: Path) -> None:
    """The installed game package's sources (no compiled module) and the shipped scenarios."""
    package = Path(game.__file__).resolve().parent
    for path in package.rglob("*"):
        if path.suffix in (".py", ".toml", ".tcss") and "__pycache__" not in path.parts:
            target = to / "game" / path.relative_to(package)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    shutil.copytree(builtin_dir(), to / "scenarios")


def test_compiled_and_pure_engines_play_identical_games(tmp_path: Path) -> None:
    if engine_build() != "compiled (mypyc)":
        pytest.skip(
            "the installed engine is pure Python (RESILIENCE_PURE=1, or no C compiler or "
            "Python headers when it was installed): no compiled engine to compare"
        )
    import game.engine.work

    assert not game.engine.work.__file__.endswith(".py")
    assert "game.engine.work" in compiled_modules()

    copy_pure(tmp_path)
    code = PURE_RUN.format(root=str(tmp_path), source=inspect.getsource(game_digests))
    pure = subprocess.run(
        [sys.executable, "-I", "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pure.returncode == 0, pure.stderr
    result = json.loads(pure.stdout)
    assert result["work"] == str(tmp_path / "game" / "engine" / "work.py")

    compiled = game_digests()
    assert len(compiled) == 72
    differ = [k for k in compiled if compiled[k] != result["digests"].get(k)]
    assert not differ, f"the compiled engine plays different games: {differ}"


def test_stale_guard_finds_a_source_newer_than_its_compiled_module(tmp_path: Path) -> None:
    package = tmp_path / "game"
    (package / "engine").mkdir(parents=True)
    suffix = EXTENSION_SUFFIXES[0]  # .cpython-311-x86_64-linux-gnu.so
    for name in ("work", "turn"):
        (package / "engine" / f"{name}.py").write_text("")
        (package / "engine" / f"{name}{suffix}").write_bytes(b"")
    (package / "engine" / "state.py").write_text("")  # interpreted: no compiled module
    (package / f"resilience_engine__mypyc{suffix}").write_bytes(b"")  # no source beside it
    old = time.time() - 60
    for name in ("work", "turn"):
        os.utime(package / "engine" / f"{name}{suffix}", (old, old))
        os.utime(package / "engine" / f"{name}.py", (old - 60, old - 60))

    assert compiled_modules(package) == ["game.engine.turn", "game.engine.work"]
    assert engine_build(package) == "compiled (mypyc)"
    assert stale_modules(package) == []

    (package / "engine" / "work.py").write_text("# edited\n")
    assert stale_modules(package) == ["game/engine/work.py"]

    from conftest import stale_message

    assert stale_message(["game/engine/work.py"]) == (
        "game/engine/work.py changed since it was compiled: "
        "run `make test` (or pip install -e .) to rebuild"
    )
    for name in ("work", "turn"):
        (package / "engine" / f"{name}{suffix}").unlink()
    assert engine_build(package) == "pure Python"
    assert stale_modules(package) == []
