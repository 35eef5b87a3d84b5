"""Where a scenario problem lies, in the author's own terms.

The loader checks the *merged* scenario: an extending file's entries merged by id into its
parent's, less what its ``[remove]`` drops. A problem found there is reported:

- with a key path that names entries by id where they have one (``allies[uk].resolve``,
  ``china.doctrine[sanction-critics].tool``) and by position otherwise (``effects[1]``);
- at the line of the file that wrote the key: the author's own file when it writes it, else
  the parent (or grandparent) that does, with what of the author's file broke it (a
  ``[remove]`` of an id the message names, a new ``turns``).

Duplicate ids within one file are found here too: merging by id would silently keep only the
last of them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from game.engine.errors import Problem
from game.engine.toml_lines import LineMap

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_QUOTED = re.compile(r"'([^']+)'")
_ENTRY = re.compile(r"^(?P<array>[a-z_.]+)\[(?P<id>[^\]]+)\]")

# The arrays of tables merged by id, and the word for one entry (for messages).
ID_ARRAYS: dict[str, str] = {
    "domains": "domain",
    "sectors": "sector",
    "allies": "ally",
    "moves": "move",
    "tools": "tool",
    "events": "event",
    "china.doctrine": "rule",
    "difficulty": "difficulty level",
}


class Layer:
    """One file of an ``extends`` chain: its name as given and its text. What locating needs
    from it (its own data, its lines, its removals) is worked out on first use: only when
    there is a problem to locate."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self._own: dict[str, Any] | None = None
        self._lines: LineMap | None = None
        self._removals: dict[str, int] | None = None

    def own(self) -> dict[str, Any]:
        """What the file itself writes (parsed again: the merge may have changed the copy)."""
        if self._own is None:
            try:
                self._own = tomllib.loads(self.text)
            except tomllib.TOMLDecodeError:  # pragma: no cover - parsed once already
                self._own = {}
            self._own.pop("extends", None)
        return self._own

    def line_of(self, path: str) -> int | None:
        """The line of a key path of this file's own data (or of its nearest parent)."""
        if not path:
            return None
        if self._lines is None:
            self._lines = LineMap(self.text)
        return self._lines.line_of(path)

    def removals(self) -> dict[str, int]:
        """Each id this file's ``[remove]`` drops, with the line of its list."""
        if self._removals is None:
            self._removals = {}
            removal = self.own().get("remove")
            for key, ids in removal.items() if isinstance(removal, dict) else ():
                line = self.line_of(f"remove.{key}") or 0
                for ident in ids if isinstance(ids, list) else ():
                    if isinstance(ident, str):
                        self._removals.setdefault(ident, line)
        return self._removals


def _parts(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _PATH_PART.findall(path)]


def _ids(entries: Any) -> list[str] | None:
    if isinstance(entries, list) and all(
        isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries
    ):
        return [e["id"] for e in entries]
    return None


def id_path(path: str, data: Any) -> str:
    """``path`` with each array index replaced by the entry's id when it has a unique one:
    ``allies[4].resolv`` -> ``allies[uk].resolv``; ``moves[2].effects[0]`` keeps the
    effect's position."""
    out = ""
    node = data
    for part in _parts(path):
        if isinstance(part, str):
            out = f"{out}.{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
            continue
        entry = node[part] if isinstance(node, list) and part < len(node) else None
        ident = entry.get("id") if isinstance(entry, dict) else None
        siblings = [e.get("id") for e in node if isinstance(e, dict)] if node else []
        if isinstance(ident, str) and ident and siblings.count(ident) == 1:
            out += f"[{ident}]"
        else:
            out += f"[{part}]"
        node = entry
    return out


def _own_path(path: str, merged: Any, own: Any) -> tuple[str, int]:
    """The key path, in one file's own data, of what lies at ``path`` of the merged data, and
    how many of the path's parts that file writes (0: none of it)."""
    out = ""
    depth = 0
    for part in _parts(path):
        if isinstance(part, str):
            merged = merged.get(part) if isinstance(merged, dict) else None
            own = own.get(part) if isinstance(own, dict) else None
            if own is None:
                return out, depth
            out = f"{out}.{part}" if out else part
            depth += 1
            continue
        if not isinstance(merged, list) or not isinstance(own, list) or part >= len(merged):
            return out, depth
        entry = merged[part]
        merged_ids, own_ids = _ids(merged), _ids(own)
        if merged_ids is not None and own_ids is not None:
            if entry["id"] not in own_ids:
                return out, depth
            j = own_ids.index(entry["id"])
        elif part < len(own):
            j = part
        else:
            return out, depth
        out += f"[{j}]"
        depth += 1
        merged, own = entry, own[j]
    return out, depth


