"""``resilience tournament``: policies on the same seeds, compared with paired tests; mixed
line-ups (free riders); and a move table (orders in won and lost games, restricted play)."""

from __future__ import annotations

import argparse
from itertools import combinations
from typing import Any

from rich.console import Console
from rich.table import Table

from game.ai.policies import POLICIES
from game.engine import TIERS, GameError, Scenario, did_you_mean
from game.lab import specs
from game.lab.common import Setup, add_common, cells, finish, run
from game.lab.runner import Variant
from game.lab.stats import Paired, holm, pvalue
from game.lab.tally import Tally
from game.safe_text import text

DEFAULT_POLICIES = "passive,unilateral,decouple,coordinated,random"


def add_parser(sub: Any) -> None:
    """Register ``tournament``."""
    p = sub.add_parser(
        "tournament", help="compare policies on the same seeds, with significance tests"
    )
    p.add_argument(
        "--policies",
        default=DEFAULT_POLICIES,
        metavar="A,B,...",
        help=f"policy specs, comma-separated (default {DEFAULT_POLICIES}, planner if present)",
    )
    p.add_argument(
        "--mix",
        action="append",
        default=[],
        metavar="ALLY=SPEC,...,default=SPEC",
        help="also play a mixed line-up, e.g. japan=passive,default=coordinated (repeatable)",
    )
    p.add_argument(
        "--moves",
        action="store_true",
        help="restricted play: also play the --moves-of policy with each move forbidden in turn",
    )
    p.add_argument(
        "--moves-of",
        metavar="SPEC",
        help="the policy of the move table (default: coordinated if played, else the first)",
    )
    add_common(p, games=200)
    p.set_defaults(func=cmd_tournament)


def parse_mix(text: str, scenario: Scenario) -> tuple[tuple[str, str], ...]:
    """``japan=passive,default=coordinated`` as (ally or default, spec) pairs, checked."""
    ids = [a.id for a in scenario.allies]
    out: list[tuple[str, str]] = []
    for part in text.split(","):
        ally, eq, spec = part.partition("=")
        ally = ally.strip()
        if not eq or not spec.strip():
            raise GameError(f"--mix '{text}': write ALLY=POLICY,...,default=POLICY")
        if ally != "default" and ally not in ids:
            raise GameError(
                f"--mix '{text}': no ally '{ally}'{did_you_mean(ally, ids)}; "
                f"allies: {', '.join(ids)}"
            )
        out.append((ally, specs.check(spec, scenario)))
    if not any(a == "default" for a, _ in out):
        out.append(("default", "coordinated"))
    return tuple(out)


def _mean(t: Tally) -> str:
    lo, hi = t.score.ci95()
    return f"{t.score.mean:.1f} ±{(hi - lo) / 2:.1f}"


def _rate(t: Tally) -> str:
    lo, hi = t.wins.ci95()
    return f"{t.wins.rate:.0%} ({100 * lo:.0f}–{100 * hi:.0f})"


def _policy_table(title: str, variants: list[Variant], tallies: list[Tally]) -> Table:
    table = Table(title=text(title))
    table.add_column("policy", no_wrap=True)
    table.add_column("games", justify="right")
    table.add_column("mean score (95%)", justify="right")
    table.add_column("win rate (95%)", justify="right")
    for tier in TIERS:
        table.add_column(tier[:5], justify="right")
    for v, t in zip(variants, tallies, strict=True):
        rates = t.tier_rates()
        table.add_row(
            *cells(
                text(v.label),
                str(t.games),
                _mean(t),
                _rate(t),
                *(f"{rates[tier]:.0%}" for tier in TIERS),
            ),
        )
    return table


def comparison_table(
    title: str, names: list[tuple[str, str]], paired: list[Paired], note_first: str = "A"
) -> Table:
    """Paired differences (A minus B on the same seeds), with Holm-corrected significance."""
    table = Table(title=text(title))
    table.add_column("A vs B", no_wrap=True)
    table.add_column("score A−B (95%)", justify="right")
    table.add_column("p (paired t)", justify="right")
    table.add_column("win A−B", justify="right")
    table.add_column("p (sign)", justify="right")
    table.add_column("significant", justify="center")
    score_sig = holm([p.score_p() for p in paired])
    win_sig = holm([p.win_p() for p in paired])
    for (a, b), p, s_sig, w_sig in zip(names, paired, score_sig, win_sig, strict=True):
        which = [w for w, ok in (("score", s_sig), ("win", w_sig)) if ok]
        table.add_row(
            *cells(
                text(f"{a} vs {b}"),
                f"{p.diff.mean:+.1f} ±{(p.diff.ci95()[1] - p.diff.mean):.1f}",
                pvalue(p.score_p()),
                f"{p.win_rate_difference():+.1%}",
                pvalue(p.win_p()),
                ", ".join(which) or "no",
            ),
        )
    return table


