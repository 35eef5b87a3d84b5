"""A mutable working copy of the game state used while one turn resolves.

Resolution is a pure function from the outside (frozen state in, frozen state out); inside,
changes go through :meth:`Work.ally_change` and friends, which clamp to bounds and record a
:class:`Delta` for the event being built, so every change has a cause.

The working copy is derived from the attrs classes of :mod:`game.engine.state`: each frozen
object is thawed field by field into a :class:`Working` object (tuples become lists) and
frozen back the same way, so a new field of the state needs no edit here.

With ``explain`` false (the simulator, which discards events) nothing is recorded: no deltas,
no events. The state changes exactly as with ``explain`` true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from game.engine.events import Delta, Event
from game.engine.figures import (
    ALLY_LISTS,
    CHINA_BOUNDS,
    COALITION_BOUNDS,
    OUTPUT_ALIASES,
    ally_bounds,
)
from game.engine.index import scenario_index
from game.engine.rng import Rng
from game.engine.scenario import Scenario
from game.engine.state import (
    AllyState,
    ChinaState,
    CoalitionState,
    Episode,
    GameState,
    Measure,
    Pending,
    Proposal,
    Signal,
)
from game.engine.tuning import Tuning


class Working:
    """A mutable copy of a frozen attrs object: the same fields, tuples thawed to lists."""

    def __init__(self, frozen: Any) -> None:
        for f in attrs.fields(type(frozen)):
            value = getattr(frozen, f.name)
            self.__dict__[f.name] = list(value) if type(value) is tuple else value

    def freeze(self, cls: type) -> Any:
        """The frozen object of class ``cls`` with this copy's fields."""
        values = self.__dict__
        return cls(
            **{
                f.name: tuple(v) if type(v := values[f.name]) is list else v
                for f in attrs.fields(cls)
            }
        )

    if TYPE_CHECKING:  # fields come from the attrs class at run time

        def __getattr__(self, name: str) -> Any: ...
        def __setattr__(self, name: str, value: Any) -> None: ...


class WorkingAlly(Working):
    """One ally, mutable: its :class:`AllyState` fields, its position in the scenario and
    name, and what this turn has done to it so far."""

    def __init__(self, a: AllyState, index: int, name: str) -> None:
        super().__init__(a)
        self.index = index
        self.name = name
        self.gap = 0.0  # this turn's output loss, worked out afresh each turn
        self.coerced_by: list[str] = []  # rules that targeted this ally this turn
        self.turn_loss = 0.0  # output lost to coercion this turn


WAlly = WorkingAlly