def locate(problems: list[Problem], merged: dict[str, Any], layers: list[Layer]) -> list[Problem]:
    """Each problem of the merged data at the line of the file that wrote its key, with an id
    key path; those in the author's own file first. ``layers[0]`` is the author's file, then
    its parent, grandparent, ..."""
    if not layers:
        return problems
    owns = [layer.own() for layer in layers]
    out = []
    for p in problems:
        if p.line is not None or p.file is not None:
            out.append(p)
            continue
        if len(layers) == 1:  # no extends: the merged data is the file's
            shown = id_path(p.path, merged)
            out.append(Problem(shown, p.message, layers[0].line_of(p.path)))
            continue
        found = [_own_path(p.path, merged, own) for own in owns]
        best = max(range(len(layers)), key=lambda k: (found[k][1], -k))
        where, _ = found[best]
        shown = id_path(p.path, merged)
        line = layers[best].line_of(where) if where else layers[best].line_of(p.path)
        if best == 0 or found[best][1] == 0:
            out.append(Problem(shown, p.message, line if best == 0 else None))
            continue
        note = _inherited_note(p.message, shown, layers, owns, best)
        out.append(Problem(shown, f"{p.message} ({note})", line, layers[best].name))
    return sorted(out, key=lambda p: p.file is not None)  # the author's own problems first


def _inherited_note(
    message: str, path: str, layers: list[Layer], owns: list[Any], best: int
) -> str:
    """``inherited from PARENT; broken by your [remove] at FILE:LINE`` (what to fix)."""
    note = f"inherited from {Path(layers[best].name).stem}"
    quoted = set(_QUOTED.findall(message))
    for k in range(best):
        removed = layers[k].removals()
        hits = sorted(i for i in quoted if i in removed)
        if hits:
            return f"{note}; broken by your [remove] at {layers[k].name}:{removed[hits[0]]}"
        scenario = owns[k].get("scenario")
        if "last turn" in message and isinstance(scenario, dict) and "turns" in scenario:
            line = layers[k].line_of("scenario.turns")
            return f"{note}; broken by your turns = {scenario['turns']} at {layers[k].name}:{line}"
    verb = "add it" if "missing" in message else "change it"
    entry = _ENTRY.match(path)
    if entry:
        header = f'[[{entry["array"]}]] id = "{entry["id"]}"'
        return f"{note}; to {verb}, write {header} with the key in {layers[0].name}"
    return f"{note}; to {verb}, write the key in {layers[0].name}"


def duplicate_ids(data: dict[str, Any], layer: Layer) -> list[Problem]:
    """A problem at each entry whose id an earlier entry of the same array in this file
    already has (arrays merged by id; a level's rules too)."""
    problems: list[Problem] = []

    def check(path: str, entries: Any, what: str) -> None:
        if not isinstance(entries, list):
            return
        first: dict[str, int] = {}
        for i, entry in enumerate(entries):
            ident = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in first:
                earlier = layer.line_of(f"{path}[{first[ident]}]")
                at = f" (first at line {earlier})" if earlier else ""
                problems.append(
                    Problem(
                        f"{path}[{ident}].id",
                        f"duplicate {what} id '{ident}'{at}: give each entry its own id",
                        layer.line_of(f"{path}[{i}].id") or layer.line_of(f"{path}[{i}]"),
                    )
                )
            else:
                first[ident] = i

    for path, what in ID_ARRAYS.items():
        holder: Any = data
        for part in path.split("."):
            holder = holder.get(part) if isinstance(holder, dict) else None
        check(path, holder, what)
    levels = data.get("difficulty")
    if isinstance(levels, list):
        for i, level in enumerate(levels):
            if isinstance(level, dict):
                check(f"difficulty[{i}].rules", level.get("rules"), "rule")
    return problems
