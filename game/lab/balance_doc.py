"""Regenerate docs/balance.md: every measured table, from one command.

    python -m game.lab.balance_doc --quick            # minutes: small samples, to iterate
    python -m game.lab.balance_doc                    # the real document (make balance)
    python -m game.lab.balance_doc --jobs 2 --out /tmp/balance.md

The hand-written text (what the rules carry, the history) lives in docs/balance.template.md;
each ``{{name}}`` there is replaced by a generated section: the ladder targets and whether
they hold, the policy x difficulty table of the default scenario (with the ``planner`` search
player), the same for every other shipped scenario, the ``resilience stress`` probes at normal
and hard on every shipped scenario, the ablation table (:mod:`game.lab.ablation`) and China's
behaviour and coercion losses (:mod:`game.lab.china_stats`). The file records the commit, the
seeds, the game counts and the time the run took.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from attrs import evolve, frozen

from game.lab import stress
from game.lab.backends import cores
from game.lab.measure import Shipped, measure, solo
from game.lab.stats import Paired, holm
from game.lab.tally import Tally
from game.scenarios import DEFAULT_SCENARIO, builtin_names

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "balance.template.md"
OUT = ROOT / "docs" / "balance.md"
LEVELS = ("easy", "normal", "hard", "brutal")
CHEAP = ("passive", "decouple", "random", "unilateral", "coordinated")
STRESS_LEVELS = ("normal", "hard")
PLANNER_LEVELS_OTHER = ("normal",)  # the planner's levels on the other scenarios
SCORE_LIMIT = 3.0  # issue 15 point 2: no probe beats coordinated by more (points of score)
WIN_LIMIT = 0.10  # ... or by more than this much win rate
# The generated sections, as the template names them ({{name}}).
SECTIONS = (
    "provenance",
    "targets",
    "default_table",
    "other_scenarios",
    "stress",
    "ablation",
    "china",
)


@frozen
class Sizes:
    """Games per row of each kind of table (seeds 0 .. n-1 every time)."""

    games: int  # each cheap policy at each level, default scenario
    games_other: int  # each cheap policy at each level, other scenarios
    planner: int  # planner (and coordinated, paired) at each level, default scenario
    planner_other: int  # planner (and coordinated, paired) at normal, other scenarios
    stress: int  # seeds per stress probe
    ablation: int  # handed to game.lab.ablation.section
    china: int  # handed to game.lab.china_stats.section


QUICK = Sizes(
    games=100, games_other=60, planner=8, planner_other=4, stress=12, ablation=40, china=40
)
FULL = Sizes(
    games=500,
    games_other=200,
    planner=30,
    planner_other=10,
    stress=30,
    ablation=150,
    china=150,
)


# -- formatting ------------------------------------------------------------------------------


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def rate_ci(t: Tally) -> str:
    lo, hi = t.wins.ci95()
    return f"{100 * t.wins.rate:.1f}% ({100 * lo:.0f}–{100 * hi:.0f})"


def score_ci(t: Tally) -> str:
    lo, hi = t.score.ci95()
    return f"{t.score.mean:.1f} ({lo:.1f}–{hi:.1f})"


def paired_ci(p: Paired) -> str:
    lo, hi = p.diff.ci95()
    return f"{p.diff.mean:+.1f} ({lo:+.1f} to {hi:+.1f})"


def level_name(shipped: Shipped, label: str) -> str:
    d = shipped.scenario.difficulty(label)
    return f"{d.id} ({d.label})"


# -- measurements ----------------------------------------------------------------------------


class Results:
    """Every figure measured, by (scenario, level label, policy), and the planner's paired
    difference from coordinated on its own seeds."""

    def __init__(self) -> None:
        self.tally: dict[tuple[str, str, str], Tally] = {}
        self.planner_vs: dict[tuple[str, str], Paired] = {}
        self.planner_seeds: dict[tuple[str, str], int] = {}
        self.probes: dict[tuple[str, str], list[tuple[str, Tally, Paired]]] = {}
        self.stress_holm: dict[tuple[str, str], list[bool]] = {}
        self.games = 0

    def cheap(self, shipped: Shipped, label: str, games: int, jobs: int) -> None:
        t = measure(shipped, label, [solo(p) for p in CHEAP], games, jobs)
        for p, tally in zip(CHEAP, t.each, strict=True):
            self.tally[(shipped.name, label, p)] = tally
        self.games += games * len(CHEAP)

    def planner(self, shipped: Shipped, label: str, games: int, jobs: int) -> None:
        t = measure(
            shipped, label, [solo("coordinated"), solo("planner")], games, jobs, pairs=[(1, 0)]
        )
        self.tally[(shipped.name, label, "planner")] = t.each[1]
        self.tally.setdefault((shipped.name, label, "coordinated (planner's seeds)"), t.each[0])
        self.planner_vs[(shipped.name, label)] = t.pairs[(1, 0)]
        self.planner_seeds[(shipped.name, label)] = games
        self.games += 2 * games

    def stress(self, shipped: Shipped, label: str, games: int, jobs: int) -> None:
        variants = [
            v for v in stress.probes(shipped.scenario, "coordinated") if v.label != "planner"
        ]
        pairs = [(i, 0) for i in range(1, len(variants))]
        t = measure(shipped, label, variants, games, jobs, pairs=pairs)
        rows = [(v.label, t.each[i], t.pairs[(i, 0)]) for i, v in enumerate(variants) if i > 0]
        self.probes[(shipped.name, label)] = rows
        self.tally[(shipped.name, label, "coordinated (stress seeds)")] = t.each[0]
        win = holm([p.win_p() for _, _, p in rows], stress.ALPHA)
        score = holm([p.score_p() for _, _, p in rows], stress.ALPHA)
        self.stress_holm[(shipped.name, label)] = [
            (w and p.win_rate_difference() > 0) or (s and p.diff.mean > 0)
            for w, s, (_, _, p) in zip(win, score, rows, strict=True)
        ]
        self.games += games * len(variants)


# -- sections --------------------------------------------------------------------------------

HEADER = (
    "| difficulty | policy | games | win rate (95% CI) | decisive | marginal | stalemate "
    "| defeat | mean score (95% CI) | collapses |\n"
    "|---|---|---:|---|---:|---:|---:|---:|---|---:|"
)


def policy_rows(results: Results, shipped: Shipped, labels: tuple[str, ...]) -> list[str]:
    out = []
    for label in labels:
        for p in (*CHEAP, "planner"):
            t = results.tally.get((shipped.name, label, p))
            if t is None:
                continue
            r = t.tier_rates()
            out.append(
                f"| {level_name(shipped, label)} | {p} | {t.games} | {rate_ci(t)} "
                f"| {pct(r['decisive'])} | {pct(r['marginal'])} | {pct(r['stalemate'])} "
                f"| {pct(r['defeat'])} | {score_ci(t)} | {pct(t.collapses / max(1, t.games))} |"
            )
    return out


def planner_lines(results: Results, shipped: Shipped, labels: tuple[str, ...]) -> list[str]:
    out = []
    for label in labels:
        p = results.planner_vs.get((shipped.name, label))
        if p is None:
            continue
        coordinated = results.tally[(shipped.name, label, "coordinated (planner's seeds)")]
        out.append(
            f"- {level_name(shipped, label)}: planner − coordinated on the same "
            f"{p.n} seeds: {paired_ci(p)} points of score; coordinated won "
            f"{coordinated.wins.hits} of those {coordinated.games}, the planner "
            f"{results.tally[(shipped.name, label, 'planner')].wins.hits}."
        )
    return out


def victory_line(shipped: Shipped) -> str:
    v = shipped.scenario.victory
    return (
        f"Tiers: decisive ≥ {v.decisive:g}, marginal ≥ {v.marginal:g}, stalemate ≥ "
        f"{v.stalemate:g}, defeat below (or a collapse of the coalition)."
    )


def default_section(results: Results, shipped: Shipped) -> str:
    lines = [victory_line(shipped), "", HEADER, *policy_rows(results, shipped, LEVELS), ""]
    lines += ["The planner against coordinated, paired on the same seeds:", ""]
    lines += planner_lines(results, shipped, LEVELS)
    return "\n".join(lines)


def others_section(results: Results, others: list[Shipped]) -> str:
    lines: list[str] = []
    for sh in others:
        lines += [f"### {sh.name}: {sh.scenario.title}", "", victory_line(sh), "", HEADER]
        lines += policy_rows(results, sh, LEVELS)
        lines += ["", *planner_lines(results, sh, PLANNER_LEVELS_OTHER), ""]
    return "\n".join(lines).rstrip()


@frozen
class Target:
    """One ladder target: a policy's win rate at a level within [low, high]."""

    scenario: str
    label: str
    policy: str
    low: float
    high: float

    def describe(self) -> str:
        if self.low <= 0:
            return f"under {pct(self.high)}"
        if self.high >= 1:
            return f"at least {pct(self.low)}"
        return f"{pct(self.low)}–{pct(self.high)}"


