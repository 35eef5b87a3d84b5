"""Saves: round trips at every turn, atomic writes under injected faults and crashes, a corpus
of corrupt files that each give one clear message, migrations, names, autosaves, the CLI."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.policies import POLICIES, SEARCH_POLICIES
from game.cli import main
from game.engine import build_scenario, new_game, resolve_turn
from game.saves import store
from game.saves.autoplay import autoplay
from game.saves.canonical import content_hash
from game.saves.errors import (
    DamagedSaveError,
    NewerSaveError,
    NotASaveError,
    ReplayMismatchError,
    SaveError,
)
from game.saves.format import VERSION, Save, Team, decode, encode, with_checksum
from game.saves.migrate import migrate
from game.saves.replay import make_save, new_record, record_turn, verify
from game.scenarios import load, load_data, scenario_path
from game.sim.play import ai_orders

DATA = {name: load_data(scenario_path(name)) for name in ("collective-resilience", "seminar-short")}
SCENARIOS = {name: build_scenario(data) for name, data in DATA.items()}


def play(
    name: str,
    policy: str,
    seed: int,
    difficulty: str = "assertive",
    data: dict[str, Any] | None = None,
) -> list[Save]:
    """A whole game, and its save after the start and after every turn (on ``data``, a
    scenario's data, if given)."""
    data = DATA[name] if data is None else data
    scenario = SCENARIOS[name] if data is DATA[name] else build_scenario(data, name)
    teams = tuple(Team(a.id, "AI", policy) for a in scenario.allies)
    game = new_record(data, seed, difficulty, teams, f"{name}-{seed}")
    state, _ = new_game(scenario, seed, difficulty, explain=False)
    saves = [make_save(game, state, "2025-01-01T00:00:00Z")]
    policies = {a.id: POLICIES[policy] for a in scenario.allies}
    while not state.over:
        orders = ai_orders(scenario, state, policies)
        state, _ = resolve_turn(scenario, state, orders, explain=False)
        game = record_turn(game, orders, state)
        saves.append(make_save(game, state, "2025-01-01T00:00:00Z"))
    return saves


@pytest.fixture(scope="module")
def finished() -> Save:
    return play("collective-resilience", "coordinated", 3)[-1]


@pytest.fixture(scope="module")
def good_bytes(finished: Save) -> bytes:
    return encode(finished)


# -- round trips ----------------------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(DATA)),
    policy=st.sampled_from(sorted(set(POLICIES) - SEARCH_POLICIES)),
    seed=st.integers(min_value=-(2**63), max_value=2**63),
    difficulty=st.sampled_from(["easy", "normal", "hard", "brutal"]),
)
def test_save_then_load_at_every_turn_gives_an_equal_state(
    name: str, policy: str, seed: int, difficulty: str
) -> None:
    level = SCENARIOS[name].difficulty(difficulty).id
    for save in play(name, policy, seed, level):
        loaded = decode(encode(save))
        assert loaded == save
        assert loaded.state == save.state
        assert verify(loaded).final == save.state


def test_a_save_file_loads_verified_even_when_the_scenario_file_is_gone(
    tmp_path: Path, finished: Save
) -> None:
    path = store.write_save(finished, store.save_path("class-of-2025", tmp_path))
    loaded = store.load_save(path)
    assert loaded.mismatch is None and loaded.save == finished
    assert loaded.replay.final == finished.state
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == VERSION and doc["game"]["scenario"]["hash"].startswith("sha256:")
    assert doc["game"]["facilitator"] == [] and doc["game"]["turns"][0]["orders"]


