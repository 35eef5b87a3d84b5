"""Sentences around authored names without doubled words: "proposes a joint Joint WTO case"
becomes "proposes a Joint WTO case"."""

from __future__ import annotations

_ARTICLES = ("a", "an", "the")


def lead_in(lead: str, name: str) -> str:
    """``lead`` followed by ``name``, less the words of ``lead`` that ``name`` repeats: its
    trailing words that ``name`` starts with; all of it when ``name`` has its own article
    ("The G7 platform")."""
    words = lead.split()
    first = name.split()[0].lower() if name.split() else ""
    if first in _ARTICLES:
        return name
    while words and words[-1].lower() == first:
        words.pop()
    return " ".join([*words, name])
