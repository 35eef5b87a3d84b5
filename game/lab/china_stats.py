"""How China behaves over many simulated games, and what its coercion costs the allies.

Measured with the lab's process pool on seeded games (every government played by one policy):
the escalation ladder (how often it reaches its top rung and falls back), how often China
repeats last turn's rule and target, whether its signals come true, what preparing for them is
worth, how much each difficulty level's own rules act and matter, concessions, intensity, and
coercion losses against the calibrated real episodes they model.

    python -m game.lab.china_stats --games 200 --jobs 2

``section(games, jobs)`` returns the same as Markdown (docs/balance.md's China section).
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence
from functools import cache

from attrs import evolve, frozen

from game.ai.policies import coordinated
from game.engine import (
    WIN_TIERS,
    GameState,
    Order,
    Policy,
    Rng,
    Scenario,
    new_game,
    policy_rng,
    resolve_turn,
)
from game.lab.backends import pool_map, seed_slices
from game.lab.calibration import CALIBRATED, HIGH, LOW, alone_rates, alone_tasks, run_alone
from game.lab.specs import resolve
from game.scenarios import builtin_names, load, scenario_path

DEFAULT = "collective-resilience"
POLICIES = ("coordinated", "unilateral", "passive")
BLIND = "coordinated-blind"  # coordinated with China's signals hidden from it
CONCESSION_SCENARIO = "australia-2020"
CONCESSION_ALLY = "australia"


# -- one game -------------------------------------------------------------------------------


@frozen
class Task:
    """A run of seeds for one scenario, difficulty and policy; ``without`` names a difficulty
    level whose own rules are taken out (the ablation)."""

    scenario: str
    difficulty: str
    policy: str
    first: int
    count: int
    without: str | None = None


@frozen
class ChinaGame:
    """What China did in one game, and what it cost."""

    score: float
    won: bool
    top_turn: int  # first turn ending on the ladder's top rung (0: never)
    fell: bool  # the rung went down at least once
    actions: int
    repeats: int  # actions with the same rule and target as one of last turn's
    own_rule_actions: int  # actions by the difficulty level's own rules
    signals: int
    signals_true: int  # signals China carried out (same rule, same ally) that turn
    concessions: int
    recoerced: int  # concessions followed by China acting against that ally the same turn
    conceders: tuple[str, ...]
    applications: int  # coercion episodes started
    above_one: int  # of which with intensity above 1
    intensities: tuple[tuple[str, float], ...]  # (tool, intensity) of each episode started
    losses: tuple[tuple[str, float, int], ...]  # (ally, output lost, quarters it lost some)


@cache
def _scenario(name: str, without: str | None) -> Scenario:
    scenario = load(scenario_path(name))
    if without is None:
        return scenario
    return evolve(
        scenario,
        difficulties=tuple(
            evolve(d, rules=()) if d.id == without else d for d in scenario.difficulties
        ),
    )


def _blind(scenario: Scenario, state: GameState, ally_id: str, rng: Rng) -> list[Order]:
    """The coordinated policy, not told what China signals."""
    return coordinated(scenario, evolve(state, signals=()), ally_id, rng)


def _policy(spec: str) -> Policy:
    return _blind if spec == BLIND else resolve(spec)


def play_one(scenario: Scenario, difficulty: str, spec: str, seed: int) -> ChinaGame:
    """Play one game with every government on ``spec`` and record China's behaviour."""
    policy = _policy(spec)
    own = {r.id for r in scenario.difficulty(difficulty).rules}
    top = len(scenario.china.ladder) - 1
    state, _ = new_game(scenario, seed, difficulty, explain=False)
    top_turn, fell = 0, False
    actions = repeats = own_actions = signals = signals_true = 0
    concessions = recoerced = applications = above_one = 0
    conceders: set[str] = set()
    intensities: list[tuple[str, float]] = []
    coerced_quarters: dict[str, int] = {}
    rule_tool = {r.id: r.tool for r in scenario.china.doctrine}
    for d in scenario.difficulties:
        rule_tool.update({r.id: r.tool for r in d.rules})
    while state.outcome is None:
        orders: list[Order] = []
        for spec_ally in scenario.allies:
            ally_id = spec_ally.id
            orders.extend(policy(scenario, state, ally_id, policy_rng(scenario, state, ally_id)))
        after, _ = resolve_turn(scenario, state, orders, explain=False)
        acted = after.china.acted
        last = set(state.china.acted)
        actions += len(acted)
        repeats += sum(1 for x in acted if x in last)
        own_actions += sum(1 for rule, _ in acted if rule in own)
        signals += len(state.signals)
        done = set(acted)
        signals_true += sum(1 for s in state.signals if (s.rule, s.ally) in done)
        targets = {ally for _, ally in acted}
        for b, a in zip(state.allies, after.allies, strict=True):
            if a.concessions > b.concessions:
                concessions += 1
                conceders.add(a.id)
                recoerced += a.id in targets
            if a.coercion_loss > b.coercion_loss:
                coerced_quarters[a.id] = coerced_quarters.get(a.id, 0) + 1
        for e in after.china.episodes:
            if e.started == state.turn:
                applications += 1
                above_one += e.intensity > 1.0
                intensities.append((e.tool, e.intensity))
        rung_before, rung_after = int(state.china.escalation), int(after.china.escalation)
        if rung_after < rung_before:
            fell = True
        if rung_after >= top and not top_turn:
            top_turn = state.turn
        state = after
    outcome = state.outcome
    assert outcome is not None
    return ChinaGame(
        score=outcome.score,
        won=outcome.tier in WIN_TIERS,
        top_turn=top_turn,
        fell=fell,
        actions=actions,
        repeats=repeats,
        own_rule_actions=own_actions,
        signals=signals,
        signals_true=signals_true,
        concessions=concessions,
        recoerced=recoerced,
        conceders=tuple(sorted(conceders)),
        applications=applications,
        above_one=above_one,
        intensities=tuple(intensities),
        losses=tuple((a.id, a.coercion_loss, coerced_quarters.get(a.id, 0)) for a in state.allies),
    )


