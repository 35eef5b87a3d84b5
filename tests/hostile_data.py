"""Hostile data for the attack tests: markup and terminal control sequences in every text
field of a scenario and a save, written as real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.engine import Order, build_scenario, new_game, resolve_turn
from game.saves.format import Team
from game.saves.replay import make_save, new_record, record_turn
from game.saves.store import write_save
from game.scenarios import builtin_dir, load_data

# A window-title change (OSC), a screen clear (CSI), a bell, Rich/Textual markup that ends a
# style never opened, a link, and a right-to-left override.
EVIL = "\x1b]0;owned\x07 [/] [bold]b[/bold] \x1b[2J [link=https://x]l[/link] \u202e~"
TEXT_KEYS = {
    "title", "name", "description", "briefing", "source", "text", "note", "summary", "label",
    "turn_label",
}  # fmt: skip


def _poison(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key == "ladder":
            return [f"{v}{EVIL}" for v in value]
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return f"{value}{EVIL}"
    return value


def hostile_data() -> dict[str, Any]:
    """The shipped scenario with markup and control sequences in every text field, in its
    id and in a difficulty labelled ``[/]``."""
    data = _poison(load_data(builtin_dir() / "collective-resilience.toml"))
    data["scenario"]["id"] = f"evil{EVIL}"
    data["scenario"].pop("default_difficulty", None)
    for i, level in enumerate(data["difficulty"]):
        level["label"] = f"[/]{i}{EVIL}"
    build_scenario(data)  # still a valid scenario
    return data


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string too
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    inner = ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
    return "{ " + inner + " }"


def to_toml(data: dict[str, Any]) -> str:
    """A TOML document of ``data`` (nested values as inline tables and arrays)."""
    out = []
    for key, value in data.items():
        if not isinstance(value, dict) and not (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            out.append(f"{json.dumps(key)} = {_toml_value(value)}")
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"\n[{json.dumps(key)}]")
            out += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for entry in value:
                out.append(f"\n[[{json.dumps(key)}]]")
                out += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in entry.items()]
    return "\n".join(out) + "\n"


def write_hostile_scenario(folder: Path) -> Path:
    """``folder/evil.toml``: the hostile scenario as a file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "evil.toml"
    path.write_text(to_toml(hostile_data()), encoding="utf-8")
    return path


def write_hostile_save(folder: Path, turns: int = 2, name: str = "evil-teams") -> Path:
    """A save of the hostile scenario whose game id and first team's name are hostile too
    (the other governments are AI-played)."""
    data = hostile_data()
    scenario = build_scenario(data)
    difficulty = scenario.difficulties[1].id
    teams = tuple(
        Team(a.id, f"Team {EVIL}") if i == 0 else Team(a.id, "AI", "coordinated")
        for i, a in enumerate(scenario.allies)
    )
    game = new_record(data, 3, difficulty, teams, f"game{EVIL}")
    state, _ = new_game(scenario, 3, difficulty, explain=False)
    for _ in range(turns):
        if state.over:
            break
        orders: list[Order] = []
        state, _ = resolve_turn(scenario, state, orders, explain=False)
        game = record_turn(game, orders, state)
    folder.mkdir(parents=True, exist_ok=True)
    return write_save(make_save(game, state), folder / f"{name}.json")
