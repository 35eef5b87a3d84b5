"""Scores: the coalition's (shared) and each ally's (its own output and national objective)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Final

from game.engine.doctrine import compare
from game.engine.index import scenario_index
from game.engine.scenario import Scenario
from game.engine.state import AllyState, GameState, Outcome

TIERS: Final = ("decisive", "marginal", "stalemate", "defeat")
# The tech part is centred: an unchanged lead scores one half, and it saturates smoothly
# (diminishing returns): 0.5 + 0.5 * tanh(change / tech_span), as steep at the centre as a
# straight line reaching full marks at +tech_span, but each further point of lead is worth
# less (about 0.88 at +tech_span, 0.98 at twice it). A shape, not a coefficient. The leverage
# part saturates the same way: tanh(cut / leverage_span), 0.76 at a cut of leverage_span.
_HALF: Final = 0.5
# Scores are recorded to two decimals, the parts to four.
_SCORE_DECIMALS: Final = 2
_PART_DECIMALS: Final = 4
WIN_TIERS: Final = ("decisive", "marginal")


def _clamp(x: float) -> float:
    return min(1.0, max(0.0, x))


def gdp_weights(scenario: Scenario) -> list[float]:
    """Each ally's share of the coalition's GDP."""
    total = sum((a.gdp for a in scenario.allies), 0.0)
    return [a.gdp / total for a in scenario.allies]


def tech_lead(scenario: Scenario, state: GameState) -> float:
    """Mean over domains of the best allied tech level minus China's."""
    lead = 0.0
    for d in range(len(scenario.domains)):
        best = max(a.tech[d] for a in state.allies)
        lead += best - state.china.tech[d]
    return lead / len(scenario.domains)


def initial_tech_lead(scenario: Scenario) -> float:
    """The tech lead at the start of the game."""
    lead = 0.0
    for d in range(len(scenario.domains)):
        lead += max(a.tech[d] for a in scenario.allies) - scenario.china.tech[d]
    return lead / len(scenario.domains)


def turns_played(scenario: Scenario, state: GameState) -> int:
    """Turns resolved so far."""
    return state.turn if state.outcome is not None else state.turn - 1


def initial_leverage(scenario: Scenario) -> float:
    """China's leverage over the allies at the start (GDP-weighted percent of GDP at stake)."""
    total = 0.0
    per_digital = scenario.tuning.digital_leverage
    for w, a in zip(gdp_weights(scenario), scenario.allies, strict=True):
        stake = sum(
            (
                p.weight * (p.export_exposure + p.import_dependence) * (1.0 - p.resilience)
                for p in a.sectors
            ),
            0.0,
        )
        total += w * (100.0 * stake + per_digital * a.digital_exposure)
    return total


def score_parts(
    scenario: Scenario, state: GameState, played: int | None = None
) -> dict[str, float]:
    """Each part of the coalition score, 0..1 (``played``: turns resolved, if not the state's)."""
    leverage0 = initial_leverage(scenario)
    v = scenario.victory
    played = max(1, turns_played(scenario, state) if played is None else played)
    gap = sum((a.lost_output / played for a in state.allies), 0.0) / len(state.allies)
    lead_change = tech_lead(scenario, state) - initial_tech_lead(scenario)
    ratio = state.china.leverage / leverage0 if leverage0 > 0 else 1.0
    accommodated = sum(a.accommodated_turns for a in state.allies) / (played * len(state.allies))
    return {
        "gdp": _clamp(1.0 - gap / v.gdp_floor),
        "tech": _clamp(_HALF + _HALF * math.tanh(lead_change / v.tech_span)),
        "leverage": _clamp(math.tanh((1.0 - ratio) / scenario.tuning.leverage_span)),
        "cohesion": _clamp(state.coalition.cohesion / 100.0),
        "accommodation": _clamp(1.0 - accommodated),
    }


def coalition_score(
    scenario: Scenario, state: GameState, played: int | None = None
) -> tuple[float, dict[str, float]]:
    """The coalition's score 0..100 and its parts."""
    v = scenario.victory
    parts = score_parts(scenario, state, played)
    weights = {
        "gdp": v.gdp_weight,
        "tech": v.tech_weight,
        "leverage": v.leverage_weight,
        "cohesion": v.cohesion_weight,
        "accommodation": v.accommodation_weight,
    }
    total = sum(weights.values(), 0.0)
    score = 100.0 * sum((weights[k] * parts[k] for k in parts), 0.0) / total
    return score, parts


