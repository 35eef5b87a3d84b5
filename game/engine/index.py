"""Lookup tables derived from a scenario (ids to positions and specs), built once per scenario
and shared by every turn. They hold no figure of their own: every number stays in the
scenario's classes, and the few values worked out from them once per scenario (the figure
bounds, the starting allies, each difficulty level, the allies' total GDP) are caches
filled by the functions that compute them."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from game.engine.scenario import Difficulty, Move, Scenario, ScenarioEvent, Tool


class ScenarioIndex:
    """Lookup tables derived from one scenario. Dictionaries keep the first item with a given
    key. ``levels`` caches each difficulty level's cumulative doctrine
    (:func:`game.engine.doctrine.level_of`)."""

    __slots__ = (
        "ally_index", "deck", "difficulty", "domain_index", "events", "figures", "levels", "moves",
        "scripted", "sector_index", "start_allies", "tools", "total_gdp",
    )  # fmt: skip

    def __init__(self, s: Scenario) -> None:
        self.domain_index = _first_positions(d.id for d in s.domains)
        self.sector_index = _first_positions(x.id for x in s.sectors)
        self.ally_index = _first_positions(a.id for a in s.allies)
        self.moves: dict[str, Move] = {}
        for m in s.moves:
            self.moves.setdefault(m.id, m)
        self.tools: dict[str, Tool] = {}
        for t in s.tools:
            self.tools.setdefault(t.id, t)
        self.events: dict[str, ScenarioEvent] = {}
        for e in s.events:
            self.events.setdefault(e.id, e)
        # scripted and conditional events (weight 0), and the deck, each in file order
        self.scripted = [e for e in s.events if not e.weight > 0]
        self.deck = [e for e in s.events if e.weight > 0]
        self.difficulty: dict[str | int, Difficulty] = {}
        for d in s.difficulties:
            for key in (d.id, d.label, d.level, str(d.level)):
                self.difficulty.setdefault(key, d)
        self.levels: dict[str, Any] = {}
        self.figures: Any = None  # game.engine.work.figure_table
        self.start_allies: Any = None  # game.engine.turn.starting_allies
        self.total_gdp: float | None = None  # game.engine.doctrine.total_gdp


def _first_positions(ids: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, x in enumerate(ids):
        out.setdefault(x, i)
    return out


# id(scenario) -> (weak reference to it, its index). The weak reference checks identity (an
# id can be reused once a scenario is gone) and drops the entry when the scenario dies.
_INDEXES: Final[dict[int, tuple[weakref.ref[Any], ScenarioIndex]]] = {}


# The most recently used scenario and its index: the common case, one scenario at a time.
_last: list[Any] = [None, None]


def scenario_index(s: Scenario) -> ScenarioIndex:
    """The lookup tables of a scenario (built on first use)."""
    if _last[0] is s:
        index: ScenarioIndex = _last[1]
        return index
    entry = _INDEXES.get(id(s))
    if entry is not None and entry[0]() is s:
        _last[:] = [s, entry[1]]
        return entry[1]
    key = id(s)

    def forget(ref: weakref.ref[Any]) -> None:
        current = _INDEXES.get(key)
        if current is not None and current[0] is ref:
            del _INDEXES[key]

    index = ScenarioIndex(s)
    _INDEXES[key] = (weakref.ref(s, forget), index)
    _last[:] = [s, index]
    return index
