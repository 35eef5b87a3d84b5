"""Long authored names shortened legibly for narrow columns: the longest words cut to their
first letters and a full stop ("Tourism & inter. education" rather than "Tourism and
internati…")."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W\d_]+|[\W\d_]+")


def _render(tokens: list[str], cut: dict[int, int]) -> str:
    return "".join(t[: cut[i]] + "." if i in cut else t for i, t in enumerate(tokens))


def abbreviate(name: str, width: int) -> str:
    """``name`` if it fits in ``width`` characters, else the same words shortened: "and"
    becomes "&", then the longest words are cut, one at a time, to a few letters and a full
    stop, and given back as many letters as then fit; "…" only when even that is too long."""
    if len(name) <= width:
        return name
    name = re.sub(r"\s+and\s+", " & ", name)
    if len(name) <= width:
        return name
    tokens = _TOKEN.findall(name)
    for keep in (4, 3):
        long_words = [i for i, t in enumerate(tokens) if t[0].isalpha() and len(t) > keep + 1]
        cut: dict[int, int] = {}
        for i in sorted(long_words, key=lambda i: -len(tokens[i])):
            cut[i] = keep
            if len(_render(tokens, cut)) <= width:
                return _grow(tokens, cut, width)
    return name[: max(0, width - 1)] + "…"


def _grow(tokens: list[str], cut: dict[int, int], width: int) -> str:
    """Give the cut words back letters, in turn, while the name still fits."""
    grew = True
    while grew:
        grew = False
        for i in sorted(cut):
            if cut[i] + 2 >= len(tokens[i]):
                continue
            cut[i] += 1
            if len(_render(tokens, cut)) > width:
                cut[i] -= 1
                continue
            grew = True
    return _render(tokens, cut)
