"""A checked reader over parsed TOML tables that collects every problem with its key path.

Each read names the key; keys never read are reported as unknown, with a did-you-mean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from game.engine.errors import Problem

_MISSING: Any = object()

# While set, every key the loader reads is recorded here, by schema path (``allies[].tech.*``),
# with its type, range, choices and default: the JSON Schema and the format reference are
# checked against it, so they cannot drift from the loader.
RECORDED: dict[str, dict[str, Any]] | None = None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string (bounded
    work: see ``suggest.closest``)."""
    from game.engine.suggest import closest

    guess = closest(word, options)
    return f" (did you mean '{guess}'?)" if guess else ""


def _type_name(value: object) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "a table",
        type(None): "null",
    }.get(type(value), type(value).__name__)


class Table:
    """A TOML table being read: typed getters that record problems instead of raising."""

    def __init__(
        self,
        data: dict[str, Any],
        path: str,
        problems: list[Problem],
        schema: str | None = None,
        is_map: bool = False,
    ) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self.read: set[str] = set()
        self.schema = path if schema is None else schema
        self.is_map = is_map  # keys are ids (domains, sectors), not fixed names

    def schema_key(self, key: str) -> str:
        """The schema path of one of this table's keys (ids of a map become ``*``)."""
        name = "*" if self.is_map else key
        return f"{self.schema}.{name}" if self.schema else name

    def _record(self, key: str, kind: str, default: Any, **extra: Any) -> None:
        if RECORDED is None:
            return
        entry = RECORDED.setdefault(self.schema_key(key), {"type": kind})
        if default is not _MISSING and default is not None:
            entry["default"] = default
        for name, value in extra.items():
            if value is None:
                continue
            if name == "choices":
                entry["choices"] = sorted(set(entry.get("choices", [])) | set(value))
            else:
                entry[name] = value

    def key(self, key: str) -> str:
        """The full key path of one of this table's keys."""
        return f"{self.path}.{key}" if self.path else key

    def problem(self, key: str, message: str) -> None:
        """Record a problem at one of this table's keys."""
        self.problems.append(Problem(self.key(key), message))

    def _get(self, key: str, default: Any) -> Any:
        self.read.add(key)
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            self.problem(key, "required key is missing")
        return _MISSING

    def number(
        self,
        key: str,
        default: Any = _MISSING,
        lo: float | None = None,
        hi: float | None = None,
    ) -> float:
        """A number (integer or float) within [lo, hi]."""
        self._record(key, "number", default, lo=lo, hi=hi)
        value = self._get(key, default)
        if value is _MISSING:
            return default if default is not _MISSING else (lo if lo is not None else 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, f"expected a number, found {_type_name(value)}")
            return lo if lo is not None else 0.0
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            self.problem(key, "expected a finite number")
            return lo if lo is not None else 0.0
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.problem(key, f"{value:g} is out of range [{_bound(lo)}, {_bound(hi)}]")
            return min(max(value, lo if lo is not None else value), hi if hi is not None else value)
        return value

    def integer(
        self,
        key: str,
        default: Any = _MISSING,
        lo: int | None = None,
        hi: int | None = None,
    ) -> int:
        """An integer within [lo, hi]."""
        self._record(key, "integer", default, lo=lo, hi=hi)
        value = self._get(key, default)
        if value is _MISSING:
            return default if default is not _MISSING else (lo if lo is not None else 0)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"expected an integer, found {_type_name(value)}")
            return lo if lo is not None else 0
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.problem(key, f"{value} is out of range [{_bound(lo)}, {_bound(hi)}]")
            return min(max(value, lo if lo is not None else value), hi if hi is not None else value)
        return value

    def string(
        self,
        key: str,
        default: Any = _MISSING,
        choices: Iterable[str] | None = None,
        misplaced: dict[str, str] | None = None,
    ) -> str:
        """A string, optionally one of ``choices``. ``misplaced`` maps words that are valid
        elsewhere, but not here, to the message that says so (instead of the list of
        choices)."""
        if choices is not None:
            choices = list(choices)
        self._record(key, "string", default, choices=choices)
        value = self._get(key, default)
        if value is _MISSING:
            return default if default is not _MISSING else ""
        if not isinstance(value, str):
            self.problem(key, f"expected a string, found {_type_name(value)}")
            return ""
        if choices is not None:
            options = list(choices)
            if value not in options and misplaced and value in misplaced:
                self.problem(key, misplaced[value])
                return options[0]
            if value not in options:
                hint = did_you_mean(value, options)
                self.problem(key, f"'{value}' is not one of: {', '.join(options)}{hint}")
                return options[0]
        return value

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        """A boolean."""
        self._record(key, "boolean", default)
        value = self._get(key, default)
        if value is _MISSING:
            return bool(default) if default is not _MISSING else False
        if not isinstance(value, bool):
            self.problem(key, f"expected true or false, found {_type_name(value)}")
            return False
        return value

    def table(self, key: str, required: bool = True, is_map: bool = False) -> Table | None:
        """A sub-table, or None when absent (a problem if required)."""
        self._record(key, "map" if is_map else "table", _MISSING)
        value = self._get(key, _MISSING if required else None)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):  # null too (a JSON save's embedded scenario)
            self.problem(key, f"expected a table, found {_type_name(value)}")
            return None
        return Table(value, self.key(key), self.problems, self.schema_key(key), is_map)

    def tables(self, key: str, required: bool = True) -> list[Table]:
        """An array of tables (``[[key]]``)."""
        self._record(key, "tables", _MISSING)
        value = self._get(key, _MISSING if required else None)
        if value is _MISSING:
            return []
        if not isinstance(value, list):  # null too (a JSON save's embedded scenario)
            self.problem(key, f"expected an array of tables, found {_type_name(value)}")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problems.append(
                    Problem(f"{self.key(key)}[{i}]", f"expected a table, found {_type_name(item)}")
                )
                continue
            out.append(
                Table(item, f"{self.key(key)}[{i}]", self.problems, self.schema_key(key) + "[]")
            )
        return out

    def strings(self, key: str, default: Any = _MISSING) -> list[str]:
        """An array of strings."""
        self._record(key, "strings", default)
        value = self._get(key, default)
        if value is _MISSING:
            return list(default) if default is not _MISSING else []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "expected an array of strings")
            return []
        return list(value)

    def key_names(self) -> list[str]:
        """The keys present in this table."""
        return list(self.data)

    def finish(self) -> None:
        """Report every key present that was never read."""
        for key in self.data:
            if key not in self.read:
                self.problem(key, f"unknown key{did_you_mean(key, self.read)}")


def _bound(value: float | None) -> str:
    return "∞" if value is None else f"{value:g}"


def record_keys(load: Callable[[], object]) -> dict[str, dict[str, Any]]:
    """Every key path the loader reads while ``load()`` runs, with its type, range, choices
    and default (``resilience schema`` builds the JSON Schema from them)."""
    global RECORDED
    previous = RECORDED
    RECORDED = {}
    try:
        load()
        return dict(RECORDED)
    finally:
        RECORDED = previous
