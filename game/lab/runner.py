"""Playing the lab's games: the worker side, a pure function of its task.

A :class:`Job` holds the scenario's data and what to play (its variants: who plays each
government, and any scenario values changed); a task is a run of seeds. Workers (a process
pool or a Dask cluster) get the job and the seeds, build the scenario and resolve the policy
specs themselves (cached per process), and send back one :class:`GameRow` per game.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from attrs import field, frozen

from game.engine import (
    WIN_TIERS,
    GameError,
    GameState,
    IllegalOrderError,
    Order,
    Policy,
    Scenario,
    build_scenario,
    check_orders,
    new_game,
    policy_rng,
    resolve_turn,
    turns_played,
)
from game.lab.keypath import apply_overrides
from game.lab.specs import resolve, split_modifiers
from game.lab.userpolicy import is_user_spec


@frozen
class Variant:
    """One way of playing: a policy spec per government (``default`` for the rest) and
    scenario values changed by key path (a sweep's point)."""

    label: str
    policies: tuple[tuple[str, str], ...]  # (ally id or "default", spec)
    overrides: tuple[tuple[str, Any], ...] = ()

    def spec_for(self, ally_id: str) -> str:
        """The spec that plays this government."""
        specs = dict(self.policies)
        return specs.get(ally_id, specs.get("default", "coordinated"))

    def describe(self) -> str:
        """Who plays, as written on the command line (``coordinated`` or a mix)."""
        if len(self.policies) == 1 and self.policies[0][0] == "default":
            return self.policies[0][1]
        return ",".join(f"{ally}={spec}" for ally, spec in self.policies)


@frozen
class Job:
    """Everything a worker needs: the scenario's data (as ``scenario_data`` gives it), the
    difficulty, the variants, and how to treat a policy's error."""

    scenario_data: dict[str, Any] = field(eq=False, repr=False)
    scenario_name: str
    difficulty: str
    variants: tuple[Variant, ...]
    timeout: float = 10.0  # seconds a user policy may take for one decision (0: no limit)
    key: str = ""  # identifies the job in a worker's cache


@frozen
class GameRow:
    """One game's result (``error`` set when a policy failed and the game was dropped)."""

    seed: int
    variant: str
    policies: str
    difficulty: str
    tier: str
    won: bool
    score: float
    ally_scores: tuple[tuple[str, float], ...]
    turns: int
    accommodations: int
    gdp_change: float
    cohesion: float
    collapsed: bool
    moves: tuple[tuple[str, int], ...]
    error: str | None = None


class PolicyFault(GameError):
    """A policy failed: raised, returned an illegal order, or took too long."""

    def __init__(self, spec: str, seed: int, turn: int, ally: str, problem: str) -> None:
        super().__init__(
            f"policy '{spec}' (playing {ally}) failed in the game of seed {seed}, "
            f"turn {turn}: {problem}"
        )
        self.spec = spec
        self.seed = seed
        self.turn = turn
        self.problem = problem


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` where a signal can (a process's main thread on
    Unix), else check the time it took afterwards."""
    if seconds <= 0:
        yield
        return
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    start = time.perf_counter()
    yield
    if time.perf_counter() - start > seconds:
        raise _Timeout


_scenarios: dict[tuple[str, tuple[tuple[str, Any], ...]], Scenario] = {}


def scenario_of(job: Job, overrides: tuple[tuple[str, Any], ...]) -> Scenario:
    """The job's scenario with a variant's values changed (built once per process)."""
    key = (job.key or job.scenario_name, overrides)
    if key not in _scenarios:
        if len(_scenarios) > 64:
            _scenarios.clear()
        data = apply_overrides(job.scenario_data, overrides) if overrides else job.scenario_data
        _scenarios[key] = build_scenario(data, job.scenario_name)
    return _scenarios[key]


def _decide(
    spec: str,
    fn: Policy,
    guarded: bool,
    timeout: float,
    scenario: Scenario,
    state: GameState,
    ally: str,
) -> list[Order]:
    rng = policy_rng(scenario, state, ally)
    try:
        if guarded:
            with _deadline(timeout):
                got = fn(scenario, state, ally, rng)
        else:
            got = fn(scenario, state, ally, rng)
    except _Timeout:
        raise PolicyFault(
            spec, state.seed, state.turn, ally, f"took longer than {timeout:g} s"
        ) from None
    except Exception as exc:  # any error in a policy's code is reported, not a traceback
        raise PolicyFault(
            spec, state.seed, state.turn, ally, f"{type(exc).__name__}: {exc}"
        ) from None
    if not isinstance(got, list | tuple) or not all(isinstance(o, Order) for o in got):
        raise PolicyFault(spec, state.seed, state.turn, ally, "did not return a list of Order")
    if guarded:
        for o in got:
            if o.ally != ally:
                raise PolicyFault(
                    spec, state.seed, state.turn, ally, f"gave an order for '{o.ally}'"
                )
        try:
            check_orders(scenario, state, list(got))
        except IllegalOrderError as exc:
            raise PolicyFault(spec, state.seed, state.turn, ally, f"illegal order: {exc}") from None
    return list(got)


def play(
    scenario: Scenario,
    variant: Variant,
    seed: int,
    difficulty: str,
    timeout: float,
    log: list[list[Order]] | None = None,
) -> GameRow:
    """Play one game to its end; raise :class:`PolicyFault` if a policy fails. ``log``, if
    given, receives each turn's orders (to write the game as a save)."""
    players: list[tuple[str, str, Policy, bool]] = []
    for a in scenario.allies:
        spec = variant.spec_for(a.id)
        players.append((a.id, spec, resolve(spec), is_user_spec(split_modifiers(spec)[0])))
    state, _ = new_game(scenario, seed, difficulty, explain=False)
    moves: Counter[str] = Counter()
    while state.outcome is None:
        orders: list[Order] = []
        for ally, spec, fn, guarded in players:
            orders.extend(_decide(spec, fn, guarded, timeout, scenario, state, ally))
        try:
            after, _ = resolve_turn(scenario, state, orders, explain=False)
        except IllegalOrderError as exc:  # a built-in policy's order: name whose it was
            culprit = orders[exc.number - 1] if exc.number else None
            ally = culprit.ally if culprit else players[0][0]
            spec = variant.spec_for(ally)
            raise PolicyFault(spec, seed, state.turn, ally, f"illegal order: {exc}") from None
        for order in orders:
            moves[order.move] += 1
        if log is not None:
            log.append(orders)
        state = after
    o = state.outcome
    assert o is not None
    return GameRow(
        seed=seed,
        variant=variant.label,
        policies=variant.describe(),
        difficulty=difficulty,
        tier=o.tier,
        won=o.tier in WIN_TIERS,
        score=o.score,
        ally_scores=o.ally_scores,
        turns=turns_played(scenario, state),
        accommodations=sum(a.accommodated for a in state.allies),
        gdp_change=sum(100.0 * (a.output / a.baseline - 1.0) for a in state.allies)
        / len(state.allies),
        cohesion=state.coalition.cohesion,
        collapsed=o.reason.startswith("collapse"),
        moves=tuple(sorted(moves.items())),
    )


def failed_row(variant: Variant, seed: int, difficulty: str, fault: PolicyFault) -> GameRow:
    """The row of a game dropped because a policy failed."""
    return GameRow(
        seed,
        variant.label,
        variant.describe(),
        difficulty,
        "error",
        False,
        0.0,
        (),
        fault.turn,
        0,
        0.0,
        0.0,
        False,
        (),
        str(fault),
    )


def run_chunk(job: Job, first_seed: int, count: int) -> list[tuple[GameRow, ...]]:
    """Play seeds ``first_seed .. first_seed + count - 1``, every variant on each seed: one
    tuple of rows (in variant order) per seed. A policy's failure becomes an error row."""
    out: list[tuple[GameRow, ...]] = []
    for seed in range(first_seed, first_seed + count):
        rows = []
        for variant in job.variants:
            scenario = scenario_of(job, variant.overrides)
            try:
                rows.append(play(scenario, variant, seed, job.difficulty, job.timeout))
            except PolicyFault as fault:
                rows.append(failed_row(variant, seed, job.difficulty, fault))
        out.append(tuple(rows))
    return out
