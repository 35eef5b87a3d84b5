"""The AI policies read what moves do, not their ids: they play a scenario whose every move,
tool and rule id is new, and a small scenario with its own moves, using each move where it
serves the policy's aims; a policy that cannot act says so."""

from __future__ import annotations

from collections import Counter

import pytest
from custom_scenario import custom, renamed

from game.ai.policies import POLICIES, SEARCH_POLICIES, policy_fit
from game.engine import Order, Policy, Scenario, check_orders, new_game, resolve_turn
from game.sim.play import ai_orders

FAST = sorted(set(POLICIES) - SEARCH_POLICIES)


def orders_played(
    scenario: Scenario, name: str, seeds: tuple[int, ...] = (0, 1), difficulty: str = "normal"
) -> list[Order]:
    """Every order the policy gave (all governments on it), each checked legal."""
    chosen: Policy = POLICIES[name]
    policies = {a.id: chosen for a in scenario.allies}
    out: list[Order] = []
    for seed in seeds:
        state, _ = new_game(scenario, seed, difficulty, explain=False)
        while state.outcome is None:
            orders = ai_orders(scenario, state, policies)
            check_orders(scenario, state, orders)
            out.extend(orders)
            state, _ = resolve_turn(scenario, state, orders, explain=False)
    return out


EARNEST = 5  # orders of a move (over the games played) that show a policy chooses it


def _uses(orders: list[Order], back: dict[str, str] | None = None) -> Counter[tuple[str, str]]:
    return Counter(((back or {}).get(o.move, o.move), o.kind) for o in orders)


@pytest.mark.parametrize("name", FAST)
def test_every_policy_uses_the_same_moves_under_fresh_ids(scenario: Scenario, name: str) -> None:
    """Renaming every move, tool and rule changes nothing a policy chooses to do: each
    move (by what it does) that it uses in earnest (at least ``EARNEST`` times) under one
    naming it also uses under the other. (Who proposes a joint move rotates by its id, so
    the games' paths differ, and a move ordered only in a rare situation may appear under
    one naming alone.)"""
    fresh, back = renamed(scenario)
    before = _uses(orders_played(scenario, name))
    played = orders_played(fresh, name)
    after = _uses(played, back)
    assert {k for k, n in before.items() if n >= EARNEST} <= set(after)
    assert {k for k, n in after.items() if n >= EARNEST} <= set(before)
    assert all(new not in before for new, _ in _uses(played))


def test_coordinated_signs_a_renamed_pledge_with_every_ally(scenario: Scenario) -> None:
    """Every government proposes the pledge together (one proposal, every ally a member),
    under any id."""
    fresh, back = renamed(scenario)
    pledge = next(m.id for m in fresh.moves if m.measure == "pledge")
    uses = _uses(orders_played(fresh, "coordinated"))
    assert uses[(pledge, "propose")] >= len(fresh.allies)


def test_policies_use_custom_moves_where_they_serve_their_aims() -> None:
    """On a catalogue written from scratch: coordinated signs the pledge with every ally,
    proposes and joins the export controls and invests; unilateral orders controls and
    vetting alone and never proposes or joins; decouple orders the move that cuts exports
    and inputs."""
    scenario = custom()
    coordinated = _uses(orders_played(scenario, "coordinated"))
    assert coordinated[("mutual-aid-pact", "propose")] >= len(scenario.allies)
    assert coordinated[("tech-denial-regime", "propose")] >= 1
    assert coordinated[("tech-denial-regime", "join")] >= 3
    assert coordinated[("lab-grants", "act")] >= 1
    assert coordinated[("full-exit", "act")] == 0  # decoupling is not collective resilience
    unilateral = _uses(orders_played(scenario, "unilateral"))
    assert unilateral[("tech-denial-regime", "act")] >= 1
    assert unilateral[("visa-vetting", "act")] >= 1
    assert {kind for _, kind in unilateral} == {"act"}
    decouple = _uses(orders_played(scenario, "decouple"))
    assert decouple[("full-exit", "act")] >= 3
    assert _uses(orders_played(scenario, "passive")) == Counter()
    assert len(_uses(orders_played(scenario, "random"))) >= 4


def test_a_policy_that_cannot_act_on_a_scenario_says_so(scenario: Scenario) -> None:
    """Without a decoupling move, decouple says it cannot act (and still plays legally);
    every shipped policy fits the default scenario."""
    assert all(policy_fit(scenario, name) is None for name in POLICIES)
    no_exit = custom(without=("full-exit",))
    note = policy_fit(no_exit, "decouple")
    assert note is not None and note.startswith("decouple cannot act")
    assert all(o.move != "full-exit" for o in orders_played(no_exit, "decouple", seeds=(0,)))
    assert policy_fit(custom(), "decouple") is None
    alone = custom(without=("mutual-aid-pact", "tech-denial-regime", "lab-grants"))
    assert "no joint move" in (policy_fit(alone, "coordinated") or "")