# -- atomic writes --------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fault", ["write", "fsync", "replace"])
def test_a_write_that_fails_midway_leaves_the_previous_save_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    saves = play("seminar-short", "coordinated", 5)
    path = store.write_save(saves[2], store.save_path("game", tmp_path))
    before = path.read_bytes()
    real_write = os.write

    def half_write(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(28, "No space left on device")

    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    target = {
        "write": ("write", half_write),
        "fsync": ("fsync", fail),
        "replace": ("replace", fail),
    }
    monkeypatch.setattr(store.os, target[fault][0], target[fault][1])
    with pytest.raises(SaveError, match="cannot write"):
        store.write_save(saves[-1], path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert store.load_save(path).save == saves[2]
    assert _leftovers(tmp_path) == []


def test_a_crash_during_a_write_leaves_the_old_save_or_the_new_one(
    tmp_path: Path, good_bytes: bytes
) -> None:
    path = tmp_path / "game.json"
    path.write_bytes(good_bytes)
    # A process that dies (no cleanup, no exception handling) right after writing part of the
    # new save, before the rename.
    child = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from game.saves import store\n"
        "real = os.write\n"
        "def dying_write(fd, data):\n"
        "    real(fd, bytes(data[:1000]))\n"
        "    os._exit(9)\n"
        "store.os.write = dying_write\n"
        "store.atomic_write(Path(sys.argv[1]), b'{\"new\": true}' * 1000)\n"
    )
    result = subprocess.run([sys.executable, "-c", child, str(path)], check=False)
    assert result.returncode == 9
    assert path.read_bytes() == good_bytes
    assert store.read_save(path) == decode(good_bytes)
    assert [i.path for i in store.list_saves(tmp_path)] == [path]  # the orphan is not listed


# -- a corpus of corrupt saves --------------------------------------------------------------


def _edit(raw: bytes, change, *, checksum: bool = True) -> bytes:  # noqa: ANN001
    doc = json.loads(raw)
    change(doc)
    if checksum:
        doc = with_checksum(doc)
    return json.dumps(doc).encode()


def _set(path: str, value: object):  # noqa: ANN202
    def change(doc: dict) -> None:
        *parents, last = path.split(".")
        for p in parents:
            doc = doc[p]
        doc[last] = value

    return change


def _delete(path: str):  # noqa: ANN202
    def change(doc: dict) -> None:
        *parents, last = path.split(".")
        for p in parents:
            doc = doc[p]
        del doc[last]

    return change


def _corpus(good: bytes) -> dict[str, tuple[bytes, type[SaveError], str]]:
    cases: dict[str, tuple[bytes, type[SaveError], str]] = {
        "empty": (b"", NotASaveError, "empty"),
        "blank": (b"  \n", NotASaveError, "empty"),
        "not-json": (b"hello, world", NotASaveError, "not readable JSON"),
        "not-utf8": (b"\xff\xfe{}", NotASaveError, "not UTF-8"),
        "json-array": (b"[1, 2]", NotASaveError, "not a Collective Resilience save"),
        "foreign-json": (b'{"name": "x"}', NotASaveError, "not a Collective Resilience save"),
        "nan": (good.replace(b'"seed": 3', b'"seed": NaN', 1), NotASaveError, "JSON"),
        "deep": (b"[" * 100_000, NotASaveError, "JSON"),
        "future-version": (
            _edit(good, _set("version", 99)),
            NewerSaveError,
            "newer version of the game",
        ),
        "version-text": (_edit(good, _set("version", "2")), DamagedSaveError, "version"),
        "edited-no-checksum": (
            _edit(good, _set("game.seed", 4), checksum=False),
            DamagedSaveError,
            "checksum",
        ),
        "missing-checksum": (
            _edit(good, _delete("checksum"), checksum=False),
            DamagedSaveError,
            "checksum",
        ),
        "missing-game": (_edit(good, _delete("game")), DamagedSaveError, "'game' is missing"),
        "missing-state": (_edit(good, _delete("state")), DamagedSaveError, "'state' is missing"),
        "missing-seed": (_edit(good, _delete("game.seed")), DamagedSaveError, "'seed' is missing"),
        "missing-ally-figure": (
            _edit(good, lambda d: d["state"]["allies"][0].pop("resolve")),
            DamagedSaveError,
            "state.allies[0]: the key 'resolve' is missing",
        ),
        "seed-as-text": (
            _edit(good, _set("game.seed", "3")),
            DamagedSaveError,
            "game.seed: expected an integer",
        ),
        "turn-as-float": (
            _edit(good, _set("state.turn", 12.0)),
            DamagedSaveError,
            "state.turn: expected an integer",
        ),
        "teams-as-object": (
            _edit(good, _set("game.teams", {})),
            DamagedSaveError,
            "game.teams: expected a list",
        ),
        "order-of-wrong-shape": (
            _edit(good, lambda d: d["game"]["turns"][0]["orders"].append(["us"])),
            DamagedSaveError,
            "orders",
        ),
        "scenario-altered": (
            _edit(good, lambda d: d["game"]["scenario"]["data"]["scenario"].update(turns=3)),
            DamagedSaveError,
            "content hash",
        ),
        "illegal-order": (
            _edit(
                good,
                lambda d: d["game"]["turns"][0]["orders"].append(["us", "nope", None, "act", None]),
            ),
            DamagedSaveError,
            "turn 1 does not replay",
        ),
        "facilitator-actions": (
            _edit(good, _set("game.facilitator", [{"turn": 1}])),
            DamagedSaveError,
            "facilitator",
        ),
        "log-altered": (
            _edit(good, lambda d: d["game"]["turns"][3]["orders"].pop()),
            ReplayMismatchError,
            "turn 4 diverged",
        ),
        "state-altered": (
            _edit(good, lambda d: d["state"]["allies"][2].update(resolve=1.5)),
            ReplayMismatchError,
            "state.allies[2].resolve",
        ),
    }
    for cut in (1, 100, len(good) // 3, len(good) // 2, len(good) - 2):
        cases[f"truncated-{cut}"] = (good[:cut], NotASaveError, "truncated")
    for i, where in enumerate(range(7, len(good), len(good) // 24)):
        flipped = bytearray(good)
        flipped[where] ^= 1 << (i % 8)
        cases[f"bit-flip-{where}"] = (bytes(flipped), SaveError, "")
    return cases


def test_every_corrupt_save_gives_a_clear_message_and_the_cli_no_traceback(
    tmp_path: Path, good_bytes: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, (raw, error, message) in _corpus(good_bytes).items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(raw)
        with pytest.raises(error) as caught:
            store.load_save(path)
        text = str(caught.value)
        assert message in text, (name, text)
        assert text.startswith(str(path)) and "\n" not in text, (name, text)
        assert main(["load", str(path), "--check"]) == 1, name
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, (name, err)


def test_a_damaged_save_offers_the_autosaves_of_its_game(tmp_path: Path) -> None:
    saves = play("seminar-short", "coordinated", 8)
    for s in saves[:4]:
        store.autosave(s, tmp_path)
    path = store.write_save(saves[-1], store.save_path(saves[-1].game.id, tmp_path))
    path.write_bytes(path.read_bytes()[:5000])  # truncated: the game id near the top survives
    with pytest.raises(NotASaveError) as caught:
        store.load_save(path)
    assert caught.value.autosaves == tuple(store.autosaves(saves[0].game.id, tmp_path))
    assert "autosaves of this game" in str(caught.value)
    renamed = tmp_path / "renamed.json"
    path.rename(renamed)
    with pytest.raises(NotASaveError) as caught:
        store.load_save(renamed)
    assert len(caught.value.autosaves) == 4


# -- migrations -----------------------------------------------------------------------------


def _as_version_1(raw: bytes) -> bytes:
    """The save as the draft format 1 wrote it (the layout migrate.py documents)."""
    doc = json.loads(raw)
    game = doc["game"]
    v1 = {
        "format": doc["format"],
        "version": 1,
        "saved_at": doc["saved_at"],
        "scenario": {k: v for k, v in game["scenario"].items() if k != "hash"},
        "seed": game["seed"],
        "difficulty": game["difficulty"],
        "orders": [t["orders"] for t in game["turns"]],
        "state": doc["state"],
    }
    return json.dumps(v1).encode()


def test_a_version_1_save_loads_through_its_migration(tmp_path: Path, finished: Save) -> None:
    path = tmp_path / "old.json"
    path.write_bytes(_as_version_1(encode(finished)))
    loaded = store.load_save(path)
    assert loaded.mismatch is None
    assert loaded.save.state == finished.state
    assert loaded.save.game.turns[-1].orders == finished.game.turns[-1].orders
    assert loaded.save.game.scenario_hash == finished.game.scenario_hash
    assert {t.player for t in loaded.save.game.teams} == {"unknown"}
    assert migrate(json.loads(encode(finished)))["version"] == VERSION  # current: unchanged
    broken = json.loads(path.read_bytes())
    del broken["orders"]
    path.write_text(json.dumps(broken))
    with pytest.raises(DamagedSaveError, match="'orders' is missing"):
        store.load_save(path)


def _as_version_2(raw: bytes) -> bytes:
    """The save as format 2 wrote it: tools without channel, effects or summary (their kind
    said what they did), and a checksum."""
    doc = json.loads(raw)
    scenario = doc["game"]["scenario"]
    for tool in scenario["data"]["tools"]:
        for key in ("channel", "effects", "summary"):
            tool.pop(key, None)
    scenario["hash"] = content_hash(scenario["data"])
    doc["version"] = 2
    return json.dumps(with_checksum(doc)).encode()


def _with_format_2_tools(data: dict[str, Any]) -> dict[str, Any]:
    """The scenario's data with every tool's effects as format 2's kinds gave them (a game a
    format-2 version could have played: tools changed on purpose since, such as the
    technology acquisition of issue #15, back to their old numbers)."""
    doc = json.loads(_as_version_2(json.dumps({"game": {"scenario": {"data": data}}}).encode()))
    migrated = migrate(doc)["game"]["scenario"]["data"]
    return cast(dict[str, Any], migrated)


def test_a_version_2_save_loads_and_replays_through_its_migration(tmp_path: Path) -> None:
    old = _with_format_2_tools(copy.deepcopy(DATA["collective-resilience"]))
    finished = play("collective-resilience", "coordinated", 3, data=old)[-1]
    path = tmp_path / "v2.json"
    path.write_bytes(_as_version_2(encode(finished)))
    loaded = store.load_save(path)
    assert loaded.mismatch is None
    assert loaded.save.state == finished.state
    assert loaded.replay.final == finished.state
    tools = build_scenario(loaded.save.game.scenario_data).tools
    changed = {"detentions"}  # its effects changed on purpose after format 2 (issue 15)
    assert [t for t in tools if t.id not in changed] == [
        t for t in build_scenario(finished.game.scenario_data).tools if t.id not in changed
    ]


# -- names, autosaves, the list -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("my game", "my-game"),
        ("../../etc/passwd", "etc-passwd"),
        ("/abs/path.json", "abs-path"),
        ("..\\..\\win", "win"),
        (".hidden", "hidden"),
        ("CON", "CON-save"),
        ("séance 1", "séance-1"),
        ("a" * 300, "a" * 120),
        ("名" * 80, "名" * 40),  # cut in bytes (120 of UTF-8), not characters
        ("𠀀" * 80, "𠀀" * 30),
        ("x\x00y\nz", "x-y-z"),
    ],
)
def test_save_names_are_sanitised_into_the_saves_folder(
    tmp_path: Path, name: str, stem: str
) -> None:
    path = store.save_path(name, tmp_path)
    assert path.name == f"{stem}.json"
    assert path.resolve().parent == tmp_path.resolve()


@pytest.mark.parametrize("name", ["", "..", "/", "***", " . "])
def test_unusable_save_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(SaveError, match="not usable as a save name"):
        store.save_path(name, tmp_path)


def test_autosave_keeps_the_last_ten_of_each_game_and_the_list_describes_saves(
    tmp_path: Path,
) -> None:
    saves = play("collective-resilience", "coordinated", 2)
    other = play("seminar-short", "passive", 2)
    written = [store.autosave(s, tmp_path) for s in saves]
    store.autosave(other[0], tmp_path)
    kept = store.autosaves(saves[0].game.id, tmp_path)
    assert len(saves) > 10 and kept == list(reversed(written))[:10]
    assert len(store.autosaves(other[0].game.id, tmp_path)) == 1
    store.write_save(saves[-1], store.save_path("final", tmp_path))
    (tmp_path / "broken.json").write_text("{")
    listed = store.list_saves(tmp_path)
    assert [i.path.name for i in listed] == ["final.json", "broken.json"]
    final, broken = listed
    last_turn = saves[-1].state.turn  # the turn the game ended on
    assert final.scenario == "Collective Resilience" and final.over and final.turn == last_turn
    assert final.teams == ("all 6: AI (coordinated)",) and final.saved_at
    assert broken.problem and "not readable JSON" in broken.problem
    assert len(store.list_saves(tmp_path, include_autosaves=True)) == 2 + 10 + 1


# -- the command line -----------------------------------------------------------------------


def test_autoplay_writes_a_finished_save_that_load_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--scenario", "seminar-short", "--policy", "coordinated", "--difficulty", "hard"]
    assert (
        main(["autoplay", *args, "--seed", "4", "--save", "x y", "--saves-dir", str(tmp_path)]) == 0
    )
    path = tmp_path / "x-y.json"
    assert str(path) in capsys.readouterr().out
    loaded = store.load_save(path)
    assert loaded.save.state.over and loaded.save.game.difficulty == "coercive"
    assert main(["load", "x-y", "--check", "--saves-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.strip()
    assert "\n" not in out and "Seminar" in out and "replay verified" in out and "seed 4" in out


def test_autoplay_matches_the_engine(tmp_path: Path) -> None:
    scenario = load(scenario_path("seminar-short"))
    save = autoplay(scenario, DATA["seminar-short"], "random", "assertive", 11, "g")
    assert save == decode(encode(save))
    assert save.state == play("seminar-short", "random", 11)[-1].state


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["autoplay", "--save", "x", "--policy", "nope"], "unknown policy 'nope'"),
        (["autoplay", "--save", "x", "--scenario", "nope"], "unknown scenario 'nope'"),
        (["autoplay", "--save", "***"], "not usable as a save name"),
        (["load", "no-such-save", "--check"], "no such save"),
        (["load", ".", "--check"], "is a folder"),
    ],
)
def test_bad_input_gives_one_clean_message(
    tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*args, "--saves-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1
