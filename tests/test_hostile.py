"""Hostile input, tried as an attacker would: markup and control sequences in every text field
of a scenario and a save, through every CLI command; special files (FIFOs, /dev/zero,
symlinks); nesting, sizes and chains past the limits; names in any script; links placed where
the game writes. Each gets one clear message or works, never a traceback, a hang, raw escape
bytes on the terminal, or a file written or deleted outside its folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_data import EVIL, write_hostile_save, write_hostile_scenario

from game.cli import main
from game.engine import ScenarioError
from game.saves import store
from game.saves.canonical import content_hash
from game.saves.errors import SaveError
from game.saves.format import with_checksum
from game.scenarios import load

ESC = "\x1b"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    scenario = write_hostile_scenario(root / "scenarios")
    saves = root / "saves"
    save = write_hostile_save(saves)
    return {"root": root, "scenario": scenario, "saves": saves, "save": save}


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging forever (a FIFO opened for reading blocks)."""

    def hung(*_: object) -> None:
        raise TimeoutError("hung: a special file was opened and read")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def assert_safe(code: int, out: str, err: str, *, ok: bool = True) -> None:
    assert ESC not in out and ESC not in err and "\x07" not in out + err
    assert "Traceback" not in err
    assert code == (0 if ok else 1), (code, out[-500:], err[-500:])


# -- 1. nothing from data reaches the terminal raw --------------------------------------------


def test_every_cli_command_prints_hostile_scenario_and_save_text_escaped(
    hostile: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario, saves = str(hostile["scenario"]), str(hostile["saves"])
    commands = [
        ["validate", scenario],
        ["scenarios", "--scenarios-dir", str(hostile["scenario"].parent)],
        ["demo", "--scenario", scenario],
        ["simulate", "--scenario", scenario, "--games", "2"],
        ["autoplay", "--scenario", scenario, "--save", "auto", "--saves-dir", str(tmp_path)],
        ["load", str(hostile["save"]), "--check"],
        ["load", str(tmp_path / "auto.json"), "--check"],
        ["saves", "--saves-dir", saves, "--autosaves"],
        ["report", str(hostile["save"]), "--format", "md"],
        ["report", str(hostile["save"]), "--format", "html"],
    ]
    for args in commands:
        code, out, err = run(args, capsys)
        assert_safe(code, out, err)
        assert "\\x1b" in out, args  # shown, as a visible escape
    code, out, err = run(["validate", scenario, scenario], capsys)
    assert_safe(code, out, err)


def test_error_messages_show_hostile_names_and_values_escaped(
    hostile: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(f'extends = "collective-resilience"\n[scenario]\nturn_label = 5\n'
                   f'default_difficulty = {json.dumps(EVIL)}\n', encoding="utf-8")  # fmt: skip
    doc = json.loads(hostile["save"].read_bytes())
    doc["game"]["turns"][0]["orders"].append(["us", f"move{EVIL}", None, "act", None])
    damaged = tmp_path / ("damaged" + EVIL.replace("/", "") + ".json")
    damaged.write_text(json.dumps(with_checksum(doc)), encoding="utf-8")
    doc = json.loads(hostile["save"].read_bytes())
    doc["saved_at"] = EVIL
    dated = tmp_path / "dated.json"
    dated.write_text(json.dumps(with_checksum(doc)), encoding="utf-8")
    for args in (
        ["validate", str(bad)],
        ["load", str(damaged), "--check"],
        ["load", str(dated), "--check"],
        ["report", str(damaged)],
        ["autoplay", "--save", "\x1b\x07\x1b", "--saves-dir", str(tmp_path)],
        ["load", f"nothing{EVIL}", "--check", "--saves-dir", str(tmp_path)],
        ["demo", "--scenario", f"x{EVIL}"],
    ):
        code, out, err = run(args, capsys)
        assert_safe(code, out, err, ok=False)
        assert "\\x1b" in err, (args, err)


def test_a_listing_skips_a_bad_file_with_a_one_line_note(
    hostile: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = hostile["save"].read_bytes()
    shutil.copy(hostile["save"], tmp_path / "good.json")
    for name, change in {
        "allies-5": lambda d: d["game"]["scenario"]["data"].update(allies=5),
        "ally-id-list": lambda d: d["game"]["scenario"]["data"]["allies"][0].update(id=[1]),
        "turns-text": lambda d: d["game"]["scenario"]["data"]["scenario"].update(turns="twelve"),
        "turns-list": lambda d: d["game"]["scenario"]["data"]["scenario"].update(turns=[1]),
        "meta-text": lambda d: d["game"]["scenario"]["data"].update(scenario="meta"),
        "turn-huge": lambda d: d["state"].update(turn=10**9),
        "team-unknown": lambda d: d["game"]["teams"][0].update(ally="atlantis"),
    }.items():
        doc = json.loads(good)
        change(doc)
        scen = doc["game"]["scenario"]
        scen["hash"] = content_hash(scen["data"])
        (tmp_path / f"{name}.json").write_text(json.dumps(with_checksum(doc)))
        code, out, err = run(["load", str(tmp_path / f"{name}.json"), "--check"], capsys)
        assert_safe(code, out, err, ok=False)
        assert err.count("\n") == 1 and ("game." in err or "state." in err), (name, err)
    listed = store.list_saves(tmp_path)
    assert sum(i.problem is None for i in listed) == 1 and len(listed) == 8
    code, out, err = run(["saves", "--saves-dir", str(tmp_path)], capsys)
    assert_safe(code, out, err)
    assert out.count("cannot") == 7


# -- special files and limits --------------------------------------------------------------


def test_fifos_and_devices_are_refused_without_hanging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], alarm: None
) -> None:
    saves, scenarios = tmp_path / "saves", tmp_path / "scenarios"
    saves.mkdir()
    scenarios.mkdir()
    os.mkfifo(saves / "fifo.json")
    os.mkfifo(scenarios / "fifo.toml")
    (saves / "zero.json").symlink_to("/dev/zero")
    (scenarios / "zero.toml").symlink_to("/dev/zero")
    code, out, err = run(["saves", "--saves-dir", str(saves)], capsys)
    assert_safe(code, out, err)
    assert "FIFO" in out and "device" in out
    for args in (
        ["load", str(saves / "fifo.json"), "--check"],
        ["load", str(saves / "zero.json"), "--check"],
        ["validate", str(scenarios / "fifo.toml")],
        ["validate", str(scenarios / "zero.toml")],
        ["report", str(saves / "zero.json")],
    ):
        code, out, err = run(args, capsys)
        assert_safe(code, out, err, ok=False)
        assert "not a regular file" in err, (args, err)
    code, out, err = run(["scenarios", "--scenarios-dir", str(scenarios)], capsys)
    assert_safe(code, out, err)
    assert out.count("INVALID") == 2


def test_a_big_file_is_refused_while_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * 1_100_000)
    with pytest.raises(ScenarioError, match="over the 1,000,000-byte limit"):
        load(big)


