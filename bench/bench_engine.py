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

Side by side with another commit (issue 9: engine v2 must be no slower than the pure-Python
engine of 9deb29d)::

    .venv/bin/python bench/bench_engine.py --against 9deb29d [--games N] [--repeat R]

exports COMMIT with ``git archive`` to a temporary folder and times the engine of this
working tree (A) and COMMIT's engine (B) on the same workload (scenario
collective-resilience, difficulty normal, seeds ``--seed``.., all six allies on one policy,
events off unless ``--modes`` says otherwise), each run in its own child process
(bench/engine_child.py) with ``PYTHONPATH=<tree>`` and ``RESILIENCE_PURE=1``, importing that
tree's ``game`` package from source (the child fails if any ``game`` module comes from
elsewhere; COMMIT's side also fails on any compiled ``*.so``), pinned to the same CPU. Runs
alternate A, B, A, B, ... R times (default 5) so machine noise hits both alike; the table
gives the fastest run per side, the ratio A/B (below 1: this tree is faster) and whether
both sides played the same games (same final scores). The temporary tree is removed at the
end.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the working tree this script belongs to
CHILD = Path(__file__).resolve().parent / "engine_child.py"
POLICIES = ("coordinated", "unilateral", "passive", "random")
DIFFICULTY = "normal"
SCENARIO = "collective-resilience"  # the default scenario, in every tree's scenarios/


def engine_here() -> SimpleNamespace:
    """This tree's engine, imported in this process (not by ``--against``, which imports
    nothing from ``game`` here, so that it keeps working whatever the engine's API)."""
    sys.path.insert(0, str(ROOT))
    from game.ai.policies import policy
    from game.engine import new_game, resolve_turn
    from game.scenarios import DEFAULT_SCENARIO, load, scenario_path
    from game.sim.play import ai_orders, play_game

    return SimpleNamespace(
        policy=policy,
        load_scenario=load,
        new_game=new_game,
        resolve_turn=resolve_turn,
        DEFAULT_SCENARIO=DEFAULT_SCENARIO,
        scenario_path=scenario_path,
        ai_orders=ai_orders,
        play_game=play_game,
    )


def pin_to_one_core() -> str:
    """Run on a single CPU where the platform allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def time_games(
    eng: SimpleNamespace, scenario: Any, policies: dict, games: int, seed0: int, explain: bool
) -> tuple[float, float]:
    """Wall and CPU seconds for ``games`` calls of play_game (events kept iff ``explain``)."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for seed in range(seed0, seed0 + games):
        eng.play_game(scenario, seed, DIFFICULTY, policies, keep_events=explain)
    return time.perf_counter() - wall0, time.process_time() - cpu0


def time_split(
    eng: SimpleNamespace, scenario: Any, policies: dict, games: int, seed0: int, explain: bool
) -> tuple[float, float, int]:
    """Seconds in resolve_turn (plus new_game) and in the policies, and turns played."""
    engine = decide = 0.0
    turns = 0
    clock = time.perf_counter
    for seed in range(seed0, seed0 + games):
        t0 = clock()
        state, _ = eng.new_game(scenario, seed, DIFFICULTY, explain=explain)
        engine += clock() - t0
        while not state.over:
            t0 = clock()
            orders = eng.ai_orders(scenario, state, policies)
            t1 = clock()
            state, _ = eng.resolve_turn(scenario, state, orders, explain=explain)
            t2 = clock()
            decide += t1 - t0
            engine += t2 - t1
            turns += 1
    return engine, decide, turns


def run_here(args: argparse.Namespace, modes: list[str]) -> None:
    """The in-process benchmark of this tree's engine (without ``--against``)."""
    eng = engine_here()
    pinned = pin_to_one_core()
    scenario = eng.load_scenario(eng.scenario_path(eng.DEFAULT_SCENARIO))
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
        pol = eng.policy(name)
        policies = {a.id: pol for a in scenario.allies}
        for mode in modes:
            explain = mode == "on"
            eng.play_game(scenario, args.seed, DIFFICULTY, policies, keep_events=explain)  # warm
            gc.collect()
            runs = range(args.repeat)
            wall, cpu = min(
                time_games(eng, scenario, policies, args.games, args.seed, explain) for _ in runs
            )
            engine, decide, turns = min(
                time_split(eng, scenario, policies, args.games, args.seed, explain) for _ in runs
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


def git(*argv: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *argv], check=True, capture_output=True, text=True
    ).stdout.strip()