def targets(default: str, names: list[str]) -> list[Target]:
    """Issue 15 point 3's ladder: the default scenario's, then every scenario's."""
    out = [
        Target(default, "normal", "passive", 0, 0.05),
        Target(default, "normal", "decouple", 0, 0.05),
        Target(default, "normal", "random", 0, 0.05),
        Target(default, "normal", "unilateral", 0, 0.20),
        Target(default, "normal", "coordinated", 0.35, 0.65),
        Target(default, "easy", "planner", 0.70, 1.0),
        Target(default, "normal", "planner", 0.60, 0.90),
        Target(default, "hard", "planner", 0.30, 0.70),
        Target(default, "brutal", "planner", 0.05, 0.35),
    ]
    for n in names:
        if n != default:
            out += [
                Target(n, "normal", "coordinated", 0.35, 0.65),
                Target(n, "normal", "passive", 0, 0.05),
            ]
    return out


def targets_section(results: Results, default: str, names: list[str]) -> str:
    lines = [
        "| scenario | level | policy | target (win rate) | measured (95% CI) | games | holds |",
        "|---|---|---|---|---|---:|---|",
    ]
    held = 0
    goals = targets(default, names)
    for g in goals:
        t = results.tally.get((g.scenario, g.label, g.policy))
        if t is None:
            lines.append(f"| {g.scenario} | {g.label} | {g.policy} | {g.describe()} | — | 0 | — |")
            continue
        ok = g.low <= t.wins.rate <= g.high
        held += ok
        lines.append(
            f"| {g.scenario} | {g.label} | {g.policy} | {g.describe()} | {rate_ci(t)} "
            f"| {t.games} | {'yes' if ok else '**no**'} |"
        )
    lines += ["", f"{held} of {len(goals)} targets hold (on the measured rate)."]
    room = normal_room(results, default)
    if room:
        lines += ["", room]
    return "\n".join(lines)