def _refused(text: str, message: str, tmp_path: Path, seconds: float = 2.0) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    start = time.process_time()
    with pytest.raises(ScenarioError) as caught:
        load(path)
    assert message in str(caught.value), str(caught.value)[:300]
    assert time.process_time() - start < seconds


def test_deep_nesting_wide_tables_and_long_chains_fail_fast(tmp_path: Path) -> None:
    _refused("a = " + "[" * 5000 + "]" * 5000, "nested too deeply", tmp_path)
    _refused("a = " + "{b = " * 500 + "1" + "}" * 500, "nested", tmp_path)
    _refused(".".join(f"k{i}" for i in range(2000)) + " = 1", "levels deep", tmp_path)
    _refused("x = [" + "1," * 100_000 + "]", "over the limit", tmp_path)
    allies = "".join(f'[[allies]]\nid = "a{i}"\n' for i in range(20_000))
    _refused(allies, "allies: 20,000 entries, over the limit of 64", tmp_path)
    domains = "".join(f'[[domains]]\nid = "d{i}"\n' for i in range(3000))
    few_allies = "".join(f'[[allies]]\nid = "a{i}"\n' for i in range(60))
    _refused(domains + few_allies, "domains: 3,000 entries, over the limit of 64", tmp_path)
    near = "".join(
        f'[[moves]]\nid = "m{i}"\neffects = [{{who = "self", var = "resolve", domain = '
        f'"domain-number-{i}", amount = 1}}]\n'
        for i in range(450)
    )
    domains = "".join(f'[[domains]]\nid = "domain-number-{i}x"\n' for i in range(64))
    _refused(domains + near, "unknown domain", tmp_path, seconds=10)
    for i in range(20):  # a chain of 20 files, each extending the next
        parent = f'extends = "c{i + 1}.toml"\n' if i < 19 else ""
        (tmp_path / f"c{i}.toml").write_text(parent, encoding="utf-8")
    with pytest.raises(ScenarioError, match="more than 8 files in the extends chain"):
        load(tmp_path / "c0.toml")


def test_deep_json_and_a_big_save_are_refused(tmp_path: Path, alarm: None) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "collective-resilience-save", "x": ' + "[" * 900 + "]" * 900 + "}")
    with pytest.raises(SaveError, match="nested more than 32 levels"):
        store.read_save(deep)
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(store.MAX_BYTES + 1)
    with pytest.raises(SaveError, match="over the"):
        store.read_save(big)


def test_an_embedded_scenario_obeys_the_scenario_limits(hostile: dict[str, Path]) -> None:
    doc = json.loads(hostile["save"].read_bytes())
    data = doc["game"]["scenario"]["data"]
    data["allies"] = [dict(data["allies"][0], id=f"a{i}") for i in range(1000)]
    doc["game"]["scenario"]["hash"] = content_hash(data)
    path = hostile["root"] / "huge.json"
    path.write_text(json.dumps(with_checksum(doc)))
    start = time.process_time()
    with pytest.raises(SaveError, match=r"data\.allies: .*1,000 entries, over the limit of 64"):
        store.load_save(path)
    assert time.process_time() - start < 5


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [("china", None, "china"), ("victory", None, "victory"), ("difficulty", 1, "difficulty")],
)
def test_a_null_or_scalar_section_in_a_saves_scenario_is_named(
    tmp_path: Path, key: str, value: object, named: str
) -> None:
    """JSON can say null where TOML cannot: a save whose embedded scenario has a section set
    to null (or a number) is refused with the field's name, never a traceback."""
    path = write_hostile_save(tmp_path, turns=1, name="nulled")
    doc = json.loads(path.read_bytes())
    data = doc["game"]["scenario"]["data"]
    data[key] = value
    doc["game"]["scenario"]["hash"] = content_hash(data)
    path.write_text(json.dumps(with_checksum(doc)))
    with pytest.raises(SaveError) as caught:
        store.read_save(path)
    assert f"game.scenario.data.{named}" in str(caught.value)
