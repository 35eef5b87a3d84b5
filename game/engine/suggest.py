"""Suggestions for a misspelt name: the closest valid one, and the list when it is short."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from game.engine.limits import MAX_HINT_OPTIONS, MAX_HINT_WORD

SHORT_LIST = 12  # lists of at most this many ids are printed in full
CLOSE = 0.6  # how alike (difflib's ratio) a spelling must be to be suggested
MIN_PART = 3  # ids shorter than this are not matched by prefix or substring


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option ``word`` most likely stands for: a close spelling, else the only option that
    starts with it or contains it (``tourism`` -> ``tourism_education``)."""
    if not isinstance(word, str) or not word or len(word) > MAX_HINT_WORD:
        return None  # bounded work (see ``limits``): a long word gets no hint
    strings = [o for o in options if isinstance(o, str) and len(o) <= MAX_HINT_WORD]
    strings = strings[:MAX_HINT_OPTIONS]  # and only so many options are compared
    close = difflib.get_close_matches(word, strings, n=1, cutoff=CLOSE)
    if close:
        return close[0]
    lowered = word.lower()

    def starts(o: str) -> bool:
        return o.startswith(lowered) or lowered.startswith(o)

    def contains(o: str) -> bool:
        return lowered in o or o in lowered

    for test in (starts, contains):
        hits = [o for o in strings if len(o) >= MIN_PART and test(o.lower())]
        if len(hits) == 1:
            return hits[0]
    return None


def unknown(
    what: str, word: str, options: Iterable[str], plural: str | None = None, full: bool = False
) -> str:
    """``unknown sector 'x' (did you mean 'y'?); the sectors are: a, b, c`` (the list only
    when it is short, or ``full``)."""
    return f"unknown {what} '{word}'{hint(word, options, what, plural, full)}"


def hint(
    word: str, options: Iterable[str], what: str, plural: str | None = None, full: bool = False
) -> str:
    """`` (did you mean 'y'?); the sectors are: a, b, c``: what follows a name not found."""
    known = [o for o in options if isinstance(o, str)]
    guess = closest(word, known)
    mean = f" (did you mean '{guess}'?)" if guess else ""
    listed = ""
    if known and (full or len(known) <= SHORT_LIST):
        listed = f"; the {plural or what + 's'} are: {', '.join(known)}"
    elif known:
        listed = f"; there are {len(known)}: `resilience show` lists them"
    return f"{mean}{listed}"
