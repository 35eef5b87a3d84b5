"""A mutable working copy of the game state used while one turn resolves.

Resolution is a pure function from the outside (frozen state in, frozen state out); inside,
changes go through :meth:`Work.ally_change` and friends, which clamp to bounds and record a
:class:`Delta` for the event being built, so every change has a cause.

With ``explain`` false (the simulator, which discards events) nothing is recorded: no deltas,
no events. The state changes exactly as with ``explain`` true. Code that only builds an
event's text checks :attr:`Work.explain` first (``if w.explain:``); code guarded by
``if w.deltas:`` is skipped anyway, since the delta list stays empty.
"""

from __future__ import annotations

from typing import Final

from game.engine.builders import (
    new_ally_state,
    new_china_state,
    new_coalition_state,
    new_game_state,
)
from game.engine.events import Delta, Event, new_delta, new_event
from game.engine.index import scenario_index
from game.engine.rng import Rng
from game.engine.scenario import Scenario
from game.engine.state import (
    AllyState,
    Episode,
    GameState,
    Measure,
    Pending,
    Proposal,
    Signal,
)

# Bounds of every ally figure the effects vocabulary can change.
ALLY_BOUNDS: Final = {
    "resolve": (0.0, 100.0),
    "alignment": (0.0, 100.0),
    "strain": (0.0, 100.0),
    "digital_exposure": (0.0, 100.0),
    "talent": (0.0, 100.0),
    "defiance": (0.0, 100.0),
    "treasury": (0.0, 1e9),
    "tech": (0.0, 100.0),
    "export_exposure": (0.0, 1.0),
    "import_dependence": (0.0, 1.0),
    "resilience": (0.0, 0.95),
    "scar": (-50.0, 50.0),
    "gap": (-50.0, 50.0),
}
CHINA_BOUNDS: Final = {
    "capacity": (0.0, 100.0),
    "tech": (0.0, 100.0),
    "fusion": (0.0, 100.0),
    "backlash": (0.0, 100.0),
}
COALITION_BOUNDS: Final = {"cohesion": (0.0, 100.0), "standards": (0.0, 100.0)}
_LISTS: Final = ("tech", "export_exposure", "import_dependence", "resilience")  # per domain/sector
# Every figure Work.ally_change can change, by number: the scalar figures, then the lists.
_FIGURES: Final = (
    "resolve", "alignment", "strain", "digital_exposure", "talent", "defiance", "treasury",
    "scar", "gap", *_LISTS,
)  # fmt: skip
_FIRST_LIST: Final = len(_FIGURES) - len(_LISTS)
# What Work.ally_change does with each name: (figure number, negated, lo, hi, figure name).
_ALLY_VARS: Final[dict[str, tuple[int, bool, float, float, str]]] = {
    var: (_FIGURES.index(var), var == "scar", lo, hi, var) for var, (lo, hi) in ALLY_BOUNDS.items()
}
_ALLY_VARS["gdp"] = (_FIGURES.index("gap"), True, *ALLY_BOUNDS["gap"], "gap")


class WAlly:
    """One ally, mutable."""

    __slots__ = (
        "id", "index", "name", "output", "baseline", "scar", "gap", "lost_output",
        "coercion_loss", "resolve", "alignment", "strain", "digital_exposure", "talent",
        "treasury", "defiance", "tech", "export_exposure", "import_dependence", "resilience",
        "accommodated", "accommodated_turns", "concessions", "coerced_by", "turn_loss",
    )  # fmt: skip

    def __init__(self, a: AllyState, index: int, name: str) -> None:
        self.id = a.id
        self.index = index
        self.name = name
        self.output = a.output
        self.baseline = a.baseline
        self.scar = a.scar
        self.gap = 0.0
        self.lost_output = a.lost_output
        self.coercion_loss = a.coercion_loss
        self.resolve = a.resolve
        self.alignment = a.alignment
        self.strain = a.strain
        self.digital_exposure = a.digital_exposure
        self.talent = a.talent
        self.treasury = a.treasury
        self.defiance = a.defiance
        self.tech = list(a.tech)
        self.export_exposure = list(a.export_exposure)
        self.import_dependence = list(a.import_dependence)
        self.resilience = list(a.resilience)
        self.accommodated = a.accommodated
        self.accommodated_turns = a.accommodated_turns
        self.concessions = a.concessions
        self.coerced_by: list[str] = []  # rules that targeted this ally this turn
        self.turn_loss = 0.0  # output lost to coercion this turn

    def freeze(self) -> AllyState:
        return new_ally_state(
            self.id,
            self.output,
            self.baseline,
            self.scar,
            self.gap,
            self.lost_output,
            self.coercion_loss,
            self.resolve,
            self.alignment,
            self.strain,
            self.digital_exposure,
            self.talent,
            self.treasury,
            self.defiance,
            tuple(self.tech),
            tuple(self.export_exposure),
            tuple(self.import_dependence),
            tuple(self.resilience),
            self.accommodated,
            self.accommodated_turns,
            self.concessions,
        )


