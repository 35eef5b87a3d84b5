"""Lines that break between figures, never inside one: ``a · b · c`` wrapped at the ``·``."""

from __future__ import annotations


def fit(parts: list[str], width: int, sep: str = " · ") -> str:
    """``parts`` joined by ``sep``, with a line break instead of ``sep`` wherever the next part
    would not fit in ``width`` columns (a part longer than the width gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for part in parts:
        if not line:
            line = part
        elif len(line) + len(sep) + len(part) <= width:
            line += sep + part
        else:
            lines.append(line)
            line = part
    if line:
        lines.append(line)
    return "\n".join(lines)
