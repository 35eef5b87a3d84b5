"""The figures a player can chart or ask "why" about, read from game states."""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from game.engine import GameState, Scenario


@frozen
class Figure:
    """One figure of one subject (an ally id, ``china`` or ``coalition``)."""

    subject: str
    var: str  # the delta label used in events, e.g. "resolve" or "tech.semiconductors"
    label: str
    read: Callable[[GameState], float]


def _ally_reader(ally: str, attr: str, index: int | None = None) -> Callable[[GameState], float]:
    def read(state: GameState) -> float:
        a = state.ally(ally)
        value = getattr(a, attr)
        return float(value[index]) if index is not None else float(value)

    return read


def _output_gap(ally: str) -> Callable[[GameState], float]:
    def read(state: GameState) -> float:
        a = state.ally(ally)
        return 100.0 * (a.output / a.baseline - 1.0)

    return read


def _china_reader(attr: str, index: int | None = None) -> Callable[[GameState], float]:
    def read(state: GameState) -> float:
        value = getattr(state.china, attr)
        return float(value[index]) if index is not None else float(value)

    return read


def _coalition_reader(attr: str) -> Callable[[GameState], float]:
    def read(state: GameState) -> float:
        return float(getattr(state.coalition, attr))

    return read


def figures(scenario: Scenario) -> list[Figure]:
    """Every chartable figure: per ally, China's and the coalition's."""
    out: list[Figure] = []
    for spec in scenario.allies:
        a = spec.id
        out.append(Figure(a, "output", "output against baseline (%)", _output_gap(a)))
        for attr, label in (
            ("resolve", "resolve"),
            ("alignment", "business alignment"),
            ("strain", "legacy-industry strain"),
            ("digital_exposure", "digital exposure"),
            ("treasury", "treasury"),
            ("defiance", "defiance (as China reads it)"),
        ):
            out.append(Figure(a, attr, label, _ally_reader(a, attr)))
        for i, d in enumerate(scenario.domains):
            out.append(Figure(a, f"tech.{d.id}", f"tech: {d.name}", _ally_reader(a, "tech", i)))
    for attr, label in (
        ("capacity", "coercion capacity"),
        ("escalation", "escalation"),
        ("backlash", "backlash"),
        ("fusion", "civil-military fusion"),
        ("leverage", "leverage over the allies"),
    ):
        out.append(Figure("china", attr, label, _china_reader(attr)))
    for i, d in enumerate(scenario.domains):
        out.append(Figure("china", f"tech.{d.id}", f"tech: {d.name}", _china_reader("tech", i)))
    for attr, label in (("cohesion", "cohesion"), ("standards", "standards leadership")):
        out.append(Figure("coalition", attr, label, _coalition_reader(attr)))
    return out


def subject_name(scenario: Scenario, subject: str) -> str:
    """The display name of an ally id, ``china`` or ``coalition``."""
    for a in scenario.allies:
        if a.id == subject:
            return a.name
    return {"china": "China", "coalition": "The coalition"}.get(subject, subject)
