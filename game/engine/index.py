"""Lookup tables derived from a scenario (ids to positions and specs), built once per scenario
and shared by every turn; kept apart from scenario.py so the engine compiles them."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from game.engine.scenario import Difficulty, Move, Scenario, Tool


class ScenarioIndex:
    """Lookup tables derived from one scenario, built once and shared by every turn.

    Dictionaries keep the first item with a given key, as the linear searches they replace
    did. Other engine modules keep their own derived tables in :attr:`extra`.
    """

    __slots__ = (
        "ally_index", "base_alignment", "base_export", "base_import", "difficulty",
        "domain_index", "extra", "gdp", "moves", "political_capital", "sector_index",
        "supply_share", "tools", "weights",
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
        self.difficulty: dict[str | int, Difficulty] = {}
        for d in s.difficulties:
            for key in (d.id, d.label, d.level, str(d.level)):
                self.difficulty.setdefault(key, d)
        self.extra: dict[Any, Any] = {}
        # Each ally's figures from the scenario, by its position, as plain lists (the engine
        # reads them every turn): GDP, political capital, starting alignment, share of world
        # supply per domain, and per sector its weight, export exposure and import dependence.
        self.gdp: list[float] = [a.gdp for a in s.allies]
        self.political_capital: list[int] = [a.political_capital for a in s.allies]
        self.base_alignment: list[float] = [a.alignment for a in s.allies]
        self.supply_share: list[list[float]] = [list(a.supply_share) for a in s.allies]
        self.weights: list[list[float]] = [[p.weight for p in a.sectors] for a in s.allies]
        self.base_export: list[list[float]] = [
            [p.export_exposure for p in a.sectors] for a in s.allies
        ]
        self.base_import: list[list[float]] = [
            [p.import_dependence for p in a.sectors] for a in s.allies
        ]


def _first_positions(ids: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, x in enumerate(ids):
        out.setdefault(x, i)
    return out


# id(scenario) -> (weak reference to it, its index). The weak reference checks identity (an
# id can be reused once a scenario is gone) and drops the entry when the scenario dies.
_INDEXES: Final[dict[int, tuple[weakref.ref, ScenarioIndex]]] = {}


# The most recently used scenario and its index: the common case, one scenario at a time.
_last: tuple[Scenario | None, ScenarioIndex | None] = (None, None)


def scenario_index(s: Scenario) -> ScenarioIndex:
    """The lookup tables of a scenario (built on first use)."""
    global _last
    last, index = _last
    if last is s:
        return index  # type: ignore[return-value]
    entry = _INDEXES.get(id(s))
    index = entry[1] if entry is not None and entry[0]() is s else _build_index(s)
    _last = (s, index)
    return index


def _build_index(s: Scenario) -> ScenarioIndex:
    key = id(s)

    def forget(ref: weakref.ref) -> None:
        current = _INDEXES.get(key)
        if current is not None and current[0] is ref:
            del _INDEXES[key]

    index = ScenarioIndex(s)
    _INDEXES[key] = (weakref.ref(s, forget), index)
    return index
