"""China's doctrine: rules as data, tried in priority order within an action budget.

Each rule's conditions read a fixed vocabulary of variables (global ones, or ``target.*``
ones that filter the candidate allies); its selector ranks the candidates; its tool is applied
to the best one. Every decision records the figures that made it fire, the candidates it
passed over, and why the other rules did not fire.
"""

from __future__ import annotations

from attrs import frozen

from game.engine.scenario import Condition, Difficulty, Rule, Scenario
from game.engine.work import WAlly, Work

_OPS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


@frozen
class Decision:
    """A rule that fired: on whom, with which figures, and what it passed over."""

    rule: Rule
    target: str
    reasons: tuple[str, ...]
    passed_over: tuple[str, ...]


def levels_up_to(scenario: Scenario, difficulty_id: str) -> list[Difficulty]:
    """The difficulty levels in force at this level (levels are cumulative)."""
    level = scenario.difficulty(difficulty_id).level
    return [d for d in scenario.difficulties if d.level <= level]


def doctrine_rules(scenario: Scenario, difficulty_id: str) -> list[Rule]:
    """The scenario's doctrine plus the rules every level up to this one adds, in order."""
    rules = list(scenario.china.doctrine)
    for d in levels_up_to(scenario, difficulty_id):
        rules.extend(d.rules)
    return rules


def action_budget(scenario: Scenario, difficulty_id: str) -> int:
    """China's actions per turn at this difficulty."""
    extra = sum(d.action_budget for d in levels_up_to(scenario, difficulty_id))
    return max(0, scenario.china.action_budget + extra)


# -- variables --------------------------------------------------------------------------


def global_value(w: Work, var: str) -> float:
    """The value of a global condition variable."""
    if var == "turn":
        return float(w.turn)
    if var == "escalation":
        return w.escalation
    if var == "backlash":
        return w.backlash
    if var == "capacity":
        return w.capacity
    if var == "cohesion":
        return w.cohesion
    if var == "pledge_size":
        return float(sum(1 for x in w.pledge if not w.by_id[x].accommodated))
    if var == "controls_in_force":
        return float(sum(1 for m in w.measures if m.kind == "export_control"))
    if var == "accommodated":
        return float(sum(1 for a in w.allies if a.accommodated))
    if var == "fusion":
        return w.fusion
    raise KeyError(var)


def unhedged(values: list[float], resilience: list[float]) -> float:
    """The largest share of any sector at China's mercy, after resilience."""
    return max((v * (1.0 - r) for v, r in zip(values, resilience, strict=True)), default=0.0)


def target_value(w: Work, a: WAlly, var: str) -> float:
    """The value of a ``target.*`` condition variable for one candidate ally."""
    name = var[7:]
    if name == "defiance":
        return a.defiance
    if name == "resolve":
        return a.resolve
    if name == "alignment":
        return a.alignment
    if name == "strain":
        return a.strain
    if name == "export_exposure":
        return unhedged(a.export_exposure, a.resilience)
    if name == "import_dependence":
        return unhedged(a.import_dependence, a.resilience)
    if name == "digital_exposure":
        return a.digital_exposure
    if name == "in_pledge":
        return 1.0 if a.id in w.pledge else 0.0
    if name == "controls":
        return float(sum(1 for m in w.measures if m.kind == "export_control" and a.id in m.members))
    if name == "accommodated":
        return 1.0 if a.accommodated else 0.0
    if name == "coerced":
        return float(sum(1 for e in w.episodes if e.ally == a.id))
    raise KeyError(var)


def leverage_on(w: Work, a: WAlly, imports: bool) -> float:
    """China's leverage on an ally's exports (or inputs): percent of GDP at stake, unhedged."""
    profiles = w.scenario.allies[a.index].sectors
    values = a.import_dependence if imports else a.export_exposure
    return 100.0 * sum(
        p.weight * v * (1.0 - r) for p, v, r in zip(profiles, values, a.resilience, strict=True)
    )


