"""The ablation table: each point of the article as a mechanic whose removal changes the game.

Every :class:`Ablation` names an article point, what is removed or varied (scenario values by
key path, as ``resilience sweep`` sets them, and/or a restricted policy such as
``coordinated+forbid=worker-transition``), the game it is compared with (by default the
reference policy ``coordinated`` on the unchanged scenario) and the direction the article
predicts. :func:`run` plays every variant on the same seeds with the lab's parallel runner;
a row passes when the paired mean score difference is at least :data:`MARGIN` points in the
predicted direction. :func:`section` returns the Markdown section docs/balance.md includes.

Run it: ``python -m game.lab.ablation --games 1000`` (``--jobs``, ``--difficulty``,
``--scenario`` as the lab's commands take them).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from attrs import frozen

from game.engine import GameError, build_scenario
from game.lab.backends import backend, cores
from game.lab.batch import run_batch
from game.lab.common import difficulty_of
from game.lab.keypath import apply_overrides
from game.lab.runner import Job, Variant
from game.scenarios import DEFAULT_SCENARIO, load, load_data, scenario_path

MARGIN = 3.0  # points of mean score a mechanic must move the outcome by
REFERENCE = "coordinated"
UNAFFORDABLE = 10  # political capital no government has (the format's highest move cost)
Overrides = tuple[tuple[str, Any], ...]
OverrideRule = Overrides | Callable[[dict[str, Any]], Overrides]


def every_ally(key: str, value: float) -> Callable[[dict[str, Any]], Overrides]:
    """Overrides setting one figure of every ally (``alignment``, ``strain``...)."""

    def rule(data: dict[str, Any]) -> Overrides:
        return tuple((f"allies.{a['id']}.{key}", value) for a in data["allies"])

    return rule


def every_ally_plus(key: str, change: float) -> Callable[[dict[str, Any]], Overrides]:
    """Overrides raising one figure of every ally by ``change`` (kept within 0..100)."""

    def rule(data: dict[str, Any]) -> Overrides:
        return tuple(
            (f"allies.{a['id']}.{key}", min(100.0, max(0.0, a[key] + change)))
            for a in data["allies"]
        )

    return rule


def every_domain(key: str, value: float) -> Callable[[dict[str, Any]], Overrides]:
    """Overrides setting one figure of every technology domain."""

    def rule(data: dict[str, Any]) -> Overrides:
        return tuple((f"domains.{d['id']}.{key}", value) for d in data["domains"])

    return rule


def move_effects(move: str, var: str, value: float) -> Callable[[dict[str, Any]], Overrides]:
    """Overrides setting the amount of every effect of ``move`` on ``var``."""

    def rule(data: dict[str, Any]) -> Overrides:
        for m in data["moves"]:
            if m["id"] == move:
                return tuple(
                    (f"moves.{move}.effects.{i}.amount", value)
                    for i, e in enumerate(m.get("effects", []))
                    if e.get("var") == var
                )
        return ()

    return rule


def unavailable(*moves: str) -> Overrides:
    """Overrides that take moves out of play: each costs more political capital than any
    government has, so every policy plans without it and spends its capital elsewhere (a
    forbidden move's capital would go unspent)."""
    return tuple((f"moves.{m}.pc", UNAFFORDABLE) for m in moves)


def combine(*rules: OverrideRule) -> Callable[[dict[str, Any]], Overrides]:
    """Several override rules as one."""

    def rule(data: dict[str, Any]) -> Overrides:
        out: Overrides = ()
        for r in rules:
            out += r(data) if callable(r) else r
        return out

    return rule


@frozen
class Ablation:
    """One removal or variation, the game it is compared with, and what the article predicts.

    ``expect`` is +1 when the article predicts a higher mean score for the varied game than
    for its baseline, -1 for a lower one."""

    point: str  # the article's point
    change: str  # what is removed or varied, in words
    shows: str  # what a pass shows, in one sentence
    expect: int
    policy: str = REFERENCE
    overrides: OverrideRule = ()
    base_policy: str = REFERENCE
    base_overrides: OverrideRule = ()
    label: str = ""  # a short id for the row (defaults to the change)


_DECOUPLE_COST = combine(
    move_effects("decouple-sector", "scar", 0.0),
    move_effects("decouple-sector", "strain", 0.0),
    move_effects("decouple-sector", "alignment", 0.0),
)
_NO_LEAKAGE = combine((("tuning.unilateral_efficacy", 1.0),), every_domain("void_gain", 0.0))
_NO_PLEDGE_HELP = (
    ("tuning.pledge_absorb", 0.0),
    ("tuning.supported_pain", 1.0),
    ("tuning.concession_support", 0.0),
)
_HIGH_STRAIN = every_ally_plus("strain", 20.0)
_NO_STRAIN = combine(
    (("tuning.strain_creep", 0.0), ("tuning.legacy_strain", 0.0)), every_ally("strain", 0.0)
)

ABLATIONS: tuple[Ablation, ...] = (
    Ablation(
        "leakage and coverage of controls",
        "controls leak no more: a lone control counts in full, outsiders fill no void",
        "a hawk acting alone is held back by leakage, not only by its cost in cohesion",
        +1,
        policy="unilateral",
        overrides=_NO_LEAKAGE,
        base_policy="unilateral",
        label="no-leakage-unilateral",
    ),
    Ablation(
        "leakage and coverage of controls",
        "no export controls in the catalogue",
        "controls with broad coverage are worth their cost to the coalition",
        -1,
        overrides=unavailable("export-controls"),
        label="no-controls",
    ),
    Ablation(
        "solidarity against coercion",
        "the solidarity pledge absorbs nothing, cushions no pain, backs no target",
        "the pledge carries the outcome: no ally can blunt coercion alone",
        -1,
        overrides=_NO_PLEDGE_HELP,
        label="hollow-pledge",
    ),
    Ablation(
        "solidarity against coercion",
        "no solidarity pledge in the catalogue",
        "the remedy is worth choosing",
        -1,
        overrides=unavailable("solidarity-pledge"),
        label="no-pledge",
    ),
    Ablation(
        "the cost of decoupling",
        "coordinated also decouples a sector whenever it can",
        "decoupling costs more than the safety it buys",
        -1,
        policy="coordinated+spam=decouple-sector",
        label="decoupling",
    ),
    Ablation(
        "the cost of decoupling",
        "decoupling's lasting cost removed (no scar, strain or alignment cost)",
        "it is the cost that makes decoupling a bad answer",
        +1,
        policy="coordinated+spam=decouple-sector",
        overrides=_DECOUPLE_COST,
        base_policy="coordinated+spam=decouple-sector",
        label="free-decoupling",
    ),
    Ablation(
        "business and society on board",
        "every ally's business alignment at 20",
        "boardrooms that ignore government guidance sink the strategy",
        -1,
        overrides=every_ally("alignment", 20.0),
        label="alignment-20",
    ),
    Ablation(
        "business and society on board",
        "every ally's business alignment at 100",
        "boardrooms on board lift the strategy (alignment is monotone)",
        +1,
        overrides=every_ally("alignment", 100.0),
        label="alignment-100",
    ),
    Ablation(
        "support for workers in older industries",
        "no worker transition in the catalogue",
        "the remedy for strain is worth its cost",
        -1,
        overrides=unavailable("worker-transition"),
        label="no-worker-transition",
    ),
    Ablation(
        "support for workers in older industries",
        "no strain in older industries at all",
        "neglected workers weigh on resolve",
        +1,
        overrides=_NO_STRAIN,
        label="no-strain",
    ),
    Ablation(
        "support for workers in older industries",
        "under high strain (+20), public communication instead of worker transition",
        "the real remedy beats a cosmetic one when its problem is present",
        -1,
        policy="coordinated+instead=worker-transition:public-communication",
        overrides=_HIGH_STRAIN,
        base_overrides=_HIGH_STRAIN,
        label="cosmetic-remedy",
    ),
    Ablation(
        "coercion following leverage",
        "no trade or supply diversification, no stockpiles in the catalogue",
        "cutting exposure where China has leverage blunts coercion",
        -1,
        overrides=unavailable("trade-diversification", "diversify-supply", "strategic-stockpile"),
        label="no-hedging",
    ),
    Ablation(
        "telegraphed signals",
        "coordinated ignores China's signals",
        "preparing for what China telegraphs pays",
        -1,
        policy="coordinated+ignore=signals",
        label="ignore-signals",
    ),
)


@frozen
class Row:
    """One ablation's result: the varied game against its baseline on the same seeds."""

    ablation: Ablation
    games: int
    mean: float
    ci: tuple[float, float]
    win_rate: float
    base_mean: float
    base_win_rate: float
    delta: float  # varied minus baseline, paired on seeds
    delta_ci: tuple[float, float]

    @property
    def passed(self) -> bool:
        """Whether the mean score moved at least MARGIN points the predicted way."""
        return self.delta * self.ablation.expect >= MARGIN


def _resolve(rule: OverrideRule, data: dict[str, Any]) -> Overrides:
    return rule(data) if callable(rule) else rule


def run(
    games: int,
    jobs: int | None = None,
    *,
    scenario: str = DEFAULT_SCENARIO,
    difficulty: str | None = None,
    seed: int = 0,
    ablations: Sequence[Ablation] = ABLATIONS,
) -> list[Row]:
    """Play every ablation and its baseline on ``games`` seeds; one row per ablation."""
    path = scenario_path(scenario)
    loaded = load(path)
    data = load_data(path)
    level = difficulty_of(loaded, difficulty)
    variants: list[Variant] = []
    where: dict[tuple[str, Overrides], int] = {}

    def index(policy: str, overrides: Overrides) -> int:
        key = (policy, overrides)
        if key not in where:
            build_scenario(apply_overrides(data, overrides), str(path))  # fails early, clearly
            where[key] = len(variants)
            variants.append(Variant(f"v{len(variants)}", (("default", policy),), overrides))
        return where[key]

    pairs = [
        (
            index(a.policy, _resolve(a.overrides, data)),
            index(a.base_policy, _resolve(a.base_overrides, data)),
        )
        for a in ablations
    ]
    job = Job(data, str(path), level, tuple(variants), 0.0, f"ablation:{path}")
    workers = min(jobs if jobs is not None else cores(), max(1, games // 25))
    outcome = run_batch(job, backend(workers, None), seed, games, pairs=pairs)
    if outcome.errors:
        raise GameError(f"ablation games failed: {outcome.errors[0]}")
    each = outcome.tallies.each
    rows = []
    for a, (v, b) in zip(ablations, pairs, strict=True):
        paired = outcome.tallies.pairs[(v, b)]
        rows.append(
            Row(
                a,
                each[v].games,
                each[v].score.mean,
                each[v].score.ci95(),
                each[v].wins.rate,
                each[b].score.mean,
                each[b].wins.rate,
                paired.diff.mean,
                paired.diff.ci95(),
            )
        )
    return rows


def _baseline_words(a: Ablation) -> str:
    base = a.base_policy
    return base + (" on the same varied scenario" if a.base_overrides else "")


def markdown(rows: Sequence[Row], games: int, difficulty: str) -> str:
    """The rows as a Markdown section (heading, table, one line per row)."""
    passed = sum(r.passed for r in rows)
    lines = [
        "## Ablations: the article's points as mechanics",
        "",
        f"Each row removes or varies one mechanic (or its remedy) and plays the same {games} "
        f"seeds at {difficulty} as its baseline (the reference policy `{REFERENCE}` on the "
        f"unchanged scenario unless the row says otherwise). A row passes when the mean score "
        f"moves at least {MARGIN:g} points the way the article predicts. "
        f"{passed} of {len(rows)} rows pass. Regenerate with "
        "`python -m game.lab.ablation --games N`.",
        "",
        "| article point | removed or varied | played by | mean score (95% CI) | win rate "
        "| baseline | change (95% CI) | predicted | result |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        a = r.ablation
        lines.append(
            f"| {a.point} | {a.change} | `{a.policy}` | {r.mean:.1f} ({r.ci[0]:.1f}–{r.ci[1]:.1f}) "
            f"| {r.win_rate:.1%} | {r.base_mean:.1f} ({r.base_win_rate:.1%}) "
            f"| {r.delta:+.1f} ({r.delta_ci[0]:+.1f} to {r.delta_ci[1]:+.1f}) "
            f"| {'higher' if a.expect > 0 else 'lower'} | {'pass' if r.passed else 'FAIL'} |"
        )
    lines.append("")
    for r in rows:
        a = r.ablation
        verdict = "shows that" if r.passed else "does not yet show that"
        lines.append(
            f"- **{a.label or a.change}** ({a.point}): against `{_baseline_words(a)}`, "
            f"{a.change} moves the mean score {r.delta:+.1f}: it {verdict} {a.shows}."
        )
    lines.append("")
    return "\n".join(lines)


def section(games: int, jobs: int) -> str:
    """The ablation section of docs/balance.md: the default scenario at its default
    difficulty, ``games`` seeds per row, on ``jobs`` worker processes."""
    loaded = load(scenario_path(DEFAULT_SCENARIO))
    level = difficulty_of(loaded, None)
    label = loaded.difficulty(level).label
    return markdown(run(games, jobs), games, f"{level} ({label})")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m game.lab.ablation``: print the section (Markdown)."""
    p = argparse.ArgumentParser(prog="python -m game.lab.ablation", description=__doc__)
    p.add_argument("--games", type=int, default=1000, help="seeds per row (default 1000)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all)")
    p.add_argument("--scenario", default=DEFAULT_SCENARIO, help="shipped name or .toml path")
    p.add_argument("--difficulty", default=None, help="level id or label (default: normal)")
    p.add_argument("--seed", type=int, default=0, help="the first seed (default 0)")
    args = p.parse_args(argv)
    try:
        if args.games < 1:
            raise GameError("--games must be at least 1")
        loaded = load(scenario_path(args.scenario))
        level = difficulty_of(loaded, args.difficulty)
        rows = run(
            args.games,
            args.jobs,
            scenario=args.scenario,
            difficulty=level,
            seed=args.seed,
        )
    except GameError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    label = loaded.difficulty(level).label
    print(markdown(rows, args.games, f"{level} ({label})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
