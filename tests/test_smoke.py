"""The default scenario loads and a game with no orders plays to its end."""

from game.engine import new_game, resolve_turn
from game.scenarios import load, scenario_path


def test_passive_game_reaches_an_outcome() -> None:
    scenario = load(scenario_path("collective-resilience"))
    state, _ = new_game(scenario, seed=1)
    for _ in range(scenario.turns):
        state, events = resolve_turn(scenario, state, [])
        if state.over:
            break
    assert state.over
    assert events[-1].phase == "end"
