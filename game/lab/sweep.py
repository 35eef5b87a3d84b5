"""``resilience sweep``: one scenario value varied over a range, the same seeds at each point,
with a table and a terminal chart of the outcome across the range."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from game.engine import GameError, ScenarioError, build_scenario
from game.lab import specs
from game.lab.common import Setup, add_common, cells, finish, interval, run
from game.lab.keypath import apply_overrides, get_value, parse_range
from game.lab.runner import Variant
from game.lab.tally import Tally
from game.safe_text import text

BAR = 40  # characters of a full bar in the chart


def add_parser(sub: Any) -> None:
    """Register ``sweep``."""
    p = sub.add_parser("sweep", help="vary one scenario value over a range and chart the outcome")
    p.add_argument(
        "--set",
        required=True,
        metavar="KEY.PATH=LOW:HIGH:STEPS",
        help="the value to vary, e.g. china.capacity=60:100:5 or "
        "tuning.unilateral_efficacy=0.3:0.9:4",
    )
    p.add_argument("--policy", default="coordinated", metavar="SPEC", help="who plays")
    add_common(p, games=100)
    p.set_defaults(func=cmd_sweep)


def chart(path: str, values: list[float], tallies: list[Tally]) -> Text:
    """Bars of the win rate (and the mean score) at each value."""
    out = text(f"win rate across {path}\n")
    width = max(len(f"{v:g}") for v in values)
    for v, t in zip(values, tallies, strict=True):
        n = round(BAR * t.wins.rate)
        out.append(f"{v:>{width}g} ")
        out.append("█" * n, style="green")
        out.append("·" * (BAR - n), style="dim")
        out.append(f" {t.wins.rate:6.1%}  score {t.score.mean:5.1f}\n")
    return out


def cmd_sweep(args: argparse.Namespace, console: Console) -> int:
    """Play the sweep and print its table and chart."""
    setup = Setup(args)
    path, values = parse_range(args.set)
    current = get_value(setup.data, path)
    spec = specs.check(args.policy, setup.scenario)
    variants = []
    for v in values:
        try:
            build_scenario(apply_overrides(setup.data, ((path, v),)), setup.name)
        except ScenarioError as exc:
            first = exc.problems[0]
            raise GameError(
                f"--set {path}={v:g}: the scenario rejects it: {first.path}: {first.message}"
            ) from None
        variants.append(Variant(f"{v:g}", (("default", spec),), ((path, v),)))
    job = setup.job(variants, args.policy_timeout)
    outcome = run(args, job, console)
    each = outcome.tallies.each
    title = (
        f"{setup.scenario.title}: {specs.label(spec)} at {setup.difficulty}, {path} "
        f"from {values[0]:g} to {values[-1]:g} (the scenario has {current!r})"
    )
    table = Table(title=text(title))
    for col in (path, "games", "win rate", "95% interval", "mean score", "95% interval"):
        table.add_column(col, justify="right")
    for v, t in zip(values, each, strict=True):
        table.add_row(
            *cells(
                f"{v:g}",
                str(t.games),
                f"{t.wins.rate:.1%}",
                interval(*t.wins.ci95(), percent=True),
                f"{t.score.mean:.1f}",
                interval(*t.score.ci95()),
            ),
        )
    console.print(table)
    console.print(chart(path, values, each))
    return finish(args, job, outcome, console)