def cmd_tournament(args: argparse.Namespace, console: Console) -> int:
    """Play the tournament and print its tables."""
    setup = Setup(args)
    scenario = setup.scenario
    names = [n.strip() for n in args.policies.split(",") if n.strip()]
    if args.policies == DEFAULT_POLICIES and "planner" in POLICIES:
        names.append("planner")
    if not names:
        raise GameError("--policies: give at least one policy")
    chosen = [specs.check(n, scenario) for n in names]
    variants = [Variant(specs.label(s), (("default", s),)) for s in chosen]
    solo = len(variants)
    mixes = [parse_mix(m, scenario) for m in args.mix]
    for mix in mixes:
        shown = ",".join(f"{a}={specs.label(s)}" for a, s in mix if a != "default")
        variants.append(Variant(f"{shown} (others {specs.label(dict(mix)['default'])})", mix))
        base = dict(mix)["default"]
        if base not in chosen:  # the coalition without the rider, for comparison
            chosen.append(base)
            variants.insert(solo, Variant(specs.label(base), (("default", base),)))
            solo += 1
    focus = specs.check(args.moves_of, scenario) if args.moves_of else None
    if focus is None:
        focus = "coordinated" if "coordinated" in chosen else chosen[0]
    if focus not in chosen:
        chosen.append(focus)
        variants.insert(solo, Variant(specs.label(focus), (("default", focus),)))
        solo += 1
    base_index = chosen.index(focus)
    moves = [m.id for m in scenario.moves] if args.moves else []
    first_move_variant = len(variants)
    for move in moves:
        spec = f"{focus}+forbid={move}"
        variants.append(Variant(f"{specs.label(focus)} without {move}", (("default", spec),)))
    pairs = list(combinations(range(solo), 2))
    pairs += [(i, base_index) for i in range(first_move_variant, len(variants))]
    job = setup.job(variants, args.policy_timeout)
    outcome = run(args, job, console, pairs)
    each = outcome.tallies.each
    title = f"{scenario.title} at {setup.difficulty}: {outcome.seeds_done} seeds from {args.seed}"
    console.print(_policy_table(title, variants[:solo], each[:solo]))
    solo_pairs = [p for p in pairs if p[0] < solo]
    if solo_pairs:
        console.print(
            comparison_table(
                "Paired differences on the same seeds (Holm-corrected at 5%)",
                [(variants[a].label, variants[b].label) for a, b in solo_pairs],
                [outcome.tallies.pairs[p] for p in solo_pairs],
            )
        )
    if mixes:
        _mix_table(console, variants, each, solo, len(mixes))
    _move_table(
        console,
        scenario,
        variants,
        each,
        moves,
        first_move_variant,
        base_index,
        outcome.tallies.pairs,
    )
    return finish(args, job, outcome, console)


def _mix_table(
    console: Console, variants: list[Variant], each: list[Tally], solo: int, count: int
) -> None:
    table = Table(title=text("Free riders: each mixed line-up against its default policy alone"))
    table.add_column("line-up", no_wrap=True)
    table.add_column("coalition score (change)", justify="right")
    table.add_column("win rate (change)", justify="right")
    table.add_column("rider's own score (change)", justify="right")
    by_label = {v.label: i for i, v in enumerate(variants[:solo])}
    for i in range(solo, solo + count):
        v, t = variants[i], each[i]
        base = each[by_label[specs.label(dict(v.policies)["default"])]]
        for ally, _ in v.policies:
            if ally == "default":
                continue
            rider, alone = t.allies.get(ally), base.allies.get(ally)
            own = f"{rider.mean:.1f} ({rider.mean - alone.mean:+.1f})" if rider and alone else "–"
            table.add_row(
                *cells(
                    text(v.label),
                    f"{t.score.mean:.1f} ({t.score.mean - base.score.mean:+.1f})",
                    f"{t.wins.rate:.1%} ({100 * (t.wins.rate - base.wins.rate):+.1f} pts)",
                    f"{ally}: {own}",
                ),
            )
    console.print(table)


def _move_table(
    console: Console,
    scenario: Scenario,
    variants: list[Variant],
    each: list[Tally],
    moves: list[str],
    first: int,
    focus: int,
    pairs: dict[tuple[int, int], Paired],
) -> None:
    base = each[focus]
    won, lost = base.wins.hits, base.games - base.wins.hits
    table = Table(title=text(f"Moves of {variants[focus].label}: orders per game, won and lost"))
    table.add_column("move", no_wrap=True)
    table.add_column("per won game", justify="right")
    table.add_column("per lost game", justify="right")
    if moves:
        table.add_column("win rate when forbidden", justify="right")
        table.add_column("p (sign)", justify="right")
    forbidden = [pairs[(first + k, focus)] for k in range(len(moves))]
    significant = holm([p.win_p() for p in forbidden])
    for k, m in enumerate(scenario.moves):
        row = [
            m.id,
            f"{base.moves_won[m.id] / won:.2f}" if won else "–",
            f"{base.moves_lost[m.id] / lost:.2f}" if lost else "–",
        ]
        if moves:
            p = forbidden[k]
            mark = " *" if significant[k] else ""
            row += [f"{p.win_rate_difference():+.1%}{mark}", pvalue(p.win_p())]
        table.add_row(*cells(*row))
    console.print(table)
    if moves:
        console.print(text("* significant at 5% after Holm's correction over the moves"))
