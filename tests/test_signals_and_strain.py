"""Issue 15, points 1 and 4: telegraphed signals that are worth answering, and workers in older
industries whose strain weighs on resolve unless a programme relieves it. Assertions compare
two runs, never tuned numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from attrs import evolve
from conftest import rule, run, set_ally, start, step, with_doctrine

from game.ai.policies import coordinated
from game.engine import (
    Event,
    GameState,
    Order,
    Scenario,
    ScenarioError,
    Signal,
    new_game,
    policy_rng,
)
from game.scenarios import builtin_dir, load

THREAT = "threats-to-firms"
BOYCOTT = "informal-boycott"


def _signalled(scenario: Scenario, tool: str, ally: str, sector: str | None = None) -> tuple:
    """A quiet scenario whose one doctrine rule uses ``tool`` on ``ally``, and a position in
    which China has signalled exactly that action for this turn."""
    q = with_doctrine(scenario, rule("most_defiant", tool, rule_id="signalled"))
    state = evolve(start(q), signals=(Signal("signalled", tool, ally, sector, "test"),))
    return q, state


def _coercion(events: list[Event]) -> Event:
    (event,) = [e for e in events if e.kind == "coercion"]
    return event


def _intensity(events: list[Event]) -> float:
    found = re.search(r"\(intensity ([0-9.]+)\)", _coercion(events).text)
    assert found is not None
    return float(found.group(1))


def test_answering_a_signal_softens_the_blow_and_the_news_says_why(
    quiet_scenario: Scenario,
) -> None:
    """China signalled threats to Europe's firms; Europe briefs its boardrooms that quarter:
    the threat lands softer than on a government that did something else, and the news of
    China's action says it was forewarned."""
    q, state = _signalled(quiet_scenario, THREAT, "eu")
    _, answered = step(q, state, [Order("eu", "corporate-risk-briefings")])
    _, other = step(q, state, [Order("eu", "public-communication")])
    assert _intensity(answered) < _intensity(other)
    assert any("Forewarned" in d for d in _coercion(answered).details)
    assert not any("Forewarned" in d for d in _coercion(other).details)


def test_a_sector_answer_counts_only_on_the_signalled_sector(quiet_scenario: Scenario) -> None:
    """New buyers for the wrong sector do not soften a boycott signalled for another."""
    sector = "energy_resources"
    q, state = _signalled(quiet_scenario, BOYCOTT, "australia", sector)
    _, right = step(q, state, [Order("australia", "trade-diversification", sector, "propose")])
    _, wrong = step(q, state, [Order("australia", "trade-diversification", "agrifood", "propose")])
    assert _intensity(right) < _intensity(wrong)


def test_an_answer_without_a_signal_softens_nothing(quiet_scenario: Scenario) -> None:
    """Preparing is what pays: the same briefing with no signal given leaves China's action
    at full strength."""
    q, state = _signalled(quiet_scenario, THREAT, "eu")
    briefing = [Order("eu", "corporate-risk-briefings")]
    _, warned = step(q, state, briefing)
    _, unwarned = step(q, evolve(state, signals=()), briefing)
    assert _intensity(warned) < _intensity(unwarned)


def test_the_signal_tells_the_player_how_to_prepare(scenario: Scenario) -> None:
    """Each signal of a tool with answers names them in its details."""
    state, events = new_game(scenario, 1, "normal")
    signals = [e for e in events if e.kind == "signal"]
    answered = [
        (s, e) for s, e in zip(state.signals, signals, strict=True) if scenario.tool(s.tool).answers
    ]
    assert answered
    for sig, event in answered:
        first = scenario.move(scenario.tool(sig.tool).answers[0]).name
        assert any(d.startswith("Forewarned") and first in d for d in event.details)


def test_coordinated_play_answers_the_signal_against_its_government(
    quiet_scenario: Scenario,
) -> None:
    """An AI government told that China will threaten its firms briefs its boardrooms."""
    q, state = _signalled(quiet_scenario, THREAT, "eu")
    orders = coordinated(q, state, "eu", policy_rng(q, state, "eu"))
    assert "corporate-risk-briefings" in [o.move for o in orders]
    blind = evolve(state, signals=())
    assert "corporate-risk-briefings" not in [
        o.move for o in coordinated(q, blind, "eu", policy_rng(q, blind, "eu"))
    ]


