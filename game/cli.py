"""The command line: ``resilience`` plays; subcommands run the simulator and other tools.

Errors in user input (unknown names, malformed scenarios) print one clean message and exit 1
(2 for usage errors), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from game.ai.policies import POLICIES
from game.engine.errors import GameError, ScenarioError
from game.engine.loader import load_scenario
from game.engine.scenario import Scenario
from game.scenarios import DEFAULT_SCENARIO, scenario_path


def _load(name: str) -> Scenario:
    return load_scenario(scenario_path(name))


def _difficulty(scenario: Scenario, key: str | None) -> str:
    from game.engine.errors import UnknownNameError
    from game.engine.tomlreader import did_you_mean

    key = key or scenario.default_difficulty
    try:
        return scenario.difficulty(key).id
    except KeyError:
        names = [d.id for d in scenario.difficulties] + [d.label for d in scenario.difficulties]
        raise UnknownNameError(
            f"unknown difficulty '{key}'{did_you_mean(key, names)}; "
            f"choose from {', '.join(f'{d.id} ({d.label})' for d in scenario.difficulties)}"
        ) from None


def cmd_simulate(args: argparse.Namespace, console: Console) -> int:
    from game.sim.simulate import simulate, write_json

    scenario = _load(args.scenario)
    difficulty = _difficulty(scenario, args.difficulty)
    if args.games < 1:
        raise GameError("--games must be at least 1")
    if args.json:
        folder = Path(args.json).resolve().parent
        if not folder.is_dir():
            raise GameError(f"cannot write {args.json}: folder {folder} does not exist")
    summary = simulate(scenario, args.policy, difficulty, args.games, args.seed)
    low, high = summary.score_ci95()
    table = Table(title=Text(f"{scenario.title}: {args.policy} at {difficulty}"))
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_row(
        "games (seeds)", f"{summary.games} ({args.seed}..{args.seed + summary.games - 1})"
    )
    table.add_row("win rate (any win tier)", f"{summary.win_rate:.1%}")
    for tier, rate in summary.tier_rates().items():
        table.add_row(f"  {tier}", f"{rate:.1%}")
    table.add_row("mean coalition score", f"{summary.mean_score:.1f}")
    table.add_row("95% interval", f"{low:.1f} – {high:.1f}")
    table.add_row("mean GDP change vs baseline", f"{summary.mean('gdp_change'):+.2f}%")
    table.add_row("mean final cohesion", f"{summary.mean('cohesion'):.0f}")
    table.add_row("mean allies accommodated at end", f"{summary.mean('accommodations'):.2f}")
    table.add_row("coalition collapses", f"{summary.mean('collapsed'):.1%}")
    console.print(table)
    if args.json:
        write_json(summary, Path(args.json))
        console.print(Text(f"wrote {args.json}"))
    return 0


def cmd_demo(args: argparse.Namespace, console: Console) -> int:
    from game.sim.demo import run_demo

    scenario = _load(args.scenario)
    run_demo(scenario, _difficulty(scenario, args.difficulty), args.seed, console)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``resilience`` command."""
    parser = argparse.ArgumentParser(
        prog="resilience",
        description="Collective Resilience: a strategy wargame of economic security.",
    )
    sub = parser.add_subparsers(dest="command")

    sim = sub.add_parser("simulate", help="play many seeded games headless and summarise them")
    sim.add_argument("--scenario", default=DEFAULT_SCENARIO, help="shipped name or .toml path")
    sim.add_argument("--policy", default="coordinated", choices=sorted(POLICIES))
    sim.add_argument("--difficulty", default=None, help="level id or label (easy, normal, hard)")
    sim.add_argument("--games", type=int, default=100)
    sim.add_argument("--seed", type=int, default=0)
    sim.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    sim.set_defaults(func=cmd_simulate)

    demo = sub.add_parser("demo", help="watch one game played by AI governments, turn by turn")
    demo.add_argument("--scenario", default=DEFAULT_SCENARIO)
    demo.add_argument("--difficulty", default=None)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``resilience`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console()
    if args.command is None:
        args = parser.parse_args(["demo", *(argv or [])])
    try:
        return args.func(args, console)
    except ScenarioError as exc:
        for p in exc.problems:
            print(p.format(exc.file), file=sys.stderr)
        return 1
    except GameError as exc:
        print(f"resilience: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"resilience: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