def run_task(task: Task) -> list[ChinaGame]:
    """A worker's task: its seeds, played in order."""
    scenario = _scenario(task.scenario, task.without)
    difficulty = scenario.difficulty(task.difficulty).id
    return [
        play_one(scenario, difficulty, task.policy, seed)
        for seed in range(task.first, task.first + task.count)
    ]


Key = tuple[str, str, str, str | None]  # scenario, difficulty, policy, without


def measure(keys: Sequence[Key], games: int, jobs: int) -> dict[Key, list[ChinaGame]]:
    """Play ``games`` seeds (from 0) of each key on ``jobs`` processes (0: every core)."""
    tasks = [
        Task(s, d, p, first, count, w) for s, d, p, w in keys for first, count in seed_slices(games)
    ]
    results = pool_map(run_task, tasks, jobs if jobs > 0 else None)
    out: dict[Key, list[ChinaGame]] = {k: [] for k in keys}
    for task, rows in zip(tasks, results, strict=True):
        out[(task.scenario, task.difficulty, task.policy, task.without)].extend(rows)
    return out


# -- the tables -----------------------------------------------------------------------------


def _share(hits: float, total: float) -> str:
    return f"{hits / total:.0%}" if total else "-"


def _mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def _ladder_table(rows: dict[Key, list[ChinaGame]], normal: str) -> list[str]:
    out = [
        "| policy | games | top rung reached | median turn | ladder falls | repeats | "
        "signals come true |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in POLICIES:
        g = rows[(DEFAULT, normal, p, None)]
        tops = [x.top_turn for x in g if x.top_turn]
        median = f"{statistics.median(tops):g}" if tops else "-"
        out.append(
            f"| {p} | {len(g)} | {_share(len(tops), len(g))} | {median} "
            f"| {_share(sum(x.fell for x in g), len(g))} "
            f"| {_share(sum(x.repeats for x in g), sum(x.actions for x in g))} "
            f"| {_share(sum(x.signals_true for x in g), sum(x.signals for x in g))} |"
        )
    return out


def _levels_table(
    scenario: Scenario, rows: dict[Key, list[ChinaGame]]
) -> tuple[list[str], list[str]]:
    out = [
        "| level | its own rules | share of China's actions | coordinated mean score | "
        "without them | change | win rate | without them |",
        "|---|---|---|---|---|---|---|---|",
    ]
    weak: list[str] = []
    for d in scenario.difficulties:
        if not d.rules:
            continue
        g = rows[(DEFAULT, d.id, "coordinated", None)]
        cut = rows[(DEFAULT, d.id, "coordinated", d.id)]
        share = sum(x.own_rule_actions for x in g) / max(1, sum(x.actions for x in g))
        with_, without = _mean([x.score for x in g]), _mean([x.score for x in cut])
        if share < 0.05:
            weak.append(d.id)
        out.append(
            f"| {d.id} ({d.label}) | {', '.join(r.id for r in d.rules)} | {share:.1%} "
            f"| {with_:.1f} | {without:.1f} | {with_ - without:+.1f} "
            f"| {_share(sum(x.won for x in g), len(g))} "
            f"| {_share(sum(x.won for x in cut), len(cut))} |"
        )
    return out, weak


def _concession_table(rows: dict[Key, list[ChinaGame]], names: Sequence[str]) -> list[str]:
    out = [
        "| scenario | policy | games with a concession | Australia concedes | concessions "
        "per game | coerced again the same turn | episodes with intensity > 1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in names:
        normal = _scenario(name, None).default_difficulty
        for p in POLICIES:
            g = rows[(name, normal, p, None)]
            n = len(g)
            conc = sum(x.concessions for x in g)
            aus = sum(CONCESSION_ALLY in x.conceders for x in g)
            has_aus = any(a.id == CONCESSION_ALLY for a in _scenario(name, None).allies)
            out.append(
                f"| {name} | {p} | {_share(sum(bool(x.conceders) for x in g), n)} "
                f"| {_share(aus, n) if has_aus else '-'} | {conc / max(1, n):.2f} "
                f"| {_share(sum(x.recoerced for x in g), conc)} "
                f"| {_share(sum(x.above_one for x in g), sum(x.applications for x in g))} |"
            )
    return out


def _tool_table(rows: dict[Key, list[ChinaGame]], names: Sequence[str]) -> list[str]:
    out = [
        "| scenario | tool | episodes | median intensity | largest |",
        "|---|---|---|---|---|",
    ]
    for name in names:
        normal = _scenario(name, None).default_difficulty
        by_tool: dict[str, list[float]] = {}
        for p in POLICIES:
            for x in rows[(name, normal, p, None)]:
                for tool, i in x.intensities:
                    by_tool.setdefault(tool, []).append(i)
        for tool, values in sorted(by_tool.items()):
            out.append(
                f"| {name} | {tool} | {len(values)} | {statistics.median(values):.2f} "
                f"| {max(values):.2f} |"
            )
    return out


def _loss_table(
    rows: dict[Key, list[ChinaGame]], names: Sequence[str], alone: dict[tuple[str, int], float]
) -> tuple[list[str], list[str]]:
    """The losses table, and the rows whose measures alone miss the real figure by more
    than a factor of two."""
    out = [
        "| scenario | ally | real episode | real | the measures alone (tools) | ratio "
        "| in play: " + " / ".join(POLICIES) + " | ratios in play | source |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    misses: list[str] = []
    for name in names:
        normal = _scenario(name, None).default_difficulty
        allies = {a.id for a in _scenario(name, None).allies}
        for i, c in enumerate(CALIBRATED):
            if c.ally not in allies:
                continue
            rates, ratios = [], []
            for p in POLICIES:
                lost = quarters = 0.0
                for x in rows[(name, normal, p, None)]:
                    for ally, loss, q in x.losses:
                        if ally == c.ally:
                            lost += loss
                            quarters += q
                rates.append(f"{lost / quarters:.2f}%" if quarters else "-")
                ratios.append(f"{lost / quarters / c.per_quarter:.1f}" if quarters else "-")
            rate = alone.get((name, i))
            if rate is None:
                measured, ratio = "- (not modelled)", "-"
            else:
                measured = f"{rate:.2f}% ({', '.join(c.tools)})"
                ratio = f"{rate / c.per_quarter:.2f}"
                if not LOW <= rate / c.per_quarter <= HIGH:
                    misses.append(f"{name} {c.ally}")
            out.append(
                f"| {name} | {c.ally} | {c.episode} | {c.per_quarter:.2f}% ({c.working}) "
                f"| {measured} | {ratio} | {' / '.join(rates)} | {' / '.join(ratios)} "
                f"| {c.source} |"
            )
    return out, misses


def section(games: int, jobs: int) -> str:
    """China's behaviour and the cost of its coercion, as a Markdown section."""
    default = _scenario(DEFAULT, None)
    normal = default.default_difficulty
    names = builtin_names()
    keys: list[Key] = [(DEFAULT, normal, p, None) for p in (*POLICIES, BLIND)]
    for d in default.difficulties:
        if d.rules:
            keys += [(DEFAULT, d.id, "coordinated", None), (DEFAULT, d.id, "coordinated", d.id)]
    for name in names:
        s_normal = _scenario(name, None).default_difficulty
        keys += [(name, s_normal, p, None) for p in POLICIES]
    rows = measure(list(dict.fromkeys(keys)), games, jobs)
    tasks = alone_tasks(names, games)
    alone = alone_rates(tasks, pool_map(run_alone, tasks, jobs if jobs > 0 else None))
    losses, misses = _loss_table(rows, names, alone)
    lines = [
        "## China's behaviour and the cost of its coercion",
        "",
        f"Measured by `python -m game.lab.china_stats --games {games}` (seeds 0-{games - 1}, "
        f"every government on one policy; default scenario at {normal} unless a table says).",
        "",
        "### The escalation ladder, repeats and signals",
        "",
        *_ladder_table(rows, normal),
        "",
        "Reading: the share of games whose escalation reaches the ladder's top rung (and the "
        "median turn it does), of games in which the rung goes down at least once, of China's "
        "actions that repeat one of last turn's (same rule, same ally), and of signals China "
        "carried out as announced in the turn they were for.",
        "",
    ]
    seeing = rows[(DEFAULT, normal, "coordinated", None)]
    blind = rows[(DEFAULT, normal, BLIND, None)]
    diff = _mean([x.score for x in seeing]) - _mean([x.score for x in blind])
    lines += [
        "### What preparing for China's signals is worth",
        "",
        "| coordinated | mean score | win rate |",
        "|---|---|---|",
        f"| reads the signals | {_mean([x.score for x in seeing]):.1f} "
        f"| {_share(sum(x.won for x in seeing), len(seeing))} |",
        f"| signals hidden | {_mean([x.score for x in blind]):.1f} "
        f"| {_share(sum(x.won for x in blind), len(blind))} |",
        "",
        f"Reading: preparing for what China signals is worth {diff:+.1f} points of mean score "
        "to the coordinated policy (same seeds).",
        "",
    ]
    levels, weak = _levels_table(default, rows)
    lines += [
        "### Each difficulty level's own rules",
        "",
        *levels,
        "",
        "Reading: the share of China's actions at each level taken by the rules that level "
        "adds, and the coordinated policy's mean score and win rate at that level with and "
        "without them (the ablation)"
        + (f"; below 5% of actions: {', '.join(weak)}." if weak else "."),
        "",
        "### Concessions and intensity (each scenario at its default level)",
        "",
        *_concession_table(rows, names),
        "",
        "Reading: how often a coerced ally concedes, how often China coerces a conceding ally "
        "again in the same turn, and how often a coercion episode's intensity exceeds 1 (more "
        "than the whole stake).",
        "",
        *_tool_table(rows, names),
        "",
        "Reading: the intensity of each tool's episodes (1: the tool removes all the target's "
        "China-bound sales, or inputs, in the sector that are not hedged).",
        "",
        "### Coercion losses against the calibrated episodes",
        "",
        *losses,
        "",
        "Reading: the output an ally loses to coercion per quarter in which it loses some "
        "(percent of its output), against the real episode. *The measures alone* is the "
        "like-for-like check of the magnitudes: China applies only the tools that model the "
        "episode's measures, to that ally, at the scenario's default level, while every "
        f"government stands by (seeds 0-{games - 1}), as the real targets stood without a "
        "coalition's help; its ratio over the real figure should lie within 0.5-2 (a factor "
        "of two)"
        + (f"; outside it: {', '.join(misses)}." if misses else ", and does in every row.")
        + " *In play* every government follows one policy and China its whole doctrine: a "
        "coalition blunts the losses (coordinated), and China piles several measures, and "
        "not only the episode's, on governments that defy it alone (unilateral).",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m game.lab.china_stats --games N [--jobs J]``: print the section."""
    p = argparse.ArgumentParser(prog="python -m game.lab.china_stats", description=__doc__)
    p.add_argument("--games", type=int, default=200, help="seeds per measurement (default 200)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = p.parse_args(argv)
    if args.games < 1:
        p.error("--games must be at least 1")
    print(section(args.games, args.jobs if args.jobs is not None else 0))


if __name__ == "__main__":
    main()
