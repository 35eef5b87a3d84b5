"""One timed run of one tree's engine, for ``bench_engine.py --against`` (not run by hand).

``bench_engine.py --against COMMIT`` starts this script once per side and repeat with
``PYTHONPATH=<tree>`` (the working tree, or COMMIT exported to a temporary folder) and
``RESILIENCE_PURE=1``. It pins itself to the CPU it is given, imports that tree's ``game``
package from source, plays one untimed warm-up game, then times ``--games`` games and prints
one JSON line: wall and CPU seconds, final turns, the final scores (to check that both sides
played the same games) and where every ``game`` module came from. It exits with an error if
any ``game`` module came from outside the tree or from a compiled extension (``*.so``) when
``--require-pure`` is given.

Only :func:`engine_api` knows the engine's API, so that the same script drives the engine of
commit 9deb29d and the engine v2 of the rewrite (issue 9); adapt it there, and only there,
when the API changes.
"""

from __future__ import annotations

import argparse
import gc
import importlib.machinery
import inspect
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def engine_api() -> tuple[Callable[[Path], Any], Callable[..., Any], Callable[[Any], Any]]:
    """(load a scenario file, play one game, the score of a final state) for this tree.

    Tries the public API of engine v2 first (``game.engine.load_scenario``), then the
    modules of commit 9deb29d (``game.engine.loader``). A game is played as the simulator
    plays it: ``game.sim.play.play_game(scenario, seed, difficulty, policies,
    keep_events=...)`` (engine v2 may call the flag ``explain``), with every ally on
    ``game.ai.policies.policy(name)``.
    """
    try:
        from game.engine import load_scenario  # engine v2: the public API
    except ImportError:
        from game.engine.loader import load_scenario  # commit 9deb29d
    from game.ai.policies import policy
    from game.sim.play import play_game

    flag = "keep_events" if "keep_events" in inspect.signature(play_game).parameters else "explain"

    def play(scenario: Any, seed: int, difficulty: str, policy_name: str, events: bool) -> Any:
        pol = policy(policy_name)
        policies = {a.id: pol for a in scenario.allies}
        state, _ = play_game(scenario, seed, difficulty, policies, **{flag: events})
        return state

    return load_scenario, play, lambda state: (state.outcome.score, state.turn)  # final turn


def module_origins(root: Path) -> tuple[list[str], list[str], list[str]]:
    """Files of the imported ``game`` modules, those outside ``root``, and every compiled
    extension module imported from ``root`` (or as part of ``game``)."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    files, outside, compiled = [], [], []
    for name, module in sorted(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not file:
            continue
        path = Path(file).resolve()
        ours = name == "game" or name.startswith("game.")
        inside = path.is_relative_to(root)
        if ours:
            files.append(str(path))
            if not inside:
                outside.append(f"{name}: {path}")
        if (ours or inside) and path.name.endswith(suffixes):
            compiled.append(f"{name}: {path}")
    return files, outside, compiled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="the tree on PYTHONPATH")
    parser.add_argument("--scenario", type=Path, required=True, help="scenario file")
    parser.add_argument("--policy", required=True)
    parser.add_argument("--difficulty", required=True)
    parser.add_argument("--games", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--events", choices=("on", "off"), required=True)
    parser.add_argument("--cpu", type=int, required=True, help="the CPU to pin to")
    parser.add_argument("--require-pure", action="store_true", help="fail on any *.so")
    args = parser.parse_args()
    root = args.root.resolve()

    os.sched_setaffinity(0, {args.cpu})
    load_scenario, play, score_of = engine_api()
    scenario = load_scenario(args.scenario)
    events = args.events == "on"

    play(scenario, args.seed, args.difficulty, args.policy, events)  # warm-up, untimed
    import game  # already imported by engine_api: only to report where from

    files, outside, compiled = module_origins(root)
    if outside or (compiled and args.require_pure):
        print(
            f"{root}: not the tree's pure-Python sources: " + "; ".join(outside + compiled),
            file=sys.stderr,
        )
        return 2

    results = []
    gc.collect()
    clock, cpu_clock = time.perf_counter, time.process_time
    wall0, cpu0 = clock(), cpu_clock()
    for seed in range(args.seed, args.seed + args.games):
        results.append(score_of(play(scenario, seed, args.difficulty, args.policy, events)))
    wall, cpu = clock() - wall0, cpu_clock() - cpu0
    json.dump(
        {
            "wall": wall,
            "cpu": cpu,
            "games": args.games,
            "turns": sum(turn for _, turn in results),
            "scores": [score for score, _ in results],
            "game_file": str(Path(game.__file__).resolve()),
            "modules": len(files),
            "compiled": compiled,
            "affinity": sorted(os.sched_getaffinity(0)),
            "python": sys.version.split()[0],
            "executable": sys.executable,
        },
        sys.stdout,
    )
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