def test_a_blow_aimed_at_one_ally_is_answered_alone_and_a_general_one_together(
    quiet_scenario: Scenario,
) -> None:
    """New markets against a boycott China may turn on anyone are proposed to the partners;
    against a boycott aimed at this ally's trade alone they are opened at once, alone, so no
    partner pays for a sector only this ally needs."""
    sector = quiet_scenario.sectors[0].id

    def answer(scenario: Scenario, state: GameState) -> list[tuple[str, str | None, str]]:
        orders = coordinated(scenario, state, "eu", policy_rng(scenario, state, "eu"))
        return [(o.move, o.target, o.kind) for o in orders if o.move == "trade-diversification"]

    q, state = _signalled(quiet_scenario, BOYCOTT, "eu", sector)
    assert answer(q, state) == [("trade-diversification", sector, "propose")]
    tools = tuple(evolve(t, target="eu") if t.id == BOYCOTT else t for t in q.tools)
    aimed = evolve(q, tools=tools)
    assert answer(aimed, state) == [("trade-diversification", sector, "act")]


def test_an_answer_must_be_a_move_of_the_catalogue(tmp_path: Path) -> None:
    """A tool's answers name moves; a misspelt one is reported with the key and a
    suggestion."""
    text = (builtin_dir() / "collective-resilience.toml").read_text(encoding="utf-8")
    given = 'answers = ["corporate-risk-briefings"]'
    assert given in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(given, 'answers = ["corporate-risk-briefing"]'), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load(bad)
    message = str(err.value)
    assert "answers" in message and "did you mean 'corporate-risk-briefings'" in message


def test_removing_a_move_also_removes_it_from_the_answers(tmp_path: Path) -> None:
    """A scenario that extends the default and removes a move still loads: the move no
    longer answers any signal."""
    child = tmp_path / "no-briefings.toml"
    child.write_text(
        'extends = "collective-resilience"\n\n[scenario]\nid = "no-briefings"\n\n'
        '[remove]\nmoves = ["corporate-risk-briefings"]\n',
        encoding="utf-8",
    )
    scenario = load(child)
    assert all("corporate-risk-briefings" not in t.answers for t in scenario.tools)
    assert scenario.tool(THREAT).answers == ()


# -- workers in older industries ------------------------------------------------------------


def _resolve_after(scenario: Scenario, state: GameState, ally: str, move: str | None) -> float:
    orders = {1: [Order(ally, move)]} if move else {}
    return run(scenario, state, 3, orders)[-1].ally(ally).resolve


def test_neglected_strain_erodes_resolve(quiet_scenario: Scenario) -> None:
    """Over three quarters, a government whose workers are under high strain loses resolve
    that one whose workers are not keeps."""
    s0 = start(quiet_scenario)
    strained = set_ally(s0, "japan", strain=75.0)
    calm = set_ally(s0, "japan", strain=0.0)
    assert _resolve_after(quiet_scenario, strained, "japan", None) < _resolve_after(
        quiet_scenario, calm, "japan", None
    )


def test_under_high_strain_the_real_remedy_beats_the_cosmetic_one(
    quiet_scenario: Scenario,
) -> None:
    """Retraining and regional support relieve strain from the quarter they start, so three
    quarters on the government has more resolve than one that only explained the stakes to
    the public (a boost that does not touch the cause)."""
    strained = set_ally(start(quiet_scenario), "eu", strain=75.0)
    remedy = _resolve_after(quiet_scenario, strained, "eu", "worker-transition")
    cosmetic = _resolve_after(quiet_scenario, strained, "eu", "public-communication")
    assert remedy > cosmetic
    relieved = run(quiet_scenario, strained, 1, {1: [Order("eu", "worker-transition")]})
    assert relieved[0].ally("eu").strain < strained.ally("eu").strain