Z35 = (
    0.3853  # normal quantile at 65%: a 35% win rate puts the threshold this many sd above the mean
)
Z90 = 1.2816  # ... at 90%: a 90% win rate puts it this many sd below


def normal_room(results: Results, default: str) -> str:
    """Whether coordinated's 35-65% and the planner's 60-90% at normal can hold together: with
    roughly normal scores, coordinated at least 35% and the planner at most 90% need the
    planner's mean at most z(65%) coordinated sd + z(90%) planner sd above coordinated's,
    whatever the threshold."""
    c = results.tally.get((default, "normal", "coordinated"))
    p = results.tally.get((default, "normal", "planner"))
    if c is None or p is None or p.games < 2:
        return ""
    room = Z35 * c.score.sd + Z90 * p.score.sd
    gap = p.score.mean - c.score.mean
    verdict = "so both can hold" if gap <= room else "so no threshold meets both"
    return (
        f"At normal, one threshold can give coordinated at least 35% and the planner at most 90% "
        f"only if the planner scores at most {room:.1f} points above coordinated (0.39 of "
        f"coordinated's standard deviation, {c.score.sd:.1f}, plus 1.28 of the planner's, "
        f"{p.score.sd:.1f}, scores taken as normal): it scores {gap:.1f} above, {verdict}."
    )


