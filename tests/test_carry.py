"""A turn that starts from the state the previous turn ended with reuses that turn's working
copy instead of thawing the state again (``Work.freeze(carry=True)``); a turn that starts from
any other state thaws it. Both give exactly the same game."""

from __future__ import annotations

from game.ai.policies import POLICIES
from game.engine import Scenario, coverage_forecast, new_game, resolve_turn
from game.sim.play import ai_orders


def test_a_turn_resolved_twice_from_one_state_gives_the_same_result(scenario: Scenario) -> None:
    policies = {a.id: POLICIES["coordinated"] for a in scenario.allies}
    state, _ = new_game(scenario, 5, "hard")
    turns = 0
    while not state.over:
        orders = ai_orders(scenario, state, policies)
        carried, carried_events = resolve_turn(scenario, state, orders)  # the working copy kept
        thawed, thawed_events = resolve_turn(scenario, state, orders)  # thawed afresh
        assert carried == thawed and carried.rng == thawed.rng
        assert carried_events == thawed_events
        if turns % 2:  # a reader in between takes the working copy: the next turn thaws
            coverage_forecast(scenario, thawed, scenario.allies[0].id)
        state = thawed
        turns += 1
    assert turns > 1
