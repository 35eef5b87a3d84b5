"""China's doctrine as a reader sees it: a ladder that can fall, no rule repeated on the same
ally turn after turn, signals that come true, one concession chance per campaign with a
respite after it, capped intensity and tools aimed at one ally's trade."""

from __future__ import annotations

import random

import pytest
from attrs import evolve
from conftest import quiet, set_ally, set_china, set_coalition, start, step
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import GameState, Order, Scenario, legal_orders, new_game, resolve_turn
from game.scenarios import load, scenario_path


def _random_game(scenario: Scenario, seed: int, difficulty: str) -> list[GameState]:
    """A whole game of random legal orders (the seed picks them)."""
    pick = random.Random(seed)
    state, _ = new_game(scenario, seed, difficulty, explain=False)
    states = [state]
    while not state.over:
        orders: list[Order] = []
        for a in scenario.allies:
            options = [o.order for o in legal_orders(scenario, state, a.id)]
            if options:
                orders.append(pick.choice(options))
        try:
            state, _ = resolve_turn(scenario, state, orders, explain=False)
        except Exception:  # two orders together over budget: play the turn without them
            state, _ = resolve_turn(scenario, state, [], explain=False)
        states.append(state)
    return states


_SCENARIOS = {
    name: load(scenario_path(name)) for name in ("collective-resilience", "australia-2020")
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(_SCENARIOS)),
    seed=st.integers(0, 10_000),
    level=st.sampled_from(["measured", "assertive", "coercive", "wolf-warrior"]),
)
def test_china_never_repeats_itself_spares_conceders_caps_intensity_and_aims_tools(
    name: str, seed: int, level: str
) -> None:
    """Whatever the allies do: no rule aims at the ally it aimed at last turn; an ally that
    concedes is not coerced again in its respite; no episode bites harder than the cap; a
    tool aimed at one ally's trade is used against no other ally."""
    scenario = _SCENARIOS[name]
    states = _random_game(scenario, seed, level)
    aimed = {t.id: t.target for t in scenario.tools if t.target}
    cap = scenario.tuning.intensity_cap
    for before, after in zip(states, states[1:], strict=False):
        assert not set(after.china.acted) & set(before.china.acted)
        spared = {ally for ally, last in after.china.respite if last >= before.turn}
        assert not {ally for _, ally in after.china.acted} & spared
        for e in after.china.episodes:
            assert e.intensity <= cap + 1e-9
            if e.tool in aimed:
                assert e.ally == aimed[e.tool]
        for b, a in zip(before.allies, after.allies, strict=True):
            if a.concessions > b.concessions:
                assert a.id not in {ally for _, ally in after.china.acted}
                assert (a.id, before.turn + int(scenario.tuning.concession_respite) - 1) in (
                    after.china.respite
                )


def test_the_ladder_falls_when_coercion_backfires_and_the_coalition_holds(
    scenario: Scenario,
) -> None:
    """On a quiet turn China sheds more escalation under heavy backlash and a cohesive
    coalition than with neither; and it sheds some even when it keeps coercing."""
    q = quiet(scenario)
    base = set_china(start(q), escalation=4.0, backlash=0.0)
    base = set_coalition(base, cohesion=30.0)
    strained = set_coalition(set_china(base, backlash=60.0), cohesion=95.0)
    calm, _ = step(q, base, [])
    held, _ = step(q, strained, [])
    assert held.china.escalation < calm.china.escalation
    assert held.china.escalation < 4.0


def test_a_sticky_ladder_when_restraint_is_switched_off(scenario: Scenario) -> None:
    """The descent is the tuning's: with both restraint keys at zero the quiet turn only cools."""
    q = quiet(scenario)
    q = evolve(q, tuning=evolve(q.tuning, escalation_backlash=0.0, escalation_cohesion=0.0))
    state = set_coalition(set_china(start(q), escalation=4.0, backlash=60.0), cohesion=95.0)
    after, _ = step(q, state, [])
    expected = 4.0 + q.china.clock - q.tuning.escalation_cooling
    assert after.china.escalation == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(4))
def test_signals_come_true_when_nothing_pre_empts_them(scenario: Scenario, seed: int) -> None:
    """With no orders nothing changes between the telegraph and China's turn: every signal
    China made is carried out, on the ally it named."""
    state, _ = new_game(scenario, seed, "normal", explain=False)
    assert state.signals
    after, _ = resolve_turn(scenario, state, [], explain=False)
    assert {(s.rule, s.ally) for s in state.signals} <= set(after.china.acted)


def test_a_pre_empted_signal_does_not_act_and_says_why(scenario: Scenario) -> None:
    """China signals a punishment of a defiant ally; if that ally's defiance is gone by
    China's turn, the signalled action does not happen, and the news says it was pre-empted."""
    state = set_ally(start(scenario), "japan", defiance=60.0)
    after, _ = step(scenario, state, [])
    signal = next(s for s in after.signals if s.ally == "japan")
    calmed = set_ally(after, "japan", defiance=0.0)
    later, events = resolve_turn(scenario, calmed, [])
    assert (signal.rule, "japan") not in later.china.acted
    details = " ".join(" ".join(e.details) for e in events if e.phase == "china")
    assert "pre-empted" in details


def test_the_china_section_measures_every_table_in_markdown() -> None:
    """The balance page's China section: a heading, each table, a line of reading each."""
    from game.lab.china_stats import section

    text = section(1, 1)
    assert text.startswith("## China's behaviour")
    for heading in ("ladder", "preparing", "own rules", "Concessions", "calibrated episodes"):
        assert heading in text
    assert text.count("Reading:") == 6
    assert "| coordinated | 1 |" in text
