"""Limits on what a scenario (or a save) may hold, checked before any work that could grow
faster than the file: a hostile file fails fast with one clear problem instead of running for
minutes, exhausting memory or hanging on a special file.

``read_regular_file`` reads only regular files (symlinks are followed and what they point to is
checked; FIFOs, devices and folders are refused without blocking) and stops at the size limit
while reading. ``shape_problems`` bounds nesting depth and entries per table or array;
``size_problems`` bounds the number of allies, domains, sectors and the like, so that the
loader's work (which reads every ally against every domain and sector) stays proportional to
the file. docs/scenarios.md and docs/saves.md list the limits.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from game.engine.errors import GameError, Problem

MAX_BYTES = 1_000_000  # a scenario file
MAX_DEPTH = 20  # tables and arrays nested in each other
MAX_ENTRIES = 2_000  # keys of one table, items of one array
MAX_EXTENDS = 8  # files in an ``extends`` chain, the first one included
MAX_HINT_WORD = 64  # longer words get no did-you-mean
MAX_HINT_OPTIONS = 500  # a did-you-mean compares with at most this many names

# Entries of the sections whose counts multiply in the loader's work or in a turn's.
MAX_SECTION: dict[tuple[str, ...], int] = {
    ("allies",): 64,
    ("domains",): 64,
    ("sectors",): 64,
    ("tools",): 200,
    ("moves",): 500,
    ("events",): 1_000,
    ("briefings",): 200,
    ("difficulty",): 21,
}
MAX_RULES = 500  # China's doctrine and every difficulty level's rules, together
MAX_EFFECTS = 50  # effects of one move, tool or event; conditions of one rule or event


class InputLimitError(GameError):
    """A file is not a regular file, or is over a size limit."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_regular_file(path: str | Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is (or links to) a regular file of at most ``limit`` bytes;
    InputLimitError otherwise, OSError if it cannot be read. Never blocks on a FIFO or device:
    the kind is checked before opening, and again on the opened file."""
    st = os.stat(path)  # follows symlinks: what is checked is what would be read
    if not stat.S_ISREG(st.st_mode):
        raise InputLimitError(f"is {_kind(st.st_mode)}, not a regular file")
    if st.st_size > limit:
        raise InputLimitError(f"is {st.st_size:,} bytes, over the {limit:,}-byte limit")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check above
            raise InputLimitError("is not a regular file")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while being read
                raise InputLimitError(f"grew over the {limit:,}-byte limit while being read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def shape_problems(
    data: Any, max_depth: int = MAX_DEPTH, max_entries: int = MAX_ENTRIES
) -> list[Problem]:
    """Problems with nesting deeper than ``max_depth`` or a table or array of more than
    ``max_entries`` entries (the first found of each; checked without recursion)."""
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    deep = wide = False
    while stack and not (deep and wide):
        value, path, depth = stack.pop()
        if isinstance(value, dict):
            items: Any = ((f"{path}.{k}" if path else str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            items = ((f"{path}[{i}]", v) for i, v in enumerate(value))
        else:
            continue
        if depth >= max_depth:
            if not deep:
                deep = True
                problems.append(
                    Problem(path, f"nested more than {max_depth} levels deep (the limit)")
                )
            continue
        if len(value) > max_entries and not wide:
            wide = True
            problems.append(
                Problem(path, f"{len(value):,} entries, over the limit of {max_entries:,}")
            )
            continue
        stack.extend((v, p, depth + 1) for p, v in items if isinstance(v, dict | list))
    return problems


def _at(data: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def size_problems(data: Any) -> list[Problem]:
    """Problems with sections over their limits (allies, domains, rules, effects...)."""
    problems = []
    for keys, limit in MAX_SECTION.items():
        n = _count(_at(data, keys))
        if n > limit:
            problems.append(Problem(".".join(keys), f"{n:,} entries, over the limit of {limit}"))
    levels = _at(data, ("difficulty",))
    rules = _count(_at(data, ("china", "doctrine"))) + sum(
        _count(level.get("rules"))
        for level in (levels if isinstance(levels, list) else [])
        if isinstance(level, dict)
    )
    if rules > MAX_RULES:
        problems.append(
            Problem(
                "china.doctrine",
                f"{rules:,} doctrine rules (with the difficulty levels'), over the limit of "
                f"{MAX_RULES}",
            )
        )
    for section in ("moves", "tools", "events", "difficulty"):
        entries = _at(data, (section,))
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            for key in ("effects", "when", "rules"):
                n = _count(entry.get(key)) if isinstance(entry, dict) else 0
                if n > MAX_EFFECTS and not (section == "difficulty" and key == "rules"):
                    problems.append(
                        Problem(
                            f"{section}[{i}].{key}",
                            f"{n:,} entries, over the limit of {MAX_EFFECTS}",
                        )
                    )
    return problems