class Work:
    """The whole game state, mutable, plus the events recorded so far this turn."""

    def __init__(self, scenario: Scenario, state: GameState, explain: bool = True) -> None:
        self.scenario = scenario
        self.explain = explain  # record deltas and events (False: change the state only)
        self.state = state
        self.turn = state.turn
        self.rng = Rng(state.rng)
        self.allies = [WAlly(a, i, scenario.allies[i].name) for i, a in enumerate(state.allies)]
        self.by_id = {a.id: a for a in self.allies}
        c = state.china
        self.capacity = c.capacity
        self.china_tech = list(c.tech)
        self.fusion = c.fusion
        self.escalation = c.escalation
        self.backlash = c.backlash
        self.leverage = c.leverage
        self.episodes: list[Episode] = list(c.episodes)
        k = state.coalition
        self.cohesion = k.cohesion
        self.standards = k.standards
        self.pledge: list[str] = list(k.pledge)
        self.institutions: list[str] = list(k.institutions)
        self.measures: list[Measure] = list(state.measures)
        self.pending: list[Pending] = list(state.pending)
        self.proposals: list[Proposal] = list(state.proposals)
        self.signals: list[Signal] = list(state.signals)
        self.cooldowns = list(state.cooldowns)
        self.next_proposal = state.next_proposal
        self.drawn = list(state.drawn)
        self.events: list[Event] = []
        self.deltas: list[Delta] = []
        self.labels = _labels(scenario)
        self.max_escalation = float(len(scenario.china.ladder) - 1)

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
        event = new_event(
            self.turn,
            phase,
            kind,
            cause_kind,
            cause,
            actor,
            text,
            tuple(self.deltas),
            details,
            grade,
        )
        self.deltas = []
        self.events.append(event)
        return event

    # -- changes --------------------------------------------------------------------------

    def ally_change(self, a: WAlly, var: str, amount: float, index: int = -1) -> float:
        """Change one ally figure by ``amount`` (clamped); return the change applied."""
        if amount == 0.0:
            return 0.0
        figure, negate, lo, hi, name = _ALLY_VARS[var]
        if negate:  # "gdp" changes the gap, and "scar" the scar, the other way round
            amount = -amount
        if figure >= _FIRST_LIST:  # a per-domain or per-sector figure
            values = _figure_list(a, figure)
            if index == -2:  # every sector
                total = 0.0
                for i in range(len(values)):
                    total += self.ally_change(a, var, amount, i)
                return total
            before = values[index]
            after = before + amount  # clamped as min(hi, max(lo, x)), inline
            after = after if after > lo else lo
            after = after if after < hi else hi
            values[index] = after
            if self.explain and after != before:
                self.deltas.append(new_delta(a.id, self.labels[name][index], before, after))
            return after - before
        before = _get_figure(a, figure)
        after = before + amount
        after = after if after > lo else lo
        after = after if after < hi else hi
        _set_figure(a, figure, after)
        if self.explain and after != before:
            self.deltas.append(new_delta(a.id, name, before, after))
        return after - before

    def china_change(self, var: str, amount: float, index: int = -1) -> float:
        """Change one of China's figures (clamped); return the change applied."""
        if amount == 0.0:
            return 0.0
        if var == "tech":
            before = self.china_tech[index]
            after = _clamp(0.0, 100.0, before + amount)
            self.china_tech[index] = after
            label = self.labels["tech"][index]
        elif var == "escalation":
            before = self.escalation
            after = _clamp(0.0, self.max_escalation, before + amount)
            self.escalation = after
            label = var
        else:
            lo, hi = CHINA_BOUNDS[var]
            if var == "capacity":
                before = self.capacity
                after = _clamp(lo, hi, before + amount)
                self.capacity = after
            elif var == "fusion":
                before = self.fusion
                after = _clamp(lo, hi, before + amount)
                self.fusion = after
            elif var == "backlash":
                before = self.backlash
                after = _clamp(lo, hi, before + amount)
                self.backlash = after
            else:
                raise KeyError(var)
            label = var
        if self.explain and after != before:
            self.deltas.append(new_delta("china", label, before, after))
        return after - before

    def coalition_change(self, var: str, amount: float) -> float:
        """Change cohesion or standards (clamped); return the change applied."""
        if amount == 0.0:
            return 0.0
        lo, hi = COALITION_BOUNDS[var]
        if var == "cohesion":
            before = self.cohesion
            after = _clamp(lo, hi, before + amount)
            self.cohesion = after
        else:  # "standards"
            before = self.standards
            after = _clamp(lo, hi, before + amount)
            self.standards = after
        if self.explain and after != before:
            self.deltas.append(new_delta("coalition", var, before, after))
        return after - before

    # -- queries --------------------------------------------------------------------------

    def active_allies(self) -> list[WAlly]:
        """Allies that have not accommodated China."""
        return [a for a in self.allies if not a.accommodated]

    def measures_of(self, ally_id: str, kind: str | None = None) -> list[Measure]:
        """Measures in force that this ally belongs to."""
        return [
            m for m in self.measures if ally_id in m.members and (kind is None or m.kind == kind)
        ]

    # -- freezing -------------------------------------------------------------------------

    def freeze(self, outcome: object = None) -> GameState:
        """The frozen state after this turn's changes."""
        state = self.state
        return new_game_state(
            state.scenario,
            state.difficulty,
            state.seed,
            self.turn,
            self.rng.state,
            tuple([a.freeze() for a in self.allies]),
            new_china_state(
                self.capacity,
                tuple(self.china_tech),
                self.fusion,
                self.escalation,
                self.backlash,
                self.leverage,
                tuple(self.episodes),
            ),
            new_coalition_state(
                self.cohesion, self.standards, tuple(self.pledge), tuple(self.institutions)
            ),
            tuple(self.measures),
            tuple(self.pending),
            tuple(self.proposals),
            tuple(self.signals),
            tuple(self.cooldowns),
            self.next_proposal,
            tuple(self.drawn),
            outcome,
        )


