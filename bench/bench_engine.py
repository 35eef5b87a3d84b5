"""Time whole default games with AI allies, on one core.

Plays N games (default 300) of the default scenario at normal difficulty with all six
allies on one policy, for each of ``coordinated``, ``unilateral``, ``passive`` and
``random``, and reports the mean wall time per game, games per second, the time spent in
``resolve_turn`` alone (the engine, without the policies' own decision time) and the CPU
time. Each policy is timed in two modes: ``explain on`` builds and keeps every event, as
the TUI and the demo play (``play_game(..., keep_events=True)``); ``explain off`` builds
none, as the simulator plays (``keep_events=False``, the engine's ``explain=False``).
Run it from the repository root::

    .venv/bin/python bench/bench_engine.py [--games N] [--repeat R] [--policies a,b,...]

Each measurement is repeated R times (default 3) and the fastest run is reported, which
filters out noise from other processes and a virtual machine's neighbours.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.ai.policies import policy  # noqa: E402
from game.engine.loader import load_scenario  # noqa: E402
from game.engine.scenario import Scenario  # noqa: E402
from game.engine.turn import new_game, resolve_turn  # noqa: E402
from game.scenarios import DEFAULT_SCENARIO, scenario_path  # noqa: E402
from game.sim.play import ai_orders, play_game  # noqa: E402

POLICIES = ("coordinated", "unilateral", "passive", "random")
DIFFICULTY = "normal"


def pin_to_one_core() -> str:
    """Run on a single CPU where the platform allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def time_games(
    scenario: Scenario, policies: dict, games: int, seed0: int, explain: bool
) -> tuple[float, float]:
    """Wall and CPU seconds for ``games`` calls of play_game (events kept iff ``explain``)."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for seed in range(seed0, seed0 + games):
        play_game(scenario, seed, DIFFICULTY, policies, keep_events=explain)
    return time.perf_counter() - wall0, time.process_time() - cpu0


def time_split(
    scenario: Scenario, policies: dict, games: int, seed0: int, explain: bool
) -> tuple[float, float, int]:
    """Seconds in resolve_turn (plus new_game) and in the policies, and turns played."""
    engine = decide = 0.0
    turns = 0
    clock = time.perf_counter
    for seed in range(seed0, seed0 + games):
        t0 = clock()
        state, _ = new_game(scenario, seed, DIFFICULTY, explain=explain)
        engine += clock() - t0
        while not state.over:
            t0 = clock()
            orders = ai_orders(scenario, state, policies)
            t1 = clock()
            state, _ = resolve_turn(scenario, state, orders, explain=explain)
            t2 = clock()
            decide += t1 - t0
            engine += t2 - t1
            turns += 1
    return engine, decide, turns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=300, help="games per policy (300)")
    parser.add_argument("--seed", type=int, default=0, help="first seed (0)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest counts (3)")
    parser.add_argument("--policies", default=",".join(POLICIES), help="comma-separated")
    parser.add_argument(
        "--modes", default="on,off", help="explain modes to time: on, off or on,off (both)"
    )
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",")]
    if not modes or any(m not in ("on", "off") for m in modes):
        parser.error("--modes takes on, off or on,off")

    pinned = pin_to_one_core()
    scenario = load_scenario(scenario_path(DEFAULT_SCENARIO))
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {pinned}; {args.games} games per policy, "
        f"{len(scenario.allies)} allies, {scenario.turns} turns, difficulty {DIFFICULTY}, "
        f"best of {args.repeat} runs"
    )
    header = (
        f"{'policy':<12} {'explain':>7} {'ms/game':>8} {'games/s':>8} {'cpu ms':>7} "
        f"{'engine ms':>9} {'policy ms':>9} {'turns':>6}"
    )
    print(header)
    print("-" * len(header))
    for name in args.policies.split(","):
        pol = policy(name)
        policies = {a.id: pol for a in scenario.allies}
        for mode in modes:
            explain = mode == "on"
            play_game(scenario, args.seed, DIFFICULTY, policies, keep_events=explain)  # warm up
            gc.collect()
            runs = range(args.repeat)
            wall, cpu = min(
                time_games(scenario, policies, args.games, args.seed, explain) for _ in runs
            )
            engine, decide, turns = min(
                time_split(scenario, policies, args.games, args.seed, explain) for _ in runs
            )
            n = args.games
            print(
                f"{name:<12} {mode:>7} {1000 * wall / n:8.2f} {n / wall:8.0f} "
                f"{1000 * cpu / n:7.2f} {1000 * engine / n:9.2f} {1000 * decide / n:9.2f} "
                f"{turns / n:6.1f}"
            )
    print(
        "explain on: events built and kept (as the TUI plays); off: no events (as the "
        "simulator plays).\nms/game: wall time of play_game; cpu ms: process CPU time per game; "
        "engine ms: new_game + resolve_turn per game; policy ms: the policies' decisions per "
        "game."
    )


if __name__ == "__main__":
    main()
