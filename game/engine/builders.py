"""Fast constructors of the frozen state classes, for the compiled engine.

The engine builds thousands of frozen attrs objects a game. Compiled by mypyc, each function
here sets the slots through ``object.__setattr__`` (a direct generic set, past the frozen
class's ``__setattr__``), which builds the very object the class's ``__init__`` builds (equal,
same repr, same hash) in a fraction of the time. Interpreted, the same call is slower than
state.py's generated builders, so the pure-Python engine uses those. Every field is given
positionally, in the class's field order; ``tests/test_moves_fast.py`` checks each builder
against the class's own constructor, and state.py checks at import that the classes have no
validators, converters or init hooks these would skip.
"""

from __future__ import annotations

from typing import Any, Final

from game.engine import state as _state
from game.engine.orders import Order
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


def _probe() -> None:
    """Compiled functions are not Python functions: this tells which engine is running."""


COMPILED: Final = type(_probe).__name__ != "function"


def new_ally_state(
    id: Any,
    output: Any,
    baseline: Any,
    scar: Any,
    gap: Any,
    lost_output: Any,
    coercion_loss: Any,
    resolve: Any,
    alignment: Any,
    strain: Any,
    digital_exposure: Any,
    talent: Any,
    treasury: Any,
    defiance: Any,
    tech: Any,
    export_exposure: Any,
    import_dependence: Any,
    resilience: Any,
    accommodated: Any,
    accommodated_turns: Any,
    concessions: Any,
) -> AllyState:
    """``AllyState(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_ally_state(
            id,
            output,
            baseline,
            scar,
            gap,
            lost_output,
            coercion_loss,
            resolve,
            alignment,
            strain,
            digital_exposure,
            talent,
            treasury,
            defiance,
            tech,
            export_exposure,
            import_dependence,
            resilience,
            accommodated,
            accommodated_turns,
            concessions,
        )
    o = object.__new__(AllyState)
    object.__setattr__(o, "id", id)
    object.__setattr__(o, "output", output)
    object.__setattr__(o, "baseline", baseline)
    object.__setattr__(o, "scar", scar)
    object.__setattr__(o, "gap", gap)
    object.__setattr__(o, "lost_output", lost_output)
    object.__setattr__(o, "coercion_loss", coercion_loss)
    object.__setattr__(o, "resolve", resolve)
    object.__setattr__(o, "alignment", alignment)
    object.__setattr__(o, "strain", strain)
    object.__setattr__(o, "digital_exposure", digital_exposure)
    object.__setattr__(o, "talent", talent)
    object.__setattr__(o, "treasury", treasury)
    object.__setattr__(o, "defiance", defiance)
    object.__setattr__(o, "tech", tech)
    object.__setattr__(o, "export_exposure", export_exposure)
    object.__setattr__(o, "import_dependence", import_dependence)
    object.__setattr__(o, "resilience", resilience)
    object.__setattr__(o, "accommodated", accommodated)
    object.__setattr__(o, "accommodated_turns", accommodated_turns)
    object.__setattr__(o, "concessions", concessions)
    return o


def new_measure(
    kind: Any, move: Any, members: Any, target: Any, harmonised: Any, started: Any, expires: Any
) -> Measure:
    """``Measure(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_measure(kind, move, members, target, harmonised, started, expires)
    o = object.__new__(Measure)
    object.__setattr__(o, "kind", kind)
    object.__setattr__(o, "move", move)
    object.__setattr__(o, "members", members)
    object.__setattr__(o, "target", target)
    object.__setattr__(o, "harmonised", harmonised)
    object.__setattr__(o, "started", started)
    object.__setattr__(o, "expires", expires)
    return o


def new_pending(
    due: Any, last: Any, who: Any, ally: Any, var: Any, amount: Any, index: Any, cause: Any
) -> Pending:
    """``Pending(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_pending(due, last, who, ally, var, amount, index, cause)
    o = object.__new__(Pending)
    object.__setattr__(o, "due", due)
    object.__setattr__(o, "last", last)
    object.__setattr__(o, "who", who)
    object.__setattr__(o, "ally", ally)
    object.__setattr__(o, "var", var)
    object.__setattr__(o, "amount", amount)
    object.__setattr__(o, "index", index)
    object.__setattr__(o, "cause", cause)
    return o


def new_episode(
    tool: Any, rule: Any, ally: Any, sector: Any, intensity: Any, started: Any, ends: Any
) -> Episode:
    """``Episode(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_episode(tool, rule, ally, sector, intensity, started, ends)
    o = object.__new__(Episode)
    object.__setattr__(o, "tool", tool)
    object.__setattr__(o, "rule", rule)
    object.__setattr__(o, "ally", ally)
    object.__setattr__(o, "sector", sector)
    object.__setattr__(o, "intensity", intensity)
    object.__setattr__(o, "started", started)
    object.__setattr__(o, "ends", ends)
    return o


def new_proposal(
    id: Any, move: Any, target: Any, proposer: Any, turn: Any, members: Any
) -> Proposal:
    """``Proposal(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_proposal(id, move, target, proposer, turn, members)
    o = object.__new__(Proposal)
    object.__setattr__(o, "id", id)
    object.__setattr__(o, "move", move)
    object.__setattr__(o, "target", target)
    object.__setattr__(o, "proposer", proposer)
    object.__setattr__(o, "turn", turn)
    object.__setattr__(o, "members", members)
    return o


def new_signal(rule: Any, tool: Any, ally: Any, sector: Any, reason: Any) -> Signal:
    """``Signal(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_signal(rule, tool, ally, sector, reason)
    o = object.__new__(Signal)
    object.__setattr__(o, "rule", rule)
    object.__setattr__(o, "tool", tool)
    object.__setattr__(o, "ally", ally)
    object.__setattr__(o, "sector", sector)
    object.__setattr__(o, "reason", reason)
    return o


def new_china_state(
    capacity: Any,
    tech: Any,
    fusion: Any,
    escalation: Any,
    backlash: Any,
    leverage: Any,
    episodes: Any,
) -> ChinaState:
    """``ChinaState(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_china_state(
            capacity, tech, fusion, escalation, backlash, leverage, episodes
        )
    o = object.__new__(ChinaState)
    object.__setattr__(o, "capacity", capacity)
    object.__setattr__(o, "tech", tech)
    object.__setattr__(o, "fusion", fusion)
    object.__setattr__(o, "escalation", escalation)
    object.__setattr__(o, "backlash", backlash)
    object.__setattr__(o, "leverage", leverage)
    object.__setattr__(o, "episodes", episodes)
    return o


def new_coalition_state(
    cohesion: Any, standards: Any, pledge: Any, institutions: Any
) -> CoalitionState:
    """``CoalitionState(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_coalition_state(cohesion, standards, pledge, institutions)
    o = object.__new__(CoalitionState)
    object.__setattr__(o, "cohesion", cohesion)
    object.__setattr__(o, "standards", standards)
    object.__setattr__(o, "pledge", pledge)
    object.__setattr__(o, "institutions", institutions)
    return o


def new_game_state(
    scenario: Any,
    difficulty: Any,
    seed: Any,
    turn: Any,
    rng: Any,
    allies: Any,
    china: Any,
    coalition: Any,
    measures: Any,
    pending: Any,
    proposals: Any,
    signals: Any,
    cooldowns: Any,
    next_proposal: Any,
    drawn: Any,
    outcome: Any,
) -> GameState:
    """``GameState(...)`` with every field given positionally, built faster."""
    if not COMPILED:
        return _state.new_game_state(
            scenario,
            difficulty,
            seed,
            turn,
            rng,
            allies,
            china,
            coalition,
            measures,
            pending,
            proposals,
            signals,
            cooldowns,
            next_proposal,
            drawn,
            outcome,
        )
    o = object.__new__(GameState)
    object.__setattr__(o, "scenario", scenario)
    object.__setattr__(o, "difficulty", difficulty)
    object.__setattr__(o, "seed", seed)
    object.__setattr__(o, "turn", turn)
    object.__setattr__(o, "rng", rng)
    object.__setattr__(o, "allies", allies)
    object.__setattr__(o, "china", china)
    object.__setattr__(o, "coalition", coalition)
    object.__setattr__(o, "measures", measures)
    object.__setattr__(o, "pending", pending)
    object.__setattr__(o, "proposals", proposals)
    object.__setattr__(o, "signals", signals)
    object.__setattr__(o, "cooldowns", cooldowns)
    object.__setattr__(o, "next_proposal", next_proposal)
    object.__setattr__(o, "drawn", drawn)
    object.__setattr__(o, "outcome", outcome)
    return o


def new_order(ally: Any, move: Any, target: Any, kind: Any, proposal: Any) -> Order:
    """``Order(ally, move, target, kind, proposal)``, built faster."""
    if not COMPILED:
        return Order(ally, move, target, kind, proposal)
    o = object.__new__(Order)
    object.__setattr__(o, "ally", ally)
    object.__setattr__(o, "move", move)
    object.__setattr__(o, "target", target)
    object.__setattr__(o, "kind", kind)
    object.__setattr__(o, "proposal", proposal)
    return o
