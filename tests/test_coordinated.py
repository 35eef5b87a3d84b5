"""What the `coordinated` policy does, rule by rule (docs/ai.md): the behaviour a player sees
in the AI governments it plays."""

from __future__ import annotations

import pytest
from conftest import set_ally, set_coalition, start

from game.ai.policies import coordinated
from game.ai.roles import roles
from game.engine import GameState, Order, Scenario, check_orders, resolve_turn
from game.scenarios import load, scenario_path
from game.sim.play import ai_orders


def _everyone(scenario: Scenario) -> dict:
    return {a.id: coordinated for a in scenario.allies}


def _played(scenario: Scenario, turns: int, seed: int = 1) -> GameState:
    """The position after ``turns`` quarters of coordinated play."""
    state = start(scenario, seed)
    for _ in range(turns):
        state, _ = resolve_turn(scenario, state, ai_orders(scenario, state, _everyone(scenario)))
    return state


def _moves(scenario: Scenario, state: GameState, ally: str) -> list[str]:
    orders = ai_orders(scenario, state, {a.id: coordinated for a in scenario.allies})
    check_orders(scenario, state, orders)
    return [o.move for o in orders if o.ally == ally]


def test_every_government_signs_the_pledge_and_screening_together_at_once(
    scenario: Scenario,
) -> None:
    """In the opening quarter every government proposes the solidarity pledge and investment
    screening (one proposal each, every proposer a member) once it has answered China's
    signals against it; the pledge is in force for every ally from the second quarter,
    instead of gathering members as each government finds capital."""
    r = roles(scenario)
    pledge, screening = r.pledge[0], r.screening[0]
    state = start(scenario)
    orders = ai_orders(scenario, state, _everyone(scenario))
    everyone = {a.id for a in scenario.allies}
    unsignalled = everyone - {s.ally for s in state.signals}
    assert {o.ally for o in orders if o.move == pledge and o.kind == "propose"} == everyone
    screeners = {o.ally for o in orders if o.move == screening and o.kind == "propose"}
    assert unsignalled <= screeners and len(screeners) >= len(everyone) - 2
    state, _ = resolve_turn(scenario, state, orders)
    for move, members in ((pledge, everyone), (screening, screeners)):
        (proposal,) = [p for p in state.proposals if p.move == move]
        assert set(proposal.members) == members
    state, _ = resolve_turn(scenario, state, ai_orders(scenario, state, _everyone(scenario)))
    assert set(state.coalition.pledge) == everyone
    screened = {x for m in state.measures if m.kind == "investment_screening" for x in m.members}
    assert screened >= screeners


def test_the_coalition_mends_its_cohesion_in_the_last_quarters(scenario: Scenario) -> None:
    """Cohesion is scored as it stands at the end: with cohesion at 80, governments order
    coalition diplomacy in the last quarters, not in mid-game (where 80 is fine)."""
    mend = roles(scenario).mend_coalition[0]
    late = set_coalition(_played(scenario, scenario.turns - 3), cohesion=80.0)
    assert any(mend in _moves(scenario, late, a.id) for a in scenario.allies)
    middle = set_coalition(_played(scenario, 4), cohesion=80.0)
    assert not any(mend in _moves(scenario, middle, a.id) for a in scenario.allies)


def test_a_fraying_coalition_is_mended_at_any_time(scenario: Scenario) -> None:
    mend = roles(scenario).mend_coalition[0]
    middle = set_coalition(_played(scenario, 4), cohesion=50.0)
    assert any(mend in _moves(scenario, middle, a.id) for a in scenario.allies)


def test_research_comes_first_while_its_whole_return_still_lands() -> None:
    """On a six-quarter scenario, directed research pays over the five quarters after it is
    ordered: every government orders it in one of the first two quarters, before the
    joint agenda (left behind it, research never came in so short a game); and no
    government orders research whose return would land after the last quarter."""
    seminar = load(scenario_path("seminar-short"))
    research = roles(seminar).research[0]
    opening = [
        o
        for state in (_played(seminar, 0), _played(seminar, 1))
        for o in ai_orders(seminar, state, _everyone(seminar))
    ]
    assert {o.ally for o in opening if o.move == research} == {a.id for a in seminar.allies}
    last = _played(seminar, seminar.turns - 1)
    assert not any(research in _moves(seminar, last, a.id) for a in seminar.allies)


@pytest.mark.parametrize(("above", "relieved"), [(0.5, False), (2.0, True)])
def test_worker_transition_waits_until_strain_costs_a_point_of_resolve_a_quarter(
    scenario: Scenario, above: float, relieved: bool
) -> None:
    """Strain above the safe level erodes resolve by ``strain_erosion`` a point a quarter: a
    government orders worker transition once the erosion reaches a point a quarter (``above``
    counts in such points), not for a fraction of a point."""
    transition = roles(scenario).relieve_strain[0]
    tuning = scenario.tuning
    state = _played(scenario, 4)
    ally = next(
        a.id
        for a in scenario.allies
        if transition not in _moves(scenario, set_ally(state, a.id, strain=30.0), a.id)
        and transition in _moves(scenario, set_ally(state, a.id, strain=70.0), a.id)
    )
    state = set_ally(state, ally, strain=tuning.strain_safe + above / tuning.strain_erosion)
    assert (transition in _moves(scenario, state, ally)) is relieved


def test_coordinated_is_deterministic_and_legal_from_any_position(scenario: Scenario) -> None:
    state = _played(scenario, 3, seed=5)
    for a in scenario.allies:
        first = coordinated(scenario, state, a.id)
        assert first == coordinated(scenario, state, a.id)
        assert all(isinstance(o, Order) and o.ally == a.id for o in first)
