"""One legality source: the menu, single-order checks and whole-turn checks agree.

``Legality.assess`` is the one function that says whether an order is legal, why not, and
what it costs. ``legal_orders`` (the AI's menu), ``order_options`` (the orders screen's),
``order_problem`` and ``check_orders`` are derived from it; these tests check they agree on
every candidate order of many positions reached in real games.
"""

from __future__ import annotations

import pytest

from game.ai.policies import POLICIES
from game.engine import (
    GameState,
    IllegalOrderError,
    Legality,
    Order,
    Scenario,
    check_orders,
    legal_orders,
    new_game,
    order_cost,
    order_options,
    order_problem,
    resolve_turn,
)
from game.sim.play import ai_orders, play_game


def _states(scenario: Scenario) -> list[GameState]:
    states = []
    for name, seed, difficulty in (("coordinated", 1, "hard"), ("random", 2, "measured")):
        policies = {a.id: POLICIES[name] for a in scenario.allies}
        state, _ = new_game(scenario, seed, difficulty)
        while True:
            states.append(state)
            if state.over:
                break
            state, _ = resolve_turn(scenario, state, ai_orders(scenario, state, policies))
    return states


def test_every_view_of_legality_agrees(scenario: Scenario) -> None:
    checked = legal = 0
    for state in _states(scenario):
        for ally in scenario.allies:
            options = order_options(scenario, state, ally.id)
            menu = legal_orders(scenario, state, ally.id)
            assert [o.order for o in menu] == [o.order for o in options if o.legal]
            for option in options:
                checked += 1
                assert option.problem == order_problem(scenario, state, option.order)
                assert (option.pc, option.budget) == order_cost(scenario, state, option.order)
                if option.legal:
                    legal += 1
                    check_orders(scenario, state, [option.order])  # legal alone: accepted
                else:
                    with pytest.raises(IllegalOrderError, match=_escaped(option.problem)):
                        check_orders(scenario, state, [option.order])
            for option in menu:
                assert (option.pc, option.budget) == order_cost(scenario, state, option.order)
    assert checked > 1000 and 0 < legal < checked


def _escaped(text: str | None) -> str:
    import re

    return re.escape(text or "")


def test_an_unknown_order_says_what_is_wrong(scenario: Scenario) -> None:
    state, _ = new_game(scenario, 1)
    legality = Legality(scenario, state, "japan")
    assert "unknown move 'export-control'" in str(legality.assess("export-control", "ai"))
    assert "did you mean 'export-controls'" in str(legality.assess("export-control", "ai"))
    assert "unknown ally" in str(order_problem(scenario, state, Order("japn", "talent-programme")))
    assert "no open proposal" in str(
        order_problem(scenario, state, Order("japan", "x", None, "join", "P9"))
    )


def test_play_game_is_deterministic(scenario: Scenario) -> None:
    policies = {a.id: POLICIES["random"] for a in scenario.allies}
    first, _ = play_game(scenario, 5, "normal", policies)
    second, _ = play_game(scenario, 5, "normal", policies)
    assert first == second


def test_the_legal_candidates_are_the_candidates_assess_allows(scenario: Scenario) -> None:
    for state in _states(scenario)[::3]:
        for ally in scenario.allies:
            legality = Legality(scenario, state, ally.id)
            allowed = [c for c in legality.candidates() if isinstance(legality.assess(*c), tuple)]
            assert legality.legal_candidates() == allowed
