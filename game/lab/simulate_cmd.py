"""``resilience simulate``: many seeded games under one policy (or a mix), summarised."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from game.ai.policies import policy_fit
from game.atomic import write_atomically
from game.engine import GameError
from game.lab import specs
from game.lab.common import Setup, add_common, cells, finish, interval, run
from game.lab.runner import Variant
from game.lab.tally import Tally
from game.safe_text import text


def add_parser(sub: Any) -> None:
    """Register ``simulate``."""
    p = sub.add_parser("simulate", help="play many seeded games headless and summarise them")
    p.add_argument(
        "--policy",
        default="coordinated",
        metavar="SPEC",
        help="a policy name (passive, coordinated, ...), FILE.py:FUNCTION or module:FUNCTION",
    )
    p.add_argument("--json", metavar="FILE", help="also write the summary as JSON")
    add_common(p, games=100)
    p.set_defaults(func=cmd_simulate)


def summary_json(setup: Setup, spec: str, seed: int, tally: Tally) -> dict[str, Any]:
    """The summary as JSON-ready data (keys documented in the README)."""
    low, high = tally.score.ci95()
    return {
        "scenario": setup.scenario.id,
        "policy": spec,
        "difficulty": setup.difficulty,
        "games": tally.games,
        "seed": seed,
        "win_rate": round(tally.wins.rate, 6),
        "win_rate_ci95": [round(x, 6) for x in tally.wins.ci95()],
        "tier_rates": {k: round(v, 6) for k, v in tally.tier_rates().items()},
        "mean_score": round(tally.score.mean, 6),
        "score_ci95": [round(low, 6), round(high, 6)],
        "mean_gdp_change": round(tally.gdp.mean, 6),
        "mean_cohesion": round(tally.cohesion.mean, 6),
        "mean_accommodations": round(tally.accommodations.mean, 6),
        "collapse_rate": round(tally.collapses / (tally.games or 1), 6),
        "errors": tally.errors,
    }


def cmd_simulate(args: argparse.Namespace, console: Console) -> int:
    """Play and summarise."""
    setup = Setup(args)
    spec = specs.check(args.policy, setup.scenario)
    if note := policy_fit(setup.scenario, args.policy):
        console.print(text(f"note: {note}"))
    if args.json and not Path(args.json).resolve().parent.is_dir():
        folder = Path(args.json).resolve().parent
        raise GameError(f"cannot write {args.json}: folder {folder} does not exist")
    job = setup.job([Variant(specs.label(spec), (("default", spec),))], args.policy_timeout)
    outcome = run(args, job, console)
    t = outcome.tallies.each[0]
    title = f"{setup.scenario.title}: {specs.label(spec)} at {setup.difficulty}"
    table = Table(title=text(title))
    table.add_column("figure")
    table.add_column("value", justify="right")
    last = args.seed + outcome.seeds_done - 1
    table.add_row(*cells("games (seeds)", f"{t.games} ({args.seed}..{last})"))
    table.add_row(*cells("win rate (any win tier)", f"{t.wins.rate:.1%}"))
    table.add_row(*cells("  95% interval", interval(*t.wins.ci95(), percent=True)))
    for tier, rate in t.tier_rates().items():
        table.add_row(*cells(f"  {tier}", f"{rate:.1%}"))
    table.add_row(*cells("mean coalition score", f"{t.score.mean:.1f}"))
    table.add_row(*cells("  95% interval", interval(*t.score.ci95())))
    table.add_row(*cells("mean GDP change vs baseline", f"{t.gdp.mean:+.2f}%"))
    table.add_row(*cells("mean final cohesion", f"{t.cohesion.mean:.0f}"))
    table.add_row(*cells("mean allies accommodated at end", f"{t.accommodations.mean:.2f}"))
    table.add_row(*cells("coalition collapses", f"{t.collapses / (t.games or 1):.1%}"))
    if t.errors:
        table.add_row(*cells("games dropped (policy error)", str(t.errors)))
    console.print(table)
    if args.json:
        data = json.dumps(summary_json(setup, spec, args.seed, t), indent=2, sort_keys=True)
        write_atomically(Path(args.json), (data + "\n").encode("utf-8"), mkdir=False)
        console.print(text(f"wrote {args.json}"), soft_wrap=True)
    return finish(args, job, outcome, console)
