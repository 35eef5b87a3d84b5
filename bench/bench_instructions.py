"""Instructions per game, this working tree against a commit, counted by callgrind.

Issue 9 (item 9) asks that the engine play a default game no slower than the pure-Python
engine of 9deb29d. On a shared machine wall time moves by tens of per cent from one run to
the next; the number of instructions a game executes does not move at all. This script
counts them the way docs/performance.md (rounds 6 to 10) does::

    .venv/bin/python bench/bench_instructions.py --against 9deb29d

For each side (this working tree, and COMMIT exported with ``git archive`` to a temporary
folder) it runs ``bench/engine_child.py`` under ``valgrind --tool=callgrind`` twice, with
``--small`` and ``--large`` games (5 and 15), and reports the difference divided by the
difference in games, so that start-up and loading cancel out: the default scenario,
difficulty normal, all six allies on ``--policy`` (coordinated), events off, seeds from 0.
It needs ``valgrind`` on the PATH; four runs take about three minutes on one core.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench_engine import DIFFICULTY, ROOT, child_command, child_env, export_commit, resolve_commit


def instructions(tree: Path, policy: str, games: int, out: Path) -> int:
    """Instructions callgrind counts for one run of ``games`` games of ``tree``'s engine."""
    env = child_env(tree)
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        *child_command(tree, policy, games, 0, "off", min(os.sched_getaffinity(0))),
    ]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"callgrind run failed for {tree}:\n" + done.stderr.strip()[-2000:])
    found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
    if found is None:
        raise SystemExit(f"no instruction total in {out}")
    return int(found.group(1))


def per_game(tree: Path, args: argparse.Namespace, folder: Path, label: str) -> float:
    """Instructions per game: (large run - small run) / (large - small) games."""
    small = instructions(tree, args.policy, args.small, folder / f"{label}.{args.small}.out")
    large = instructions(tree, args.policy, args.large, folder / f"{label}.{args.large}.out")
    return (large - small) / (args.large - args.small)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="9deb29d", help="the commit to compare with")
    parser.add_argument("--policy", default="coordinated", help="every ally's policy")
    parser.add_argument("--small", type=int, default=5, help="games in the short run")
    parser.add_argument("--large", type=int, default=15, help="games in the long run")
    args = parser.parse_args()
    if args.large <= args.small:
        raise SystemExit("--large must be more games than --small")
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (e.g. apt-get install valgrind)")
    sha, short = resolve_commit(args.against)
    with tempfile.TemporaryDirectory(prefix=f"instructions-{short}-") as tmp:
        other = Path(tmp) / "tree"
        other.mkdir()
        export_commit(sha, other)
        here = per_game(ROOT, args, Path(tmp), "A")
        there = per_game(other, args, Path(tmp), "B")
    print(
        f"{args.policy}, events off, default scenario, {DIFFICULTY}; instructions per game "
        f"= ({args.large}-game run - {args.small}-game run) / {args.large - args.small}"
    )
    print(f"A: this tree ({ROOT})  {here / 1e6:8.2f} M")
    print(f"B: {short}{'':>{len(str(ROOT)) + 8 - len(short)}}  {there / 1e6:8.2f} M")
    print(f"A/B {here / there:.3f} (below 1: this tree executes fewer instructions a game)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
