"""What one team may see: a projection of the game state that never holds another team's
secrets (its national objective and its pending effects) or the random generator's state
(from which China's next rolls could be foreseen)."""

from __future__ import annotations

from attrs import frozen

from game.engine.index import scenario_index
from game.engine.scenario import Objective, Scenario
from game.engine.scoring import objective_met, objective_value
from game.engine.state import (
    AllyState,
    ChinaState,
    CoalitionState,
    GameState,
    Measure,
    Outcome,
    Pending,
    Proposal,
    Signal,
)


@frozen
class TeamView:
    """One team's view of the game: the public position, its own ally, its own national
    objective with its current value, and only its own pending effects."""

    ally: str
    turn: int
    difficulty: str
    allies: tuple[AllyState, ...]  # every government's public figures
    china: ChinaState
    coalition: CoalitionState
    measures: tuple[Measure, ...]
    proposals: tuple[Proposal, ...]
    signals: tuple[Signal, ...]
    pending: tuple[Pending, ...]  # this ally's, and China's and the coalition's
    objective: Objective
    objective_value: float
    objective_met: bool
    outcome: Outcome | None

    @property
    def own(self) -> AllyState:
        """The team's own ally."""
        return next(a for a in self.allies if a.id == self.ally)


def team_view(scenario: Scenario, state: GameState, ally_id: str) -> TeamView:
    """What the team governing ``ally_id`` may see of ``state``.

    >>> from game.engine import load_scenario, new_game, team_view
    >>> from game.scenarios import scenario_path
    >>> scenario = load_scenario(scenario_path("collective-resilience"))
    >>> state, _ = new_game(scenario, seed=1)
    >>> view = team_view(scenario, state, "japan")
    >>> view.own.id, view.objective.text != "", hasattr(view, "rng")
    ('japan', True, False)
    """
    i = scenario_index(scenario).ally_index[ally_id]
    return TeamView(
        ally=ally_id,
        turn=state.turn,
        difficulty=state.difficulty,
        allies=state.allies,
        china=state.china,
        coalition=state.coalition,
        measures=state.measures,
        proposals=state.proposals,
        signals=state.signals,
        pending=tuple(p for p in state.pending if p.ally in (None, ally_id)),
        objective=scenario.allies[i].objective,
        objective_value=objective_value(scenario, state, i),
        objective_met=objective_met(scenario, state, i),
        outcome=state.outcome,
    )
