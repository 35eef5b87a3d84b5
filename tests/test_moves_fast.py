"""The engine's fast paths give exactly what the reference functions give."""

from __future__ import annotations

import attrs
import pytest

from game.ai.policies import POLICIES
from game.engine import builders
from game.engine import state as state_module
from game.engine.moves import legal_cost_of, order_cost_of, order_problem_of
from game.engine.orders import Order
from game.engine.scenario import Scenario
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
from game.engine.turn import new_game, resolve_turn
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


def test_legal_cost_of_agrees_with_order_problem_and_cost(scenario: Scenario) -> None:
    domains = [d.id for d in scenario.domains]
    sectors = [s.id for s in scenario.sectors]
    targets = [None, *domains, *sectors, "nowhere", "all"]
    allies = [a.id for a in scenario.allies] + ["atlantis"]
    moves = [m.id for m in scenario.moves] + ["no-such-move"]
    checked = legal = 0
    for state in _states(scenario):
        proposals = [p.id for p in state.proposals] + [None, "P999"]
        for ally in allies:
            for move in moves:
                for target in targets:
                    for kind in ("act", "propose", "sideways"):
                        orders = [(move, target, kind, None)]
                        if kind == "act":
                            orders += [(move, target, "join", p) for p in proposals]
                        for fields in orders:
                            got = legal_cost_of(scenario, state, ally, *fields)
                            problem = order_problem_of(scenario, state, ally, *fields)
                            checked += 1
                            if problem is None:
                                legal += 1
                                m, _, k, p = fields
                                assert got == order_cost_of(scenario, state, m, k, p)
                            else:
                                assert got is None, (fields, problem)
    assert checked > 10_000 and legal > 100


@pytest.mark.parametrize("module", [state_module, builders], ids=["generated", "engine"])
def test_fast_builders_give_equal_objects(module: object) -> None:
    ally = AllyState("x", 1.0, 2.0, 0.0, 0.5, 0.0, 0.0, 50.0, 50.0, 1.0, 2.0, 3.0, 4.0, 5.0,
                     (1.0,), (0.1,), (0.2,), (0.3,), False, 0, 0)  # fmt: skip
    china = ChinaState(1.0, (2.0,), 3.0, 0.0, 4.0, 5.0, ())
    coalition = CoalitionState(50.0, 1.0, ("x",), ())
    cases = [
        (ally, "new_ally_state"),
        (china, "new_china_state"),
        (coalition, "new_coalition_state"),
        (Measure("k", "m", ("x",), None, True, 1, 0), "new_measure"),
        (Pending(1, 2, "ally", "x", "resolve", 1.5, -1, "m"), "new_pending"),
        (Episode("t", "r", "x", 2, 1.5, 3, 4), "new_episode"),
        (Proposal("P1", "m", "t", "x", 1, ("x",)), "new_proposal"),
        (Signal("r", "t", "x", None, "why"), "new_signal"),
        (
            GameState(
                "s", "d", 1, 2, 3, (ally,), china, coalition, (), (), (), (), (), 0, (), None
            ),
            "new_game_state",
        ),
    ]
    if module is builders:
        cases.append((Order("x", "m", "t", "propose", None), "new_order"))
    for obj, name in cases:
        build = getattr(module, name)
        copy = build(*(getattr(obj, f.name) for f in attrs.fields(type(obj))))
        assert type(copy) is type(obj)
        assert copy == obj and repr(copy) == repr(obj) and hash(copy) == hash(obj)


def test_play_game_is_deterministic(scenario: Scenario) -> None:
    policies = {a.id: POLICIES["coordinated"] for a in scenario.allies}
    assert repr(play_game(scenario, 4, "normal", policies)) == repr(
        play_game(scenario, 4, "normal", policies)
    )