def stress_section(results: Results, shipped_all: list[Shipped]) -> str:
    lines: list[str] = []
    summary = [
        "| scenario | level | coordinated: win rate, mean | largest score margin | "
        "largest win margin | probes beyond the limits | significant (Holm) |",
        "|---|---|---|---|---|---:|---:|",
    ]
    for sh in shipped_all:
        lines += [
            f"### {sh.name}",
            "",
            "| probe | "
            + " | ".join(
                f"{lv}: win rate | {lv}: win − coord. | {lv}: score | {lv}: score − coord."
                for lv in STRESS_LEVELS
            )
            + " |",
            "|---|" + "---:|---:|---:|---:|" * len(STRESS_LEVELS),
        ]
        by_level = [results.probes[(sh.name, lv)] for lv in STRESS_LEVELS]
        flags = [results.stress_holm[(sh.name, lv)] for lv in STRESS_LEVELS]
        for k in range(len(by_level[0])):
            cells = []
            name = by_level[0][k][0]
            for rows, sig in zip(by_level, flags, strict=True):
                _, t, p = rows[k]
                over = p.diff.mean > SCORE_LIMIT or p.win_rate_difference() > WIN_LIMIT
                mark = (" ✱" if over else "") + (" †" if sig[k] else "")
                cells += [
                    pct(t.wins.rate),
                    f"{100 * p.win_rate_difference():+.0f}{mark}",
                    f"{t.score.mean:.1f}",
                    f"{p.diff.mean:+.1f}{mark}",
                ]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
        for lv, rows, sig in zip(STRESS_LEVELS, by_level, flags, strict=True):
            base = results.tally[(sh.name, lv, "coordinated (stress seeds)")]
            best_score = max(rows, key=lambda r: r[2].diff.mean)
            best_win = max(rows, key=lambda r: r[2].win_rate_difference())
            beyond = sum(
                p.diff.mean > SCORE_LIMIT or p.win_rate_difference() > WIN_LIMIT for _, _, p in rows
            )
            summary.append(
                f"| {sh.name} | {lv} | {pct(base.wins.rate)}, {base.score.mean:.1f} "
                f"| {best_score[0]} {best_score[2].diff.mean:+.1f} "
                f"| {best_win[0]} {100 * best_win[2].win_rate_difference():+.0f} pts "
                f"| {beyond} | {sum(sig)} |"
            )
    return "\n".join([*summary, "", *lines]).rstrip()


