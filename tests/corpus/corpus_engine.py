"""How the corpus plays one game with the engine of this commit (the one file to adapt when
the engine's API changes; the digests must not change)."""

from __future__ import annotations

from typing import Any

from game.ai.policies import POLICIES, SEARCH_POLICIES
from game.engine import new_game, resolve_turn
from game.scenarios import builtin_names, load, scenario_path
from game.sim.play import ai_orders

_SCENARIOS: dict[str, Any] = {}


def scenario_names() -> list[str]:
    return builtin_names()


def policy_names() -> list[str]:
    # The search policies take seconds a game: tests/test_planner.py checks them instead.
    return sorted(set(POLICIES) - SEARCH_POLICIES)


def play_one(
    scenario_name: str, policy_name: str, difficulty: str, seed: int, explain: bool = True
):
    scenario = _SCENARIOS.get(scenario_name)
    if scenario is None:
        scenario = _SCENARIOS[scenario_name] = load(scenario_path(scenario_name))
    policies = {a.id: POLICIES[policy_name] for a in scenario.allies}
    state, events = new_game(scenario, seed, difficulty, explain=explain)
    states = [state]
    log = list(events)
    while state.outcome is None:
        state, events = resolve_turn(
            scenario, state, ai_orders(scenario, state, policies), explain=explain
        )
        states.append(state)
        log.extend(events)
    return states, log
