"""``explain=False`` (the simulator's mode) builds no events but gives exactly the same game."""

from __future__ import annotations

import pytest

from game.ai.policies import POLICIES, SEARCH_POLICIES
from game.engine import Scenario, new_game, resolve_turn
from game.sim.play import ai_orders, play_game


@pytest.mark.parametrize("policy_name", sorted(set(POLICIES) - SEARCH_POLICIES))
@pytest.mark.parametrize(("seed", "difficulty"), [(0, "measured"), (3, "normal"), (7, "hard")])
def test_explain_off_gives_equal_states_turn_by_turn(
    scenario: Scenario, policy_name: str, seed: int, difficulty: str
) -> None:
    policies = {a.id: POLICIES[policy_name] for a in scenario.allies}
    on, events_on = new_game(scenario, seed, difficulty)
    off, events_off = new_game(scenario, seed, difficulty, explain=False)
    assert events_on and events_off == []
    assert on == off
    while not on.over:
        orders = ai_orders(scenario, on, policies)
        assert ai_orders(scenario, off, policies) == orders
        on, events_on = resolve_turn(scenario, on, orders)
        off, events_off = resolve_turn(scenario, off, orders, explain=False)
        assert events_on and events_off == []
        assert on == off
        assert on.rng == off.rng
    assert off.over and off.outcome == on.outcome


@pytest.mark.parametrize("policy_name", ["coordinated", "random"])
def test_play_game_without_events_gives_the_same_final_state(
    scenario: Scenario, policy_name: str
) -> None:
    policies = {a.id: POLICIES[policy_name] for a in scenario.allies}
    for seed in range(3):
        kept, events = play_game(scenario, seed, "normal", policies, keep_events=True)
        quick, none = play_game(scenario, seed, "normal", policies)
        assert events and none == []
        assert quick == kept