def tier_of(scenario: Scenario, score: float) -> str:
    """The victory tier of a coalition score."""
    v = scenario.victory
    if score >= v.decisive:
        return "decisive"
    if score >= v.marginal:
        return "marginal"
    if score >= v.stalemate:
        return "stalemate"
    return "defeat"


def _own_gap(scenario: Scenario, state: GameState, a: AllyState, played: int) -> float:
    return a.lost_output / played


# How each national objective metric reads the state: (scenario, state, ally, played) -> value.
OBJECTIVE_METRICS: Final[dict[str, Callable[[Scenario, GameState, AllyState, int], float]]] = {
    "gdp_gap": _own_gap,
    "max_export_exposure": lambda s, st, a, n: max(a.export_exposure),
    "max_import_dependence": lambda s, st, a, n: max(a.import_dependence),
    "digital_exposure": lambda s, st, a, n: a.digital_exposure,
    "resolve": lambda s, st, a, n: a.resolve,
    "strain": lambda s, st, a, n: a.strain,
    "tech": lambda s, st, a, n: a.tech[_objective_domain(s, a)],
    "cohesion": lambda s, st, a, n: st.coalition.cohesion,
    "standards": lambda s, st, a, n: st.coalition.standards,
    "accommodated_turns": lambda s, st, a, n: float(a.accommodated_turns),
}


def _objective_domain(scenario: Scenario, a: AllyState) -> int:
    spec = scenario.allies[scenario_index(scenario).ally_index[a.id]]
    return scenario_index(scenario).domain_index[spec.objective.domain or ""]


def objective_value(
    scenario: Scenario, state: GameState, index: int, played: int | None = None
) -> float:
    """The current value of an ally's national objective metric."""
    metric = scenario.allies[index].objective.metric
    played = max(1, turns_played(scenario, state) if played is None else played)
    return OBJECTIVE_METRICS[metric](scenario, state, state.allies[index], played)


def objective_met(
    scenario: Scenario, state: GameState, index: int, played: int | None = None
) -> bool:
    """Whether an ally's national objective holds now."""
    o = scenario.allies[index].objective
    return compare(o.op, objective_value(scenario, state, index, played), o.value)


def ally_score(
    scenario: Scenario,
    state: GameState,
    index: int,
    coalition: float,
    met: bool,
    played: int | None = None,
) -> float:
    """An ally's own score 0..100: the coalition's, its own output, its national objective."""
    a: AllyState = state.allies[index]
    played = max(1, turns_played(scenario, state) if played is None else played)
    own_gdp = _clamp(1.0 - (a.lost_output / played) / scenario.victory.gdp_floor)
    t = scenario.tuning
    return 100.0 * (
        t.ally_score_coalition * coalition / 100.0
        + t.ally_score_output * own_gdp
        + t.ally_score_objective * (1.0 if met else 0.0)
    )


def collapse_reason(scenario: Scenario, state: GameState) -> str | None:
    """Why the coalition has collapsed, or None."""
    return collapse_of(scenario, state.coalition.cohesion, [a.accommodated for a in state.allies])


def collapse_of(scenario: Scenario, cohesion: float, accommodated: list[bool]) -> str | None:
    """Why the coalition has collapsed at this cohesion and these allies' accommodation."""
    v = scenario.victory
    if cohesion < v.collapse_cohesion:
        return f"cohesion fell below {v.collapse_cohesion:g}"
    share = sum(1 for x in accommodated if x) / len(accommodated)
    if share >= v.collapse_share:
        return f"{share:.0%} of the allies accommodated China"
    return None


def outcome(scenario: Scenario, state: GameState, reason: str) -> Outcome:
    """The final result of a game that has just ended: ``state`` is the position after its
    last turn (``state.turn`` turns resolved), before the outcome is attached."""
    played = state.turn
    score, parts = coalition_score(scenario, state, played)
    collapsed = reason.startswith("collapse")
    tier = "defeat" if collapsed else tier_of(scenario, score)
    mets = [objective_met(scenario, state, i, played) for i in range(len(state.allies))]
    return Outcome(
        tier=tier,
        score=round(score, _SCORE_DECIMALS),
        parts=tuple((k, round(v, _PART_DECIMALS)) for k, v in parts.items()),
        ally_scores=tuple(
            (a.id, round(ally_score(scenario, state, i, score, mets[i], played), _SCORE_DECIMALS))
            for i, a in enumerate(state.allies)
        ),
        objectives_met=tuple((a.id, mets[i]) for i, a in enumerate(state.allies)),
        reason=reason,
    )