class Work:
    """The whole game state, mutable, plus the events recorded so far this turn."""

    def __init__(self, scenario: Scenario, state: GameState, explain: bool = True) -> None:
        self.scenario = scenario
        self.tuning: Tuning = scenario.tuning
        self.explain = explain  # record deltas and events (False: change the state only)
        self.state = state
        self.turn: int = state.turn
        self.rng = Rng(state.rng)
        self.allies = [
            WorkingAlly(a, i, scenario.allies[i].name) for i, a in enumerate(state.allies)
        ]
        self.by_id = {a.id: a for a in self.allies}
        self.china = Working(state.china)
        self.coalition = Working(state.coalition)
        self.measures: list[Measure] = list(state.measures)
        self.pending: list[Pending] = list(state.pending)
        self.proposals: list[Proposal] = list(state.proposals)
        self.signals: list[Signal] = list(state.signals)
        self.cooldowns: list[tuple[str, str, str, int]] = list(state.cooldowns)
        self.next_proposal: int = state.next_proposal
        self.drawn: list[str] = list(state.drawn)
        self.events: list[Event] = []
        self.deltas: list[Delta] = []
        self.bounds = ally_bounds(self.tuning)
        self.max_escalation = float(len(scenario.china.ladder) - 1)

    @property
    def episodes(self) -> list[Episode]:
        """China's coercion episodes in progress."""
        episodes: list[Episode] = self.china.episodes
        return episodes

    @episodes.setter
    def episodes(self, value: list[Episode]) -> None:
        self.china.episodes = value

    # -- recording ------------------------------------------------------------------------

    def emit(
        self,
        phase: str,
        kind: str,
        cause_kind: str,
        cause: str,
        actor: str,
        text: str,
        details: tuple[str, ...] = (),
        grade: str | None = None,
    ) -> Event | None:
        """Close the current delta list into an event (nothing without ``explain``)."""
        if not self.explain:
            return None
        event = Event(
            self.turn, phase, kind, cause_kind, cause, actor, text, tuple(self.deltas), details,
            grade,
        )  # fmt: skip
        self.deltas = []
        self.events.append(event)
        return event

    # -- changes --------------------------------------------------------------------------

    def ally_change(self, a: WorkingAlly, var: str, amount: float, index: int = -1) -> float:
        """Change one ally figure by ``amount`` (clamped); return the change applied.

        ``index`` picks the domain or sector of a list figure; ``ALL_INDICES`` changes every
        one. ``gdp`` and ``scar`` raise output: they lower the figures ``gap`` and ``scar``.
        """
        if amount == 0.0:
            return 0.0
        if var in OUTPUT_ALIASES:
            var = OUTPUT_ALIASES[var]
            amount = -amount
        lo, hi = self.bounds[var]
        if var in ALLY_LISTS:
            values: list[float] = getattr(a, var)
            if index == ALL_INDICES:
                total = 0.0
                for i in range(len(values)):
                    total += self._set(a.id, values, i, lo, hi, amount, var)
                return total
            return self._set(a.id, values, index, lo, hi, amount, var)
        before = getattr(a, var)
        after = _clamp(lo, hi, before + amount)
        setattr(a, var, after)
        if self.explain and after != before:
            self.deltas.append(Delta(a.id, var, before, after))
        return after - before

    def _set(
        self, subject: str, values: list[float], i: int, lo: float, hi: float, amount: float,
        var: str,
    ) -> float:  # fmt: skip
        before = values[i]
        after = _clamp(lo, hi, before + amount)
        values[i] = after
        if self.explain and after != before:
            self.deltas.append(Delta(subject, self.label(var, i), before, after))
        return after - before

    def china_change(self, var: str, amount: float, index: int = -1) -> float:
        """Change one of China's figures (clamped); return the change applied."""
        if amount == 0.0:
            return 0.0
        lo, hi = CHINA_BOUNDS[var]
        if var == "escalation":
            hi = self.max_escalation
        if var == "tech":
            values: list[float] = self.china.tech
            if index == ALL_INDICES:
                total = 0.0
                for i in range(len(values)):
                    total += self._set("china", values, i, lo, hi, amount, var)
                return total
            return self._set("china", values, index, lo, hi, amount, var)
        before = getattr(self.china, var)
        after = _clamp(lo, hi, before + amount)
        setattr(self.china, var, after)
        if self.explain and after != before:
            self.deltas.append(Delta("china", var, before, after))
        return after - before

    def coalition_change(self, var: str, amount: float) -> float:
        """Change cohesion or standards (clamped); return the change applied."""
        if amount == 0.0:
            return 0.0
        lo, hi = COALITION_BOUNDS[var]
        before = getattr(self.coalition, var)
        after = _clamp(lo, hi, before + amount)
        setattr(self.coalition, var, after)
        if self.explain and after != before:
            self.deltas.append(Delta("coalition", var, before, after))
        return after - before

    def label(self, var: str, i: int) -> str:
        """A delta's label for entry ``i`` of a list figure, e.g. ``tech.semiconductors``."""
        if ALLY_LISTS[var] == "domain":
            return f"{var}.{self.scenario.domains[i].id}"
        return f"{var}.{self.scenario.sectors[i].id}"

    # -- queries --------------------------------------------------------------------------

    def active_allies(self) -> list[WorkingAlly]:
        """Allies that have not accommodated China."""
        return [a for a in self.allies if not a.accommodated]

    def measures_of(self, ally_id: str, kind: str | None = None) -> list[Measure]:
        """Measures in force that this ally belongs to."""
        return [
            m for m in self.measures if ally_id in m.members and (kind is None or m.kind == kind)
        ]

    # -- freezing -------------------------------------------------------------------------

    def freeze(self) -> GameState:
        """The frozen state after this turn's changes (no outcome)."""
        return attrs.evolve(
            self.state,
            turn=self.turn,
            rng=self.rng.state,
            allies=tuple(a.freeze(AllyState) for a in self.allies),
            china=self.china.freeze(ChinaState),
            coalition=self.coalition.freeze(CoalitionState),
            measures=tuple(self.measures),
            pending=tuple(self.pending),
            proposals=tuple(self.proposals),
            signals=tuple(self.signals),
            cooldowns=tuple(self.cooldowns),
            next_proposal=self.next_proposal,
            drawn=tuple(self.drawn),
        )


ALL_INDICES = -2  # an index meaning every domain or sector of a list figure


def _clamp(lo: float, hi: float, x: float) -> float:
    """``min(hi, max(lo, x))``, with the same result in every case (NaN gives ``lo``)."""
    x = x if x > lo else lo
    return x if x < hi else hi


def scenario_of(w: Work) -> Any:
    """The scenario's lookup tables (ids to positions)."""
    return scenario_index(w.scenario)
