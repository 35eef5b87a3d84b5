"""Scenarios for testing that AI policies read what moves do: the default scenario with every
id renamed, and the default world with a catalogue of moves written from scratch."""

from __future__ import annotations

import attrs

from game.engine import Scenario, build_scenario, scenario_data
from game.scenarios import DEFAULT_SCENARIO, RESOLVER, scenario_path


def renamed(scenario: Scenario) -> tuple[Scenario, dict[str, str]]:
    """The scenario with every move, tool and doctrine rule given a fresh id (references
    between them follow), and the map from new move ids to old."""
    # Letters, not numbers: the coordinated policy rotates who proposes a joint move by the
    # sum of its id's characters, and "m06" and "m15" would always fall to the same proposer.
    moves = {m.id: f"m{chr(ord('a') + k)}" for k, m in enumerate(scenario.moves)}
    tools = {t.id: f"t{k:02d}" for k, t in enumerate(scenario.tools)}
    rule_ids = [r.id for r in scenario.china.doctrine] + [
        r.id for d in scenario.difficulties for r in d.rules
    ]
    rules = {old: f"r{k:02d}" for k, old in enumerate(dict.fromkeys(rule_ids))}

    def rule(r):  # type: ignore[no-untyped-def]
        return attrs.evolve(
            r, id=rules[r.id], tool=tools[r.tool], before=r.before and rules.get(r.before)
        )

    fresh = attrs.evolve(
        scenario,
        moves=tuple(attrs.evolve(m, id=moves[m.id]) for m in scenario.moves),
        tools=tuple(
            attrs.evolve(t, id=tools[t.id], answers=tuple(moves[m] for m in t.answers))
            for t in scenario.tools
        ),
        china=attrs.evolve(
            scenario.china, doctrine=tuple(rule(r) for r in scenario.china.doctrine)
        ),
        difficulties=tuple(
            attrs.evolve(d, rules=tuple(rule(r) for r in d.rules)) for d in scenario.difficulties
        ),
    )
    return fresh, {new: old for old, new in moves.items()}


def _move(id: str, line: str, effects: list[dict], **extra: object) -> dict:
    return {
        "id": id,
        "name": id.replace("-", " ").title(),
        "line": line,
        "description": f"A custom move: {id}.",
        "source": "test",
        "pc": 1,
        "budget": 1,
        "effects": effects,
        **extra,
    }


CUSTOM_MOVES = [
    _move(
        "mutual-aid-pact",
        "defensive",
        [
            {"who": "coalition", "var": "cohesion", "amount": 1.5, "scale": "members"},
            {"who": "self", "var": "resolve", "amount": 3},
        ],
        joint=True,
        measure="pledge",
    ),
    _move(
        "tech-denial-regime",
        "defensive",
        [{"who": "china", "var": "fusion", "amount": -2, "scale": "coverage"}],
        target="domain",
        joint=True,
        measure="export_control",
        duration=4,
        defiance=10,
        budget=0,
    ),
    _move(
        "full-exit",
        "defensive",
        [
            {"who": "self", "var": "export_exposure", "amount": -0.8, "scale": "exposure"},
            {"who": "self", "var": "import_dependence", "amount": -0.8, "scale": "dependence"},
            {"who": "self", "var": "strain", "amount": 5},
        ],
        target="sector",
        pc=2,
        budget=2,
        defiance=10,
    ),
    _move(
        "civic-campaign",
        "offensive",
        [{"who": "self", "var": "resolve", "amount": 5}],
        budget=0.5,
        cooldown=1,
    ),
    _move(
        "lab-grants",
        "offensive",
        [{"who": "self", "var": "tech", "amount": 2, "scale": "members", "delay": 2, "turns": 2}],
        target="domain",
        joint=True,
        budget=2,
        cooldown=1,
    ),
    _move(
        "visa-vetting",
        "defensive",
        [
            {"who": "china", "var": "fusion", "amount": -2},
            {"who": "self", "var": "talent", "amount": -0.5},
        ],
        cooldown=2,
    ),
]


def custom(without: tuple[str, ...] = ()) -> Scenario:
    """The default world with a catalogue of moves written from scratch (none of the
    default's ids), less ``without``."""
    data = scenario_data(scenario_path(DEFAULT_SCENARIO), RESOLVER)
    data["moves"] = [m for m in CUSTOM_MOVES if m["id"] not in without]
    for tool in data["tools"]:  # the default's answers to China's signals are gone too
        tool.pop("answers", None)
    return build_scenario(data, "custom.toml")
