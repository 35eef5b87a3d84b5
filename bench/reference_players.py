"""Print the "Reference players" table of docs/balance.md: the planner against every other
shipped policy on the same seeds, with the planner's CPU time per game.

Usage: .venv/bin/python bench/reference_players.py [GAMES] [--difficulties easy,normal,hard]
       [--scenario NAME]

Each row is what ``resilience simulate --policy P --difficulty D --games GAMES --seed 0``
prints (every ally on the policy); the last column is the paired difference of the planner's
score from each policy's on the same seeds, with its 95% interval.
"""

from __future__ import annotations

import argparse
import math
import time

from game.ai.policies import POLICIES
from game.scenarios import load, scenario_path
from game.sim.simulate import simulate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("games", nargs="?", type=int, default=100)
    parser.add_argument("--difficulties", default="easy,normal,hard")
    parser.add_argument("--scenario", default="collective-resilience")
    args = parser.parse_args()
    scenario = load(scenario_path(args.scenario))
    print(
        "| difficulty | policy | games | win rate | mean score (95% CI) "
        "| planner − policy, paired (95% CI) |"
    )
    print("|---|---|---|---|---|---|")
    for label in args.difficulties.split(","):
        d = scenario.difficulty(label)
        start = time.process_time()
        planner = simulate(scenario, "planner", d.id, args.games, 0)
        seconds = (time.process_time() - start) / args.games
        for name in ["planner", *sorted(set(POLICIES) - {"planner"})]:
            s = planner if name == "planner" else simulate(scenario, name, d.id, args.games, 0)
            low, high = s.score_ci95()
            diffs = [p - q for p, q in zip(planner.scores, s.scores, strict=True)]
            mean = sum(diffs) / len(diffs)
            sd = math.sqrt(sum((x - mean) ** 2 for x in diffs) / max(1, len(diffs) - 1))
            half = 1.96 * sd / math.sqrt(len(diffs))
            paired = (
                "—"
                if name == "planner"
                else f"{mean:+.1f} ({mean - half:+.1f} to {mean + half:+.1f})"
            )
            print(
                f"| {d.id} ({d.label}) | {name} | {s.games} | {s.win_rate:.1%} "
                f"| {s.mean_score:.1f} ({low:.1f}–{high:.1f}) | {paired} |",
                flush=True,
            )
        print(f"<!-- planner at {d.id}: {seconds:.2f} s of CPU per game -->", flush=True)


if __name__ == "__main__":
    main()
