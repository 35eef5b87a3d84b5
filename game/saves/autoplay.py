"""Headless play to a save: every government on one AI policy, the whole log recorded."""

from __future__ import annotations

from typing import Any

from game.ai.policies import policy as policy_named
from game.engine import Scenario, new_game, resolve_turn
from game.saves.format import Save, Team
from game.saves.replay import make_save, new_record, record_turn
from game.sim.play import ai_orders


def autoplay(
    scenario: Scenario,
    data: dict[str, Any],
    policy: str,
    difficulty: str,
    seed: int,
    game_id: str,
) -> Save:
    """Play a whole game of ``scenario`` (built from ``data``) with every government on
    ``policy`` and return its finished save."""
    fn = policy_named(policy)
    policies = {a.id: fn for a in scenario.allies}
    teams = tuple(Team(a.id, "AI", policy) for a in scenario.allies)
    game = new_record(data, seed, difficulty, teams, game_id)
    state, _ = new_game(scenario, seed, difficulty, explain=False)
    while not state.over:
        orders = ai_orders(scenario, state, policies)
        state, _ = resolve_turn(scenario, state, orders, explain=False)
        game = record_turn(game, orders, state)
    return make_save(game, state)
