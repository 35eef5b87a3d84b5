"""Map key paths (``allies[3].sectors.agrifood.weight``) to line numbers of a TOML text.

The standard library's TOML parser gives no positions, so this reads the text line by line:
table headers, ``[[array]]`` headers, ``key = value`` lines, inline tables on one line, and
arrays of inline tables spread over several lines. It is a locator for messages, not a
parser: when a path is not found, the nearest enclosing path's line is used.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\.\"']+)\s*=\s*(.*)$")
_INLINE_KEY = re.compile(r"([A-Za-z0-9_\-]+)\s*=")


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip('"').strip("'") for p in dotted.split(".")]


class LineMap:
    """Line numbers of the key paths of one TOML text."""

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        self._arrays: dict[str, int] = {}  # array-of-tables path (parents indexed) -> count
        self._build(text)

    def _resolve(self, parts: list[str]) -> str:
        """A header's dotted parts with array indices filled in (latest element)."""
        path = ""
        for part in parts:
            path = f"{path}.{part}" if path else part
            if path in self._arrays:
                path += f"[{self._arrays[path] - 1}]"
        return path

    def _build(self, text: str) -> None:
        current = ""
        array_key: str | None = None  # a multi-line array value being read
        element = 0
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if array_key is not None:
                if stripped.startswith("{"):
                    self._inline(f"{array_key}[{element}]", stripped, number)
                    element += stripped.count("{") and 1
                if stripped.startswith("]"):
                    array_key = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                parts = _parts(header.group(2))
                if header.group(1) == "[[":
                    # counted per parent element: [[tools.effects]] restarts in each [[tools]]
                    parent = self._resolve(parts[:-1])
                    array = f"{parent}.{parts[-1]}" if parent else parts[-1]
                    self._arrays[array] = self._arrays.get(array, 0) + 1
                current = self._resolve(parts)
                self.lines.setdefault(current, number)
                continue
            key = _KEY.match(line)
            if not key:
                continue
            path = (
                ".".join([current, *_parts(key.group(1))])
                if current
                else ".".join(_parts(key.group(1)))
            )
            self.lines.setdefault(path, number)
            value = key.group(2).strip()
            if value.startswith("{"):
                self._inline(path, value, number)
            elif value.startswith("["):
                body = value[1:]
                k = 0
                for chunk in re.finditer(r"\{([^{}]*)\}", body):
                    self._inline(f"{path}[{k}]", "{" + chunk.group(1) + "}", number)
                    k += 1
                if "]" not in _strip_strings(value):
                    array_key, element = path, k

    def _inline(self, path: str, text: str, number: int) -> None:
        self.lines.setdefault(path, number)
        for m in _INLINE_KEY.finditer(_strip_strings(text)):
            self.lines.setdefault(f"{path}.{m.group(1)}", number)
        for m in re.finditer(r"([A-Za-z0-9_\-]+)\s*=\s*\[", text):
            inner = text[m.end() :]
            for k, chunk in enumerate(re.finditer(r"\{([^{}]*)\}", inner)):
                self._inline(f"{path}.{m.group(1)}[{k}]", "{" + chunk.group(1) + "}", number)

    def line_of(self, path: str) -> int | None:
        """The line of a key path, or of its nearest enclosing path found, or None."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        return self.lines.get(path)


def _strip_strings(text: str) -> str:
    """The text with the contents of quoted strings blanked (so '=' inside them is ignored)."""
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', '""', text)


def line_of(text: str, path: str) -> int | None:
    """The line of a key path (``scenario.turns``, ``allies[2].resolve``) in a TOML text, or of
    its nearest enclosing path found; None if none is."""
    return LineMap(text).line_of(path)
