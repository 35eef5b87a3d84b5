"""The ablation table (game/lab/ablation.py) and the policy modifiers it plays with."""

from __future__ import annotations

import attrs
import pytest

from game.ai.policies import coordinated
from game.engine import GameError, new_game, policy_rng
from game.lab import ablation
from game.lab.specs import check, resolve
from game.scenarios import load, scenario_path

SCENARIO = load(scenario_path("collective-resilience"))


def test_every_article_point_has_an_ablation_with_a_direction() -> None:
    points = {a.point for a in ablation.ABLATIONS}
    assert points == {
        "leakage and coverage of controls",
        "solidarity against coercion",
        "the cost of decoupling",
        "business and society on board",
        "support for workers in older industries",
        "coercion following leverage",
        "telegraphed signals",
    }
    for a in ablation.ABLATIONS:
        assert a.expect in (-1, 1)
        check(a.policy, SCENARIO)
        check(a.base_policy, SCENARIO)


def test_the_section_is_a_markdown_table_with_one_line_per_row() -> None:
    rows = ablation.run(3, 1)
    assert len(rows) == len(ablation.ABLATIONS)
    text = ablation.markdown(rows, 3, "assertive (normal)")
    assert text.startswith("## ")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(rows)  # the header and one row each
    assert sum(line.startswith("- **") for line in text.splitlines()) == len(rows)
    for r in rows:
        assert r.games == 3
        assert r.passed == (r.delta * r.ablation.expect >= ablation.MARGIN)


EVERYONE = {a.id: coordinated for a in SCENARIO.allies}


def test_instead_orders_the_substitute_wherever_the_base_orders_the_move() -> None:
    state, _ = new_game(SCENARIO, 1, "normal", explain=False)
    # under high strain, coordinated orders worker transition right after the pledge and
    # screening, in the opening quarter
    allies = tuple(attrs.evolve(a, strain=60.0) if a.id == "us" else a for a in state.allies)
    state = attrs.evolve(state, allies=allies)
    base = resolve("coordinated")(SCENARIO, state, "us", policy_rng(SCENARIO, state, "us"))
    assert any(o.move == "worker-transition" for o in base)
    spec = "coordinated+instead=worker-transition:public-communication"
    swapped = resolve(spec)(SCENARIO, state, "us", policy_rng(SCENARIO, state, "us"))
    assert not any(o.move == "worker-transition" for o in swapped)
    assert any(o.move == "public-communication" for o in swapped)


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("coordinated+instead=worker-transition", "OLD:NEW"),
        ("coordinated+instead=worker-transition:no-such-move", "no move 'no-such-move'"),
        ("coordinated+ignore=china", "signals"),
    ],
)
def test_bad_modifiers_say_what_to_write(spec: str, words: str) -> None:
    with pytest.raises(GameError, match=words):
        check(spec, SCENARIO)
