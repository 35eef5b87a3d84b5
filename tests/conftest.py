"""Shared fixtures and helpers for the rules-engine tests.

The tests assert *relative* behaviour (more, less, in bounds, monotone), never tuned figures:
coefficients in the scenario and in ``game.engine.tuning`` are expected to change.

Helpers build modified scenarios and positions with :func:`attrs.evolve` (every scenario and
state class is frozen). Test modules import them with ``from conftest import ...``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
import pytest
from attrs import evolve

from game.engine import (
    Condition,
    Event,
    GameState,
    Order,
    Rule,
    Scenario,
    coverage_forecast,
    new_game,
    resolve_turn,
)
from game.scenarios import load, scenario_path

DEFAULT = "collective-resilience"


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def quick_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's idle check in 5 ms slices instead of 20 ms, for the long TUI tests.

    After each key, Pilot waits until the process used under 5% of a CPU over one slice
    (textual._wait.wait_for_idle, twice per key); with 20 ms slices that floor is most of a
    key's time. The criterion (5%) is unchanged, only the slice is shorter. Pinned textual:
    the names are checked, so an upgrade that renames them fails here rather than silently.
    """
    import textual._wait as wait

    assert wait.SLEEP_GRANULARITY == 1 / 50 and wait.SLEEP_IDLE == wait.SLEEP_GRANULARITY / 20
    monkeypatch.setattr(wait, "SLEEP_GRANULARITY", 0.005)
    monkeypatch.setattr(wait, "SLEEP_IDLE", 0.005 / 20)


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    """The default shipped scenario, loaded once."""
    return load(scenario_path(DEFAULT))


@pytest.fixture(scope="session")
def scenario_text() -> str:
    """The TOML text of the default scenario, for malformed-file tests."""
    return Path(scenario_path(DEFAULT)).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def quiet_scenario(scenario: Scenario) -> Scenario:
    """The default scenario with China's doctrine and every scripted and deck event removed, so
    one mechanic can be watched without coercion or news getting in the way."""
    return quiet(scenario)


# -- modified scenarios ---------------------------------------------------------------------


def quiet(scenario: Scenario) -> Scenario:
    """No doctrine rules (base or difficulty), no scripted or deck events."""
    return evolve(
        scenario,
        events=(),
        deck_chance=0.0,
        china=evolve(scenario.china, doctrine=()),
        difficulties=tuple(evolve(d, rules=()) for d in scenario.difficulties),
    )


def with_doctrine(scenario: Scenario, *rules: Rule) -> Scenario:
    """A quiet scenario whose doctrine is exactly ``rules``."""
    q = quiet(scenario)
    return evolve(q, china=evolve(q.china, doctrine=tuple(rules)))


def rule(
    selector: str,
    tool: str,
    *conditions: tuple[str, str, float],
    rule_id: str = "test-rule",
    chance: float = 1.0,
    intensity: float = 1.0,
) -> Rule:
    """A doctrine rule built in the test, so it does not depend on the shipped doctrine's
    thresholds: ``rule("most_defiant", "informal-boycott", ("target.defiance", ">=", 1))``."""
    return Rule(
        id=rule_id,
        description=f"test rule: {tool} against the {selector.replace('_', ' ')} ally",
        conditions=tuple(Condition(v, op, float(x)) for v, op, x in conditions),
        selector=selector,
        tool=tool,
        intensity=intensity,
        cost=1,
        chance=chance,
    )


def with_move(scenario: Scenario, move_id: str, **changes: object) -> Scenario:
    """The scenario with one move of the catalogue changed."""
    scenario.move(move_id)  # KeyError early if the move is gone
    moves = tuple(evolve(m, **changes) if m.id == move_id else m for m in scenario.moves)
    return evolve(scenario, moves=moves)


# -- modified positions ---------------------------------------------------------------------


def set_ally(state: GameState, ally_id: str, **changes: object) -> GameState:
    """The position with one ally's figures changed."""
    state.ally(ally_id)  # KeyError early
    allies = tuple(evolve(a, **changes) if a.id == ally_id else a for a in state.allies)
    return evolve(state, allies=allies)


