"""Migrations: each older save format becomes the next one, step by step, up to the current.

A migration is a pure function from a document of version N to one of version N + 1,
registered in :data:`MIGRATIONS`. Loading applies them in order, so any save written by an
older version of the game loads here. A change to the format adds a step; a step is never
edited once released.

Version 1 was the draft layout of this format, written while saves were being built and never
in a release: the scenario without a content hash, the orders as one list per turn, no
per-turn state hashes, teams or facilitator log. Its step is kept as the worked example (and
test) of how a format change is handled.

Version 2 embedded scenarios whose coercion tools did what their ``kind`` said, with the
numbers written in the engine; from version 3 a tool says it itself (``channel``, ``effects``,
``summary``). Step 2 -> 3 writes the old engine's numbers into each embedded tool, so an old
game replays as it was played.

Version 4 replays the facilitator's interventions (the list was always empty before) and adds
the game's notes, the facilitator's passphrase hash, inject list and clock settings.

Version 5 adds China's memory to the state: its actions of the last turn, the allies it spares
after a concession and the campaigns whose concession chance was rolled (a game saved by an
older version replays under the newer rules, so its recorded states will not match).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.saves.canonical import content_hash
from game.saves.errors import DamagedSaveError

Document = dict[str, Any]


def _v1_to_v2(doc: Document) -> Document:
    """Version 1 -> 2: the game moves under ``game``; the scenario gains its content hash;
    each turn's orders get a turn number (and no state hash, so only the final state is
    checked); teams become unknown players; an empty facilitator log."""
    for key in ("scenario", "seed", "difficulty", "orders", "state", "saved_at"):
        if key not in doc:
            raise DamagedSaveError(f"the key '{key}' is missing (format 1)")
    scenario, orders = doc["scenario"], doc["orders"]
    if not isinstance(scenario, dict) or not isinstance(scenario.get("data"), dict):
        raise DamagedSaveError("scenario: expected an object with the scenario's data (format 1)")
    if not isinstance(orders, list):
        raise DamagedSaveError("orders: expected a list of turns (format 1)")
    try:
        digest = content_hash(scenario["data"])
    except (TypeError, ValueError):
        raise DamagedSaveError("scenario.data: not plain JSON data (format 1)") from None
    allies = [a.get("id") for a in scenario["data"].get("allies", []) if isinstance(a, dict)]
    scenario_id = scenario.get("id", "")
    return {
        "format": doc["format"],
        "version": 2,
        "game_id": f"{scenario_id}-{doc['seed']}",
        "saved_at": doc["saved_at"],
        "game": {
            "scenario": {
                "id": scenario_id,
                "title": scenario.get("title", ""),
                "hash": digest,
                "data": scenario["data"],
            },
            "seed": doc["seed"],
            "difficulty": doc["difficulty"],
            "teams": [{"ally": a, "player": "unknown", "policy": None} for a in allies],
            "turns": [
                {"turn": i + 1, "orders": turn, "state_hash": None} for i, turn in enumerate(orders)
            ],
            "facilitator": [],
        },
        "state": doc["state"],
    }


# What each tool kind did in the engine that wrote format 2 (game/engine/coercion.py,
# apply_decision, at commit 9deb29d), as the tool keys of format 3. Every amount is multiplied
# by the action's intensity. Frozen: these are the rules old saves were played by.
_EPISODE_CHANNELS: dict[str, str] = {
    "boycott": "exports",
    "tourism": "exports",
    "tariff": "exports",
    "input_cutoff": "inputs",
}
_KIND_EFFECTS: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "warning": (
        "a public warning of consequences",
        [
            {"who": "target", "var": "alignment", "amount": -4.0},
            {"who": "target", "var": "defiance", "amount": -8.0},
        ],
    ),
    "firm_threat": (
        "firms warned to lobby against their government's measures",
        [
            {"who": "target", "var": "alignment", "amount": -20.0},
            {"who": "target", "var": "resolve", "amount": -4.0},
        ],
    ),
    "detention": (
        "citizens detained",
        [
            {"who": "target", "var": "resolve", "amount": -14.0},
            {"who": "others", "var": "resolve", "amount": 2.0},
        ],
    ),
    "digital": (
        "leverage through untrusted networks and apps ({exposure}% exposure)",
        [
            {"who": "target", "var": "gdp", "amount": -2.0, "scale": "digital_exposure"},
            {"who": "target", "var": "alignment", "amount": -6.0},
        ],
    ),
    "inducement": (
        "trade and investment offered to step away from the coalition",
        [
            {"who": "target", "var": "gdp", "amount": 0.5},
            {"who": "target", "var": "resolve", "amount": -12.0},
            {"who": "target", "var": "defiance", "amount": -20.0},
            {"who": "coalition", "var": "cohesion", "amount": -6.0},
        ],
    ),
    "tech_acquisition": (
        "acquisitions in {domain} (screened share {screened})",
        [
            {
                "who": "china",
                "var": "tech",
                "amount": 3.0,
                "scale": "unscreened",
                "domain": "strongest",
            },
            {"who": "china", "var": "fusion", "amount": 1.5, "scale": "unscreened"},
        ],
    ),
}


# A sector kind with sector_choice "none" did nothing of its own in that engine (only what
# every action does); format 3 refuses a tool that does nothing, so it gets an effect of zero.
_NOTHING: list[dict[str, Any]] = [{"who": "target", "var": "defiance", "amount": 0.0}]


def tool_keys_of_kind(kind: str, sector_choice: str) -> dict[str, Any]:
    """The ``channel``, ``effects`` and ``summary`` of a format-2 tool of this kind and
    ``sector_choice`` (a new copy each call)."""
    if kind in _EPISODE_CHANNELS:
        if sector_choice == "none":
            return {"channel": "none", "effects": [dict(e) for e in _NOTHING], "summary": ""}
        return {"channel": _EPISODE_CHANNELS[kind], "effects": [], "summary": ""}
    summary, effects = _KIND_EFFECTS.get(kind, ("", []))
    return {"channel": "none", "effects": [dict(e) for e in effects], "summary": summary}


def _v2_to_v3(doc: Document) -> Document:
    """Version 2 -> 3: each embedded tool with none of the keys ``channel``, ``effects`` and
    ``summary`` (a format-2 tool) gains those its ``kind`` stood for; the scenario's hash is
    computed again. Nothing else changes."""
    game = doc.get("game")
    scenario = game.get("scenario") if isinstance(game, dict) else None
    data = scenario.get("data") if isinstance(scenario, dict) else None
    if not isinstance(game, dict) or not isinstance(scenario, dict) or not isinstance(data, dict):
        return {**doc, "version": 3}  # from_document names what is missing
    tools = data.get("tools")
    if isinstance(tools, list):
        new_tools = []
        for tool in tools:
            new_keys = ("channel", "effects", "summary")
            if (
                isinstance(tool, dict)
                and isinstance(tool.get("kind"), str)
                and not any(k in tool for k in new_keys)
            ):
                choice = tool.get("sector_choice", "none")
                tool = {**tool_keys_of_kind(tool["kind"], choice), **tool}
            new_tools.append(tool)
        data = {**data, "tools": new_tools}
    try:
        intact = scenario.get("hash") == content_hash(scenario["data"])
        # an altered scenario keeps its old hash, so that from_document still refuses it
        digest = content_hash(data) if intact else scenario.get("hash")
    except (TypeError, ValueError):
        raise DamagedSaveError("game.scenario.data: not plain JSON data (format 2)") from None
    return {
        **doc,
        "version": 3,
        "game": {**game, "scenario": {**scenario, "data": data, "hash": digest}},
    }


def _v3_to_v4(doc: Document) -> Document:
    """Version 3 -> 4: the facilitator's log may hold interventions (it was always empty), and
    the game gains its notes (none), the facilitator's passphrase (none: no facilitator),
    inject list (empty) and clock (none)."""
    game = doc.get("game")
    if not isinstance(game, dict):
        return {**doc, "version": 4}  # from_document names what is missing
    added: Document = {"notes": [], "passphrase": None, "injects": [], "clock": None}
    return {**doc, "version": 4, "game": {**game, **added}}


def _v4_to_v5(doc: Document) -> Document:
    """Version 4 -> 5: China's state gains ``acted``, ``respite`` and ``rolled`` (all empty)."""
    state = doc.get("state")
    china = state.get("china") if isinstance(state, dict) else None
    if not isinstance(state, dict) or not isinstance(china, dict):
        return {**doc, "version": 5}  # from_document names what is missing
    added: Document = {"acted": [], "respite": [], "rolled": []}
    return {**doc, "version": 5, "state": {**state, "china": {**added, **china}}}


MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}
# The version this code writes: one past the last migration step, so adding a step (a new
# state field, say) is the one edit a format change needs.
VERSION = max(MIGRATIONS) + 1


def migrate(doc: Document) -> Document:
    """The document brought up to the current format version (it is returned as is if it is
    already current)."""
    version = doc["version"]
    while version < VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["version"]
    return doc