def selector_score(w: Work, a: WAlly, selector: str) -> float:
    """How strongly a selector prefers this ally (higher is preferred)."""
    if selector == "most_defiant":
        return a.defiance
    if selector in ("most_exposed", "pledge_outsider"):
        return leverage_on(w, a, imports=False)
    if selector == "most_dependent":
        return leverage_on(w, a, imports=True)
    if selector == "weakest_resolve":
        return 100.0 - a.resolve
    if selector == "coalition_leader":
        total = sum(x.gdp for x in w.scenario.allies)
        share = w.scenario.allies[a.index].gdp / total
        measures = sum(1 for m in w.measures if a.id in m.members)
        return 100.0 * share + 10.0 * measures + a.defiance * 0.2
    if selector == "most_digital_exposed":
        return a.digital_exposure
    if selector == "least_aligned":
        return 100.0 - a.alignment
    if selector == "highest_tech":
        return sum(a.tech) / len(a.tech)
    raise KeyError(selector)


def _fmt(value: float) -> str:
    return (
        f"{value:.2f}"
        if abs(value) < 1.0 and value != 0
        else f"{value:.1f}".rstrip("0").rstrip(".")
    )


def _test(w: Work, c: Condition, a: WAlly | None) -> tuple[bool, float]:
    value = target_value(w, a, c.var) if c.var.startswith("target.") else global_value(w, c.var)
    return _OPS[c.op](value, c.value), value


# -- deciding ---------------------------------------------------------------------------


def decide(w: Work, rules: list[Rule], budget: int, roll: bool) -> tuple[list[Decision], list[str]]:
    """Try each rule in order; return the decisions and why the others did not fire.

    With ``roll`` false (the telegraph), chance rolls are skipped: every rule that could fire,
    does.
    """
    decisions: list[Decision] = []
    skipped: list[str] = []
    hit: set[str] = set()
    left = budget
    for rule in rules:
        if rule.cost > left:
            skipped.append(f"{rule.id}: out of action budget")
            continue
        failed = None
        reasons: list[str] = []
        for c in rule.conditions:
            if c.var.startswith("target."):
                continue
            ok, value = _test(w, c, None)
            if not ok:
                failed = f"{c.var} {_fmt(value)} is not {c.op} {_fmt(c.value)}"
                break
            reasons.append(f"{c.var} {_fmt(value)} {c.op} {_fmt(c.value)}")
        if failed:
            skipped.append(f"{rule.id}: {failed}")
            continue
        tool = w.scenario.tool(rule.tool)
        candidates: list[tuple[float, int, WAlly, list[str]]] = []
        rejected: list[str] = []
        for a in w.allies:
            if a.accommodated or a.id in hit:
                continue
            if any(e.ally == a.id and e.tool == tool.id for e in w.episodes):
                continue
            why: list[str] = []
            ok = True
            for c in rule.conditions:
                if not c.var.startswith("target."):
                    continue
                good, value = _test(w, c, a)
                if not good:
                    rejected.append(f"{a.name} ({c.var} {_fmt(value)})")
                    ok = False
                    break
                why.append(f"{a.name} {c.var} {_fmt(value)} {c.op} {_fmt(c.value)}")
            if ok and rule.selector == "pledge_outsider" and a.id in w.pledge:
                rejected.append(f"{a.name} (in the pledge)")
                ok = False
            if ok:
                candidates.append((selector_score(w, a, rule.selector), -a.index, a, why))
        if not candidates:
            skipped.append(f"{rule.id}: no eligible target")
            continue
        if roll and rule.chance < 1.0 and not w.rng.chance(rule.chance):
            skipped.append(f"{rule.id}: held back this turn (acts with chance {rule.chance:.0%})")
            continue
        candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
        score, _, chosen, why = candidates[0]
        reasons.extend(why)
        reasons.append(f"{rule.selector.replace('_', ' ')}: {chosen.name} scores {_fmt(score)}")
        passed = tuple(f"{a.name} {_fmt(sc)}" for sc, _, a, _ in candidates[1:4]) + tuple(
            rejected[:3]
        )
        decisions.append(Decision(rule, chosen.id, tuple(reasons), passed))
        hit.add(chosen.id)
        left -= rule.cost
    return decisions, skipped