def set_sector(
    state: GameState, scenario: Scenario, ally_id: str, var: str, sector: str, value: float
) -> GameState:
    """The position with one per-sector figure of one ally changed."""
    i = scenario.sector_index(sector)
    values = list(getattr(state.ally(ally_id), var))
    values[i] = value
    return set_ally(state, ally_id, **{var: tuple(values)})


def set_china(state: GameState, **changes: object) -> GameState:
    """The position with China's figures changed."""
    return evolve(state, china=evolve(state.china, **changes))


def set_coalition(state: GameState, **changes: object) -> GameState:
    """The position with the coalition's figures changed."""
    return evolve(state, coalition=evolve(state.coalition, **changes))


# -- playing --------------------------------------------------------------------------------


def start(scenario: Scenario, seed: int = 1, difficulty: str = "normal") -> GameState:
    """A new game's starting position."""
    state, _ = new_game(scenario, seed, difficulty)
    return state


def step(
    scenario: Scenario, state: GameState, orders: Sequence[Order] = ()
) -> tuple[GameState, list[Event]]:
    """Resolve one turn."""
    return resolve_turn(scenario, state, list(orders))


def run(
    scenario: Scenario,
    state: GameState,
    turns: int,
    orders: dict[int, Sequence[Order]] | None = None,
) -> list[GameState]:
    """Resolve up to ``turns`` turns (fewer if the game ends); ``orders`` maps a turn number to
    that turn's orders. Return the position after each resolved turn."""
    out = []
    for _ in range(turns):
        if state.over:
            break
        state, _ = resolve_turn(scenario, state, list((orders or {}).get(state.turn, ())))
        out.append(state)
    return out


def coverage_now(scenario: Scenario, state: GameState, domain: int) -> float:
    """Export-control coverage of a domain's world supply in a position (public API)."""
    return coverage_forecast(scenario, state, scenario.allies[0].id)[domain].now


def change(events: Sequence[Event], subject: str, var: str) -> float:
    """Net change of one figure over a list of events (from their deltas)."""
    return sum(d.change for e in events for d in e.deltas if d.subject == subject and d.var == var)


def floats(obj: object, path: str = "state") -> Iterator[tuple[str, float]]:
    """Every float inside an attrs object, tuple or list, with its path (for NaN hunting)."""
    if attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            yield from floats(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple | list):
        for i, x in enumerate(obj):
            yield from floats(x, f"{path}[{i}]")
    elif isinstance(obj, float):
        yield path, obj


def non_finite(obj: object) -> list[str]:
    """Paths of every NaN or infinite float inside ``obj``."""
    return [p for p, v in floats(obj) if not math.isfinite(v)]


# -- order ------------------------------------------------------------------------------------

# The tests that take several seconds each (measured: CPU plus the time Pilot waits for the
# app to settle), started first: pytest-xdist (`make test` runs with --dist worksteal) then
# shares out the many short tests behind them, so the workers finish together instead of one
# running a long test alone at the end. Only the order changes; a test missing from the list
# just runs in its usual place.
SLOW_FIRST = (
    "tests/test_tui.py::test_a_full_solo_game_through_the_interface_reaches_the_end_screen",
    "tests/test_monkey.py::test_random_keys_with_resizes_down_to_20x5_raise_nothing",
    "tests/test_monkey.py::",
    "tests/test_saves.py::test_save_then_load_at_every_turn_gives_an_equal_state",
    "tests/test_hostile_tui.py::test_every_screen_shows_hostile_text_escaped_and_nothing_crashes",
    "tests/test_seminar.py::test_a_seminar_of_three_turns_replays_and_exports",
    "tests/test_tui.py::test_pass_and_play_hides_each_teams_orders_from_the_next",
    "tests/test_packaging.py::",
    "tests/test_lab.py::test_stress_does_not_flag_visa_screening_aimed_at_one_domain",
    "tests/test_authoring.py::test_mutated_scenarios_give_a_clean_error_naming_the_key",
    "tests/test_corpus.py::",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the slow tests first, in SLOW_FIRST's order (longest first); the rest keep theirs."""

    def rank(item: pytest.Item) -> int:
        for n, prefix in enumerate(SLOW_FIRST):
            if item.nodeid.startswith(prefix):
                return n
        return len(SLOW_FIRST)

    items.sort(key=rank)
