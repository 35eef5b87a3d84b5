"""Words and figures a player reads: possessives, no negative zero, China's reasons as
sentences whose rounded figures agree with their comparisons, a reason for every failed or
backfired grade, tips that name what blunts the signalled tool."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from game.engine import CONDITION_OPS, RAW_RULE, compare, possessive
from game.engine.reasons import figure_pair, repeated  # the engine's own helpers, tested directly
from game.scenarios import builtin_dir, load
from game.session import Session
from game.tui.counters import counters
from game.tui.numbers import num

DEFAULT = builtin_dir() / "collective-resilience.toml"


def test_possessives() -> None:
    assert possessive("Japan") == "Japan's"
    assert possessive("United States") == "United States'"
    assert possessive("Coalition") == "Coalition's"


def test_an_ally_passed_over_for_a_repeat_is_told_which_rule_it_met() -> None:
    """The rule's name reads as a name, as in "Press boardrooms did not fire"."""
    assert repeated("warn-the-defiant", "quarter") == (
        "Warn the defiant was aimed at it last quarter"
    )


def test_no_negative_zero() -> None:
    assert num(-0.0) == "0.00"
    assert num(-0.004) == "0.00"
    assert num(-0.004, signed=True) == "0.00"
    assert num(0.004, 1, signed=True) == "0.0"
    assert num(-0.16) == "-0.16"
    assert num(0.09, signed=True) == "+0.09"


@given(
    st.floats(-200, 200, allow_nan=False),
    st.sampled_from(CONDITION_OPS),
    st.floats(-200, 200, allow_nan=False),
)
def test_rounded_figures_keep_their_comparison(value: float, op: str, threshold: float) -> None:
    """As written, ``51.6 below 52``: the shown figures compare as the true ones do."""
    v, t = figure_pair(value, op, threshold)
    if abs(value - threshold) > 1e-4:
        assert compare(op, float(v), float(t)) == compare(op, value, threshold), (v, op, t)


def _hawkish_events(policy: str = "coordinated") -> list:
    session = Session.start(load(DEFAULT), 7, "wolf-warrior", ("us",), ai_policy=policy)
    for _ in range(8):
        if not session.state.over:
            session.resolve()
    return session.all_events()


_COST = re.compile(
    r"([\d.]+)% of output lost \(([\d.]+)% struck, less ([\d.]+)% sold elsewhere"
    r"(?: and ([\d.]+)% absorbed by the pledge)?\)"
)


def test_a_blows_cost_adds_up_as_printed() -> None:
    """What a coercion episode cost a target reads as sums: what it struck, less what was
    sold elsewhere and what the pledge absorbed, is what was lost."""
    costs = [e.text for e in _hawkish_events() if e.kind == "coercion_cost"]
    sums = [m for m in map(_COST.search, costs) if m]
    assert sums and any(m.group(4) for m in sums)
    for m in sums:
        lost, struck, sold, absorbed = (float(x or 0) for x in m.groups())
        assert round(struck - sold - absorbed, 2) == lost, m.group(0)


_SENTENCE = re.compile(r"is (-?[\d.]+), (not )?(below|at most|above|at least|exactly) (-?[\d.]+)")
_WORDS = {"below": "<", "at most": "<=", "above": ">", "at least": ">=", "exactly": "=="}


def test_chinas_reasons_are_sentences_that_agree_with_their_figures() -> None:
    coercions = [e for e in _hawkish_events() if e.kind == "coercion"]
    assert coercions
    for e in coercions:
        why = next(d for d in e.details if d.startswith("Why: "))
        assert "target." not in why and " < " not in why and "scores" not in why, why
        assert why.endswith(".")
        for line in e.details:
            if line.startswith(RAW_RULE):
                continue  # the rule as written, shown on request
            for value, negated, words, threshold in _SENTENCE.findall(line):
                holds = compare(_WORDS[words], float(value), float(threshold))
                assert holds != bool(negated), line
        assert any(d.startswith(RAW_RULE) for d in e.details)  # the raw rule, one key away


def test_every_failed_or_backfired_grade_says_why() -> None:
    events = _hawkish_events("unilateral") + _hawkish_events("random")
    graded = [e for e in events if e.grade in ("failed", "backfired")]
    assert graded
    for e in graded:
        assert any(d.startswith("Why it fell short: ") for d in e.details), e
        if e.grade == "backfired":
            assert any(d.startswith("It backfired: ") for d in e.details), e


def test_tips_name_what_blunts_the_signalled_tool() -> None:
    scenario = load(DEFAULT)
    tools = {t.id: t for t in scenario.tools}
    assert counters(scenario, tools["tech-acquisition"]) == ["Investment screening"]
    inputs = counters(scenario, tools["critical-input-limits"])
    assert "Strategic stockpile" in inputs and "Investment screening" not in inputs
    assert "Exclude untrusted 5G vendors" in counters(scenario, tools["digital-leverage"])
