"""Scenario values by key path, for sweeps: ``tuning.coercion_scale``,
``tools.rare-earth-embargo.intensity``, ``allies.japan.resolve``, ``china.capacity``.

A path walks the scenario's data form (``scenario_data``: the file with its ``extends``
merged): a table by key, a list of records by ``id`` (or by position, from 0), a list of
numbers by position. Any step that does not exist is one clear error naming the path and
what exists there; the changed data is then checked by ``build_scenario`` like a file.
"""

from __future__ import annotations

import copy
from typing import Any

from game.engine import GameError, did_you_mean, tuning_keys


def _step(node: Any, part: str, done: str, path: str) -> tuple[Any, Any]:
    """The child of ``node`` at ``part`` and the key or index to set it by."""
    where = f"'{done}'" if done else "the top level"
    if isinstance(node, dict):
        if part in node:
            return node[part], part
        raise GameError(
            f"unknown key path '{path}': no '{part}' at {where}{did_you_mean(part, node)}; "
            f"there: {', '.join(sorted(node))}"
        )
    if isinstance(node, list):
        ids = [str(x.get("id")) for x in node if isinstance(x, dict) and "id" in x]
        if part in ids:
            index = ids.index(part)
            return node[index], index
        if part.isdigit() and int(part) < len(node):
            return node[int(part)], int(part)
        choices = f"ids: {', '.join(ids)}" if ids else f"positions 0 to {len(node) - 1}"
        raise GameError(
            f"unknown key path '{path}': no '{part}' in '{done}'"
            f"{did_you_mean(part, ids)}; {choices}"
        )
    raise GameError(f"unknown key path '{path}': '{done}' is a value, not a table or list")


def get_value(data: dict[str, Any], path: str) -> Any:
    """The value at ``path`` (tuning keys the file does not set give their default)."""
    parts = path.split(".")
    if parts[0] == "tuning" and len(parts) == 2:
        _tuning_key(path, parts[1])
        return data.get("tuning", {}).get(parts[1], tuning_keys()[parts[1]][0])
    node: Any = data
    for i, part in enumerate(parts):
        node, _ = _step(node, part, ".".join(parts[:i]), path)
    return node


def _tuning_key(path: str, key: str) -> None:
    keys = tuning_keys()
    if key not in keys:
        raise GameError(
            f"unknown key path '{path}': no tuning key '{key}'{did_you_mean(key, keys)}"
        )


def set_value(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at ``path`` in ``data`` (changed in place)."""
    parts = path.split(".")
    if parts[0] == "tuning" and len(parts) == 2:
        _tuning_key(path, parts[1])
        data.setdefault("tuning", {})[parts[1]] = value
        return
    node: Any = data
    for i, part in enumerate(parts[:-1]):
        node, _ = _step(node, part, ".".join(parts[:i]), path)
    if isinstance(node, dict) and parts[-1] not in node:
        node[parts[-1]] = value  # a key the file leaves to its default: the build checks it
        return
    _, key = _step(node, parts[-1], ".".join(parts[:-1]), path)
    old = node[key]
    if isinstance(old, bool) or not isinstance(old, int | float):
        raise GameError(f"key path '{path}' holds {type(old).__name__} {old!r}, not a number")
    node[key] = round(value) if isinstance(old, int) and float(value).is_integer() else value


def apply_overrides(data: dict[str, Any], overrides: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    """A copy of ``data`` with each ``(path, value)`` set."""
    out = copy.deepcopy(data)
    for path, value in overrides:
        set_value(out, path, value)
    return out


def parse_range(text: str) -> tuple[str, list[float]]:
    """``KEY.PATH=LOW:HIGH:STEPS`` as the path and its values (``STEPS`` evenly spaced,
    both ends included)."""
    path, eq, spec = text.partition("=")
    parts = spec.split(":")
    if not eq or not path or len(parts) != 3:
        raise GameError(
            f"--set '{text}': write KEY.PATH=LOW:HIGH:STEPS, e.g. china.capacity=60:100:5"
        )
    try:
        low, high, steps = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise GameError(
            f"--set '{text}': LOW and HIGH must be numbers and STEPS a whole number"
        ) from None
    if steps < 2:
        raise GameError(f"--set '{text}': STEPS must be at least 2")
    values = [low + (high - low) * i / (steps - 1) for i in range(steps)]
    return path.strip(), [round(v, 10) for v in values]
