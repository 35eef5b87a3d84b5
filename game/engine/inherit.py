"""Scenario inheritance: ``extends = "collective-resilience"`` takes that scenario and
overrides only what the file changes.

Tables merge key by key. Arrays of tables whose entries have an ``id`` (domains, sectors,
allies, moves, tools, events, china.doctrine, difficulty and its rules) merge by id: an entry
with a known id changes only the keys it gives, a new id is added at the end. A ``[remove]``
table lists ids to drop (``moves = ["blanket-visa-ban"]``); a removed sector or domain also
leaves the tables keyed by it (each ally's ``sectors``, ``tech``, ``supply_share``; China's
``tech``), and a removed move leaves the tools' ``answers``. Any other array is replaced
whole.
"""

from __future__ import annotations

from typing import Any

from game.engine.errors import Problem
from game.engine.suggest import hint

REMOVABLE = {
    "domains": ("domains",),
    "sectors": ("sectors",),
    "allies": ("allies",),
    "moves": ("moves",),
    "tools": ("tools",),
    "events": ("events",),
    "doctrine": ("china", "doctrine"),
    "difficulty": ("difficulty",),
}


def is_id_array(value: Any) -> bool:
    """Whether a value is an array of tables that each have a text ``id`` (merged by id)."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)
    )


def merge(parent: Any, child: Any) -> Any:
    """The child's values over the parent's (tables by key, id-arrays by id)."""
    if isinstance(parent, dict) and isinstance(child, dict):
        out = dict(parent)
        for key, value in child.items():
            out[key] = merge(parent[key], value) if key in parent else value
        return out
    if is_id_array(parent) and is_id_array(child):
        out_list = [dict(v) for v in parent]
        index = {v["id"]: i for i, v in enumerate(out_list)}
        for entry in child:
            if entry["id"] in index:
                i = index[entry["id"]]
                out_list[i] = merge(out_list[i], entry)
            else:
                index[entry["id"]] = len(out_list)
                out_list.append(entry)
        return out_list
    return child


def apply_removals(data: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    """Drop the ids listed in the ``[remove]`` table; report unknown names and ids."""
    removal = data.pop("remove", None)
    if removal is None:
        return data
    if not isinstance(removal, dict):
        problems.append(Problem("remove", "expected a table of id lists"))
        return data
    for key, ids in removal.items():
        where = REMOVABLE.get(key)
        if where is None:
            more = hint(key, REMOVABLE, "key", "keys of [remove]", full=True)
            problems.append(Problem(f"remove.{key}", f"cannot remove from '{key}'{more}"))
            continue
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            problems.append(Problem(f"remove.{key}", "expected an array of ids"))
            continue
        holder: Any = data
        for part in where[:-1]:
            holder = holder.get(part, {}) if isinstance(holder, dict) else {}
        entries = holder.get(where[-1], []) if isinstance(holder, dict) else []
        known = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
        for ident in ids:
            if ident not in known:
                more = hint(ident, known, key, key, full=True)
                problems.append(
                    Problem(f"remove.{key}", f"no {key} entry '{ident}' to remove{more}")
                )
        if isinstance(holder, dict) and where[-1] in holder:
            holder[where[-1]] = [
                e for e in entries if not (isinstance(e, dict) and e.get("id") in ids)
            ]
        _drop_keyed_by(data, key, ids)
        if key == "moves":
            _drop_answers(data, ids)
    return data


def _drop_answers(data: dict[str, Any], ids: list[str]) -> None:
    """Removed moves no longer answer any tool's signal."""
    tools = data.get("tools")
    for tool in tools if isinstance(tools, list) else []:
        answers = tool.get("answers") if isinstance(tool, dict) else None
        if isinstance(answers, list) and any(m in ids for m in answers):
            tool["answers"] = [m for m in answers if m not in ids]


# The tables keyed by the ids of a removable array: removing a sector removes it from every
# ally's ``sectors``; removing a domain, from every ally's ``tech`` and ``supply_share`` and
# from China's ``tech`` (a file cannot delete an inherited key any other way).
_KEYED_BY = {"sectors": ("sectors",), "domains": ("tech", "supply_share")}


def _drop_keyed_by(data: dict[str, Any], key: str, ids: list[str]) -> None:
    tables = _KEYED_BY.get(key, ())
    allies = data.get("allies")
    holders = [a for a in allies if isinstance(a, dict)] if isinstance(allies, list) else []
    china = data.get("china")
    if key == "domains" and isinstance(china, dict):
        holders.append(china)
    for holder in holders:
        for name in tables:
            table = holder.get(name)
            if isinstance(table, dict) and any(i in table for i in ids):
                holder[name] = {k: v for k, v in table.items() if k not in ids}
