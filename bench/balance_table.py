"""Print the balance tables of docs/balance.md (Markdown) from the headless simulator.

Usage: .venv/bin/python bench/balance_table.py [GAMES] [--moves GAMES]

The first table runs every policy at every difficulty (the same numbers as
``resilience simulate --policy P --difficulty D --games GAMES --seed 0``). With --moves it also
runs the coordinated policy at normal difficulty with each move removed from the catalogue,
to show what each move is worth.
"""

from __future__ import annotations

import sys

from attrs import evolve

from game.engine.loader import load_scenario
from game.scenarios import scenario_path
from game.sim.simulate import simulate


def main() -> None:
    args = sys.argv[1:]
    games = int(args[0]) if args and args[0].isdigit() else 1000
    scenario = load_scenario(scenario_path("collective-resilience"))
    print(
        "| difficulty | policy | win rate | decisive | marginal | stalemate | defeat "
        "| mean score (95% CI) | GDP change | cohesion | accommodated | collapses |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for d in scenario.difficulties:
        for name in ("coordinated", "unilateral", "decouple", "passive", "random"):
            s = simulate(scenario, name, d.id, games, 0)
            t = s.tier_rates()
            low, high = s.score_ci95()
            print(
                f"| {d.id} ({d.label}) | {name} | {s.win_rate:.1%} | {t['decisive']:.1%} "
                f"| {t['marginal']:.1%} | {t['stalemate']:.1%} | {t['defeat']:.1%} "
                f"| {s.mean_score:.1f} ({low:.1f}–{high:.1f}) | {s.mean('gdp_change'):+.2f}% "
                f"| {s.mean('cohesion'):.0f} | {s.mean('accommodations'):.2f} "
                f"| {s.mean('collapsed'):.1%} |",
                flush=True,
            )
    if "--moves" in args:
        n = int(args[args.index("--moves") + 1])
        base = simulate(scenario, "coordinated", "assertive", n, 0)
        print()
        print(f"Coordinated policy at normal difficulty, {n} games, with one move removed:")
        print()
        print("| move removed | mean score | change | win rate |")
        print("|---|---|---|---|")
        print(f"| (none) | {base.mean_score:.1f} | | {base.win_rate:.1%} |")
        for m in scenario.moves:
            cut = evolve(scenario, moves=tuple(x for x in scenario.moves if x.id != m.id))
            s = simulate(cut, "coordinated", "assertive", n, 0)
            print(
                f"| {m.id} | {s.mean_score:.1f} | {s.mean_score - base.mean_score:+.1f} "
                f"| {s.win_rate:.1%} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