def _figure_list(a: WAlly, figure: int) -> list[float]:
    """The per-domain or per-sector list of figure number ``figure`` (see _FIGURES)."""
    if figure == 9:
        return a.tech
    if figure == 10:
        return a.export_exposure
    if figure == 11:
        return a.import_dependence
    return a.resilience


def _get_figure(a: WAlly, figure: int) -> float:
    """Scalar figure number ``figure`` of an ally (see _FIGURES); attribute reads, no getattr."""
    if figure == 0:
        return a.resolve
    if figure == 1:
        return a.alignment
    if figure == 2:
        return a.strain
    if figure == 3:
        return a.digital_exposure
    if figure == 4:
        return a.talent
    if figure == 5:
        return a.defiance
    if figure == 6:
        return a.treasury
    if figure == 7:
        return a.scar
    return a.gap


def _set_figure(a: WAlly, figure: int, value: float) -> None:
    """Set scalar figure number ``figure`` of an ally (see _FIGURES)."""
    if figure == 0:
        a.resolve = value
    elif figure == 1:
        a.alignment = value
    elif figure == 2:
        a.strain = value
    elif figure == 3:
        a.digital_exposure = value
    elif figure == 4:
        a.talent = value
    elif figure == 5:
        a.defiance = value
    elif figure == 6:
        a.treasury = value
    elif figure == 7:
        a.scar = value
    else:
        a.gap = value


# The numbers the helpers above use, checked once at import.
if _FIGURES != (
    "resolve", "alignment", "strain", "digital_exposure", "talent", "defiance", "treasury",
    "scar", "gap", "tech", "export_exposure", "import_dependence", "resilience",
):  # fmt: skip
    raise AssertionError("work.py: update _figure_list/_get_figure/_set_figure")


def _clamp(lo: float, hi: float, x: float) -> float:
    """``min(hi, max(lo, x))``, with the same result in every case (NaN gives ``lo``)."""
    x = x if x > lo else lo
    return x if x < hi else hi


def _labels(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Delta labels of the per-domain and per-sector figures, e.g. ``tech.semiconductors``."""
    extra = scenario_index(scenario).extra
    labels = extra.get("delta_labels")
    if labels is None:
        tech = tuple("tech." + d.id for d in scenario.domains)
        labels = {"tech": tech}
        for var in _LISTS[1:]:
            labels[var] = tuple(f"{var}.{s.id}" for s in scenario.sectors)
        extra["delta_labels"] = labels
    return labels