def export_commit(commit: str, dest: Path) -> None:
    """Write COMMIT's files (no .git, nothing built) into ``dest``."""
    archive = subprocess.Popen(["git", "-C", str(ROOT), "archive", commit], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, check=True)
    archive.stdout.close()  # type: ignore[union-attr]
    if archive.wait() != 0:
        raise SystemExit(f"git archive {commit} failed")


def child_env(tree: Path) -> dict[str, str]:
    """The environment a child runs ``tree``'s engine in: its sources first, hashing fixed."""
    return {**os.environ, "PYTHONPATH": str(tree), "RESILIENCE_PURE": "1", "PYTHONHASHSEED": "0"}


def child_command(
    tree: Path, policy: str, games: int, seed: int, events: str, cpu: int
) -> list[str]:
    """The command line of one run of bench/engine_child.py on ``tree``'s engine."""
    return [
        sys.executable,
        "-P",  # sys.path: PYTHONPATH first, not this script's folder
        str(CHILD),
        f"--root={tree}",
        f"--scenario={tree / 'scenarios' / (SCENARIO + '.toml')}",
        f"--policy={policy}",
        f"--difficulty={DIFFICULTY}",
        f"--games={games}",
        f"--seed={seed}",
        f"--events={events}",
        f"--cpu={cpu}",
    ]


def run_child(
    tree: Path, args: argparse.Namespace, policy: str, mode: str, cpu: int, pure: bool
) -> dict[str, Any]:
    """One timed run of ``tree``'s engine in a fresh process (bench/engine_child.py)."""
    env = child_env(tree)
    command = child_command(tree, policy, args.games, args.seed, mode, cpu)
    command += ["--require-pure"] if pure else []
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(
            f"the timing child failed for {tree} ({policy}, events {mode}):\n" + done.stderr.strip()
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def resolve_commit(name: str) -> tuple[str, str]:
    """The full and short hash of ``--against``'s commit, or a clear error naming it."""
    try:
        sha = git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except subprocess.CalledProcessError:
        raise SystemExit(f"--against: no commit {name!r} in {ROOT}") from None
    return sha, git("rev-parse", "--short", sha)


def run_against(args: argparse.Namespace, modes: list[str]) -> None:
    """This working tree's engine against COMMIT's pure-Python engine, side by side."""
    if not hasattr(os, "sched_setaffinity"):
        raise SystemExit("--against pins both sides to one CPU: it needs os.sched_setaffinity")
    sha, short = resolve_commit(args.against)
    cpu = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "game", "scenarios")
    with tempfile.TemporaryDirectory(prefix=f"bench-{short}-") as tmp:
        commit_tree = Path(tmp)
        export_commit(sha, commit_tree)
        sides = [
            (
                f"this tree ({git('rev-parse', '--short', 'HEAD')}{'+changes' if dirty else ''})",
                ROOT,
                False,
            ),
            (f"{short} (pure Python)", commit_tree, True),
        ]
        print(
            f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} "
            f"CPUs; both sides in child processes pinned to CPU {cpu}, PYTHONHASHSEED=0, "
            f"RESILIENCE_PURE=1; {args.games} games per row (seeds {args.seed}.."
            f"{args.seed + args.games - 1}), scenario {SCENARIO}, difficulty {DIFFICULTY}, "
            f"all allies on the row's policy; runs interleaved A, B, A, B, ... {args.repeat} "
            f"times each; each side's figure is its FASTEST run"
        )
        for letter, (label, tree, _) in zip("AB", sides, strict=True):
            digest = hashlib.sha256((tree / "scenarios" / f"{SCENARIO}.toml").read_bytes())
            print(f"{letter}: {label}: {tree}; scenario file sha256 {digest.hexdigest()[:12]}")
        header = (
            f"{'policy':<12} {'events':>6} {'turns':>5} {'A ms':>7} {'B ms':>7} {'A/B':>6}  "
            f"{'A cpu':>7} {'B cpu':>7} {'A/B':>6}  {'spread A, B':>12}  same games"
        )
        reported = False
        for name in args.policies.split(","):
            for mode in modes:
                runs: list[list[dict[str, Any]]] = [[], []]
                for _ in range(args.repeat):
                    for side, (_, tree, pure) in enumerate(sides):
                        runs[side].append(run_child(tree, args, name, mode, cpu, pure))
                if not reported:  # where each side's modules came from (the child checked)
                    reported = True
                    for letter, side_runs in zip("AB", runs, strict=True):
                        first = side_runs[0]
                        so = first["compiled"]
                        print(
                            f"{letter}: game.__file__ = {first['game_file']}; "
                            f"{first['modules']} game modules imported, all from that tree; "
                            + (f"COMPILED: {', '.join(so)}" if so else "no *.so (pure Python)")
                        )
                    print(header)
                    print("-" * len(header))
                print(row(name, mode, runs, args.games), flush=True)
    gone = "removed" if not Path(tmp).exists() else "NOT removed"
    print(
        f"A, B: ms per game, wall time of play_game (events off: none built, as the simulator "
        f"plays; on: built and kept, as the TUI plays), the "
        f"FASTEST of the {args.repeat} runs of each side; cpu: the lowest process CPU time per "
        f"game over the same runs; A/B below 1: this tree is "
        f"faster than {short}; spread: (slowest - fastest) / fastest wall time over one "
        f"side's runs; turns: mean final turn (A); same games: both sides' final scores equal "
        f"game by game. Temporary tree {tmp} {gone}."
    )


