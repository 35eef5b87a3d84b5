"""``resilience stress``: the exploit finder. A fixed family of probe strategies plays the
same seeds as the reference policy; every probe that beats it by a significant margin is
reported (paired tests, Holm-corrected over the family), or "no exploit found" with the
margins.

The probes, each a change to the reference policy played by every government:
each move forced first (on the first turn), each move spammed whenever legal, each move
forbidden, defensive moves only, offensive moves only; one free rider per ally (that
government passive, the others on the reference); and the ``planner`` policy if it is
registered.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from game.ai.policies import POLICIES
from game.engine import GameError, Scenario
from game.lab import specs
from game.lab.common import Setup, add_common, cells, finish, run
from game.lab.runner import Variant
from game.lab.stats import Paired, holm, pvalue
from game.safe_text import text

ALPHA = 0.05


def add_parser(sub: Any) -> None:
    """Register ``stress``."""
    p = sub.add_parser(
        "stress", help="look for strategies that beat the reference policy (exploits)"
    )
    p.add_argument("--reference", default="coordinated", metavar="SPEC", help="the policy to beat")
    p.add_argument(
        "--show", type=int, default=10, metavar="N", help="also list the N largest margins"
    )
    p.add_argument(
        "--only", metavar="TEXT", help="only the probes whose name contains TEXT (e.g. a move id)"
    )
    add_common(p, games=100)
    p.set_defaults(func=cmd_stress)


def probes(scenario: Scenario, reference: str) -> list[Variant]:
    """The probe family against ``reference`` (the reference itself first)."""
    out = [Variant(specs.label(reference), (("default", reference),))]

    def add(label: str, policies: tuple[tuple[str, str], ...]) -> None:
        out.append(Variant(label, policies))

    for m in scenario.moves:
        add(f"{m.id} first", (("default", f"{reference}+first={m.id}"),))
    for m in scenario.moves:
        add(f"{m.id} spammed", (("default", f"{reference}+spam={m.id}"),))
    for m in scenario.moves:
        add(f"{m.id} forbidden", (("default", f"{reference}+forbid={m.id}"),))
    add("defensive only", (("default", f"{reference}+only=defensive"),))
    add("offensive only", (("default", f"{reference}+only=offensive"),))
    for a in scenario.allies:
        add(f"{a.id} free rider", ((a.id, "passive"), ("default", reference)))
    if "planner" in POLICIES:
        add("planner", (("default", "planner"),))
    return out


def cmd_stress(args: argparse.Namespace, console: Console) -> int:
    """Run the probes and report what beats the reference."""
    setup = Setup(args)
    reference = specs.check(args.reference, setup.scenario)
    variants = probes(setup.scenario, reference)
    if args.only:
        variants = [variants[0], *(v for v in variants[1:] if args.only in v.label)]
        if len(variants) == 1:
            raise GameError(f"--only '{args.only}': no probe's name contains it")
    if "planner" not in POLICIES and not args.only:
        console.print(
            text("(no 'planner' policy is registered: its probe is left out)"), soft_wrap=True
        )
    console.print(
        text(
            f"{len(variants) - 1} probes against {specs.label(reference)} on "
            f"{args.games} seeds at {setup.difficulty}: {len(variants) * args.games} games"
        ),
        soft_wrap=True,
    )
    pairs = [(i, 0) for i in range(1, len(variants))]
    job = setup.job(variants, args.policy_timeout)
    outcome = run(args, job, console, pairs)
    paired = [outcome.tallies.pairs[p] for p in pairs]
    win_sig = holm([p.win_p() for p in paired], ALPHA)
    score_sig = holm([p.score_p() for p in paired], ALPHA)
    base = outcome.tallies.each[0]
    rows = []
    for k, p in enumerate(paired):
        beats = (win_sig[k] and p.win_rate_difference() > 0) or (score_sig[k] and p.diff.mean > 0)
        rows.append((beats, p.win_rate_difference(), p.diff.mean, k))
    found = [r for r in rows if r[0]]
    console.print(
        text(
            f"reference {specs.label(reference)}: win rate {base.wins.rate:.1%}, "
            f"mean score {base.score.mean:.1f} ({outcome.seeds_done} seeds)"
        ),
        soft_wrap=True,
    )
    used = base.moves_won + base.moves_lost
    never = [m.id for m in setup.scenario.moves if not used[m.id]]
    if never:
        console.print(
            text(
                f"{specs.label(reference)} never ordered: {', '.join(never)} (only the probes "
                "that force them test them)"
            ),
            soft_wrap=True,
        )
    if found:
        found.sort(key=lambda r: (-r[1], -r[2]))
        console.print(
            _table(
                f"EXPLOITS: {len(found)} probe(s) beat the reference",
                found,
                variants,
                paired,
                outcome.tallies.each,
            )
        )
    else:
        console.print(
            text("no exploit found: no probe beats the reference significantly", style="bold"),
            soft_wrap=True,
        )
    top = sorted((r for r in rows if not r[0]), key=lambda r: (-r[1], -r[2]))[: args.show]
    if top:
        console.print(
            _table(
                "largest margins of the other probes", top, variants, paired, outcome.tallies.each
            )
        )
    console.print(
        text(
            "Margins are the probe minus the reference on the same seeds; significant: "
            "sign test on the win rate or paired t test on the score, Holm-corrected at 5% "
            f"over the {len(paired)} probes."
        ),
        soft_wrap=True,
    )
    return finish(args, job, outcome, console)


def _table(
    title: str, rows: list, variants: list[Variant], paired: list[Paired], each: list
) -> Table:
    table = Table(title=text(title))
    table.add_column("probe", no_wrap=True)
    table.add_column("win rate", justify="right")
    table.add_column("win margin", justify="right")
    table.add_column("p (sign)", justify="right")
    table.add_column("score margin", justify="right")
    table.add_column("p (t)", justify="right")
    for _, win, score, k in rows:
        p = paired[k]
        table.add_row(
            *cells(
                text(variants[k + 1].label),
                f"{each[k + 1].wins.rate:.1%}",
                f"{win:+.1%}",
                pvalue(p.win_p()),
                f"{score:+.1f}",
                pvalue(p.score_p()),
            ),
        )
    return table
