"""Migrations: each older save format becomes the next one, step by step, up to the current.

A migration is a pure function from a document of version N to one of version N + 1,
registered in :data:`MIGRATIONS`. Loading applies them in order, so any save written by an
older version of the game loads here. A change to the format adds a step; a step is never
edited once released.

Version 1 was the draft layout of this format, written while saves were being built and never
in a release: the scenario without a content hash, the orders as one list per turn, no
per-turn state hashes, teams or facilitator log. Its step is kept as the worked example (and
test) of how a format change is handled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.saves.canonical import content_hash
from game.saves.errors import DamagedSaveError
from game.saves.format import VERSION

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


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}


def migrate(doc: Document) -> Document:
    """The document brought up to the current format version (it is returned as is if it is
    already current)."""
    version = doc["version"]
    while version < VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["version"]
    return doc