def row(name: str, mode: str, runs: list[list[dict[str, Any]]], games: int) -> str:
    """One line of the side-by-side table from each side's runs."""
    walls = [[1000 * r["wall"] / games for r in side] for side in runs]
    cpus = [[1000 * r["cpu"] / games for r in side] for side in runs]
    (wall_a, wall_b), (cpu_a, cpu_b) = [min(w) for w in walls], [min(c) for c in cpus]
    spread = ", ".join(f"{100 * (max(w) - min(w)) / min(w):.0f}%" for w in walls)
    scores = [side[0]["scores"] for side in runs]
    differ = sum(a != b for a, b in zip(*scores, strict=True))
    same = "yes" if not differ else f"no: {differ} of {games} final scores differ"
    return (
        f"{name:<12} {mode:>6} {runs[0][0]['turns'] / games:5.1f} {wall_a:7.2f} {wall_b:7.2f} "
        f"{wall_a / wall_b:6.3f}  {cpu_a:7.2f} {cpu_b:7.2f} {cpu_a / cpu_b:6.3f}  "
        f"{spread:>12}  {same}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=300, help="games per policy (300)")
    parser.add_argument("--seed", type=int, default=0, help="first seed (0)")
    parser.add_argument(
        "--repeat", type=int, help="runs; the fastest counts (3; 5 per side with --against)"
    )
    parser.add_argument("--policies", default=",".join(POLICIES), help="comma-separated")
    parser.add_argument(
        "--modes",
        help="explain modes to time: on, off or on,off (default on,off; off with --against)",
    )
    parser.add_argument(
        "--against",
        metavar="COMMIT",
        help="also time COMMIT's pure-Python engine, side by side with this tree's",
    )
    parser.add_argument(
        "--cpu", type=int, help="with --against: the CPU both sides run on (the lowest allowed)"
    )
    args = parser.parse_args()
    if args.repeat is None:
        args.repeat = 5 if args.against else 3
    if args.modes is None:
        args.modes = "off" if args.against else "on,off"
    modes = [m.strip() for m in args.modes.split(",")]
    if not modes or any(m not in ("on", "off") for m in modes):
        parser.error("--modes takes on, off or on,off")
    if args.repeat < 1 or args.games < 1:
        parser.error("--repeat and --games must be at least 1")
    if args.against:
        run_against(args, modes)
    else:
        run_here(args, modes)


if __name__ == "__main__":
    main()