def external_section(module: str, games: int, jobs: int) -> str:
    """A section written by another module's ``section(games, jobs)``."""
    start = time.perf_counter()
    try:
        mod = __import__(f"game.lab.{module}", fromlist=["section"])
    except ImportError:
        return f"_(game.lab.{module} is not in this branch yet: no section)_"
    section: Callable[[int, int], str] = mod.section
    text = section(games, jobs).strip()
    print(f"  {module}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return text


# -- the document ----------------------------------------------------------------------------


def commit() -> str:
    """The commit measured (``+ uncommitted changes`` if the tree differs from it)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "game", "scenarios"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" + uncommitted changes to game/ or scenarios/" if dirty else "")


def fill(template: str, sections: dict[str, str]) -> str:
    """The template with each ``{{name}}`` replaced; an unknown or unused name is an error."""
    used = set(re.findall(r"\{\{(\w+)\}\}", template))
    missing = used - set(sections)
    if missing:
        raise SystemExit(f"{TEMPLATE.name}: no section named {', '.join(sorted(missing))}")
    unused = set(sections) - used
    if unused:
        raise SystemExit(f"{TEMPLATE.name}: section(s) never placed: {', '.join(sorted(unused))}")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: sections[m.group(1)], template)


def build(sizes: Sizes, jobs: int, mode: str, only_default: bool = False) -> str:
    """Measure everything and return the document."""
    start = time.perf_counter()
    names = [DEFAULT_SCENARIO, *(n for n in builtin_names() if n != DEFAULT_SCENARIO)]
    if only_default:
        names = names[:1]
    shipped = [Shipped(n) for n in names]
    default, others = shipped[0], shipped[1:]
    results = Results()
    print(f"balance ({mode}): {', '.join(names)} on {jobs} process(es)", file=sys.stderr)
    for label in LEVELS:
        results.cheap(default, label, sizes.games, jobs)
        results.planner(default, label, sizes.planner, jobs)
    for sh in others:
        for label in LEVELS:
            results.cheap(sh, label, sizes.games_other, jobs)
        for label in PLANNER_LEVELS_OTHER:
            results.planner(sh, label, sizes.planner_other, jobs)
    for sh in shipped:
        for label in STRESS_LEVELS:
            results.stress(sh, label, sizes.stress, jobs)
    sections = {
        "targets": targets_section(results, default.name, names),
        "default_table": default_section(results, default),
        "other_scenarios": others_section(results, others),
        "stress": stress_section(results, shipped),
        "ablation": external_section("ablation", sizes.ablation, jobs),
        "china": external_section("china_stats", sizes.china, jobs),
    }
    seconds = time.perf_counter() - start
    sections["provenance"] = provenance(sizes, jobs, mode, results.games, seconds)
    assert set(sections) == set(SECTIONS)
    return fill(TEMPLATE.read_text(encoding="utf-8"), sections)


def provenance(sizes: Sizes, jobs: int, mode: str, games: int, seconds: float) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Generated by `python -m game.lab.balance_doc{' --quick' if mode == 'quick' else ''}` "
        f"(`make balance`) on {when}, commit {commit()}, {jobs} worker process(es), "
        f"{mode} mode. Every row plays seeds 0 to n−1 (n = its games column). Games per row: "
        f"{sizes.games} for each simple policy on the default scenario, {sizes.games_other} "
        f"on the others; {sizes.planner} for the planner (and coordinated on the same seeds) "
        f"on the default scenario, {sizes.planner_other} on the others at "
        f"{' and '.join(PLANNER_LEVELS_OTHER)}; {sizes.stress} seeds per stress probe; "
        f"{sizes.ablation} games per ablation row and {sizes.china} per China row (as those "
        f"modules count them). {games:,} games for the tables above the ablation section; "
        f"the whole run took {seconds / 60:.1f} minutes."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.lab.balance_doc", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="small samples, to iterate")
    parser.add_argument("--jobs", type=int, default=cores(), help="worker processes")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default {OUT}")
    for name in Sizes.__attrs_attrs__:  # type: ignore[attr-defined]
        parser.add_argument(
            f"--{name.name.replace('_', '-')}",
            type=int,
            metavar="N",
            help=f"games: {name.name} (quick {getattr(QUICK, name.name)}, "
            f"full {getattr(FULL, name.name)})",
        )
    parser.add_argument(
        "--only-default", action="store_true", help="measure the default scenario only"
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    changed = {
        f.name: getattr(args, f.name)
        for f in Sizes.__attrs_attrs__  # type: ignore[attr-defined]
        if getattr(args, f.name) is not None
    }
    sizes = evolve(sizes, **changed)
    mode = "quick" if args.quick else "full"
    if changed:
        mode += " (" + ", ".join(f"{k} {v}" for k, v in changed.items()) + ")"
    doc = build(sizes, max(1, args.jobs), mode, args.only_default)
    tmp = args.out.with_suffix(args.out.suffix + ".tmp")
    tmp.write_text(doc, encoding="utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
