"""China's doctrine: rules as data, tried in priority order within an action budget.

Each rule's conditions read a fixed vocabulary of variables (global ones, or ``target.*``
ones that filter the candidate allies); its selector ranks the candidates; its tool is applied
to the best one. Every decision records the figures that made it fire, the candidates it
passed over, and why the other rules did not fire.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from game.engine.index import scenario_index
from game.engine.scenario import (
    CONDITION_OPS,
    GLOBAL_CONDITION_VARS,
    SELECTORS,
    TARGET_CONDITION_VARS,
    Condition,
    Rule,
    Scenario,
)
from game.engine.work import WAlly, Work


class Decision:
    """A rule that fired: on whom, with which figures, and what it passed over."""

    __slots__ = ("passed_over", "reasons", "rule", "target")

    def __init__(
        self, rule: Rule, target: str, reasons: tuple[str, ...], passed_over: tuple[str, ...]
    ) -> None:
        self.rule = rule
        self.target = target
        self.reasons = reasons
        self.passed_over = passed_over

    def __repr__(self) -> str:
        return (
            f"Decision(rule={self.rule.id!r}, target={self.target!r}, "
            f"reasons={self.reasons!r}, passed_over={self.passed_over!r})"
        )


class LevelTables:
    """What a difficulty level adds up to, with the levels below it (computed once)."""

    __slots__ = ("action_budget", "capacity", "intensity", "levels", "rules")

    def __init__(self, scenario: Scenario, difficulty_id: str) -> None:
        level = scenario.difficulty(difficulty_id).level
        self.levels = tuple(d for d in scenario.difficulties if d.level <= level)
        rules = list(scenario.china.doctrine)
        for d in self.levels:
            rules.extend(d.rules)
        self.rules = tuple(rules)
        extra = sum(d.action_budget for d in self.levels)
        self.action_budget = max(0, scenario.china.action_budget + extra)
        self.intensity = sum((d.intensity for d in self.levels), 0.0)
        self.capacity = scenario.china.capacity + sum((d.capacity for d in self.levels), 0.0)


def level_tables(scenario: Scenario, difficulty_id: str) -> LevelTables:
    """The cumulative figures of a difficulty level (cached per scenario)."""
    extra = scenario_index(scenario).extra
    key = ("level", difficulty_id)
    tables = extra.get(key)
    if tables is None:
        tables = extra[key] = LevelTables(scenario, difficulty_id)
    return tables


# -- variables --------------------------------------------------------------------------

# The scenario vocabulary's variables, selectors and operators by number: _global_by_code,
# _target_by_code, _select_by_code and _compare below evaluate them in the vocabulary's order.
_GLOBAL_CODES: Final[dict[str, int]] = {n: i for i, n in enumerate(GLOBAL_CONDITION_VARS)}
_TARGET_CODES: Final[dict[str, int]] = {
    n[7:]: i
    for i, n in enumerate(TARGET_CONDITION_VARS)  # without "target."
}
_SELECTOR_CODES: Final[dict[str, int]] = {name: i for i, name in enumerate(SELECTORS)}
_OP_CODES: Final[dict[str, int]] = {name: i for i, name in enumerate(CONDITION_OPS)}


def global_value(w: Work, var: str) -> float:
    """The value of a global condition variable."""
    return _global_by_code(w, _GLOBAL_CODES[var])


def conditions_hold(w: Work, conditions: tuple[Condition, ...], ally: WAlly | None) -> bool:
    """Whether every condition holds (``target.*`` ones read ``ally``; none: they fail)."""
    for c in conditions:
        if c.var.startswith("target."):
            if ally is None:
                return False
            value = target_value(w, ally, c.var)
        else:
            value = global_value(w, c.var)
        if not _compare(_OP_CODES[c.op], value, c.value):
            return False
    return True


def unhedged(values: list[float], resilience: list[float]) -> float:
    """The largest share of any sector at China's mercy, after resilience."""
    # max((v * (1.0 - r) for ...), default=0.0) as a plain loop: the same first largest
    if len(values) != len(resilience):
        raise ValueError("unhedged: one value and one resilience per sector")
    best = 0.0
    for k in range(len(values)):
        x = values[k] * (1.0 - resilience[k])
        if k == 0 or x > best:
            best = x
    return best


def target_value(w: Work, a: WAlly, var: str) -> float:
    """The value of a ``target.*`` condition variable for one candidate ally."""
    code = _TARGET_CODES.get(var[7:])
    if code is None:
        raise KeyError(var)
    return _target_by_code(w, a, code)


def leverage_on(w: Work, a: WAlly, imports: bool) -> float:
    """China's leverage on an ally's exports (or inputs): percent of GDP at stake, unhedged."""
    weights = sector_weights(w.scenario)[a.index]
    values = a.import_dependence if imports else a.export_exposure
    resilience = a.resilience
    if not len(weights) == len(values) == len(resilience):
        raise ValueError("leverage_on: one weight, value and resilience per sector")
    # 100.0 * sum(p.weight * v * (1.0 - r) for ...) as a plain loop: the same sum, in order
    # (0.0 + x is x for every float x, as 0 + x is)
    total = 0.0
    for k in range(len(weights)):
        total += weights[k] * values[k] * (1.0 - resilience[k])
    return 100.0 * total


def sector_weights(scenario: Scenario) -> list[list[float]]:
    """Each ally's sector weights, in the scenario's sector order (cached per scenario)."""
    return scenario_index(scenario).weights


def total_gdp(scenario: Scenario) -> float:
    """The allies' combined GDP (cached per scenario)."""
    extra = scenario_index(scenario).extra
    total = extra.get("total_gdp")
    if total is None:
        total = extra["total_gdp"] = sum((x.gdp for x in scenario.allies), 0.0)
    return total


def _coalition_leader(w: Work, a: WAlly) -> float:
    share = scenario_index(w.scenario).gdp[a.index] / total_gdp(w.scenario)
    measures = sum(1 for m in w.measures if a.id in m.members)
    return 100.0 * share + 10.0 * measures + a.defiance * 0.2


# -- variables by number -----------------------------------------------------------------

if (
    GLOBAL_CONDITION_VARS != (
        "turn", "escalation", "backlash", "capacity", "cohesion", "pledge_size",
        "controls_in_force", "accommodated", "fusion",
    )
    or tuple(_TARGET_CODES) != (
        "defiance", "resolve", "alignment", "strain", "export_exposure", "import_dependence",
        "digital_exposure", "in_pledge", "controls", "accommodated", "coerced",
    )
    or SELECTORS != (
        "most_defiant", "most_exposed", "most_dependent", "weakest_resolve", "coalition_leader",
        "most_digital_exposed", "least_aligned", "pledge_outsider", "highest_tech",
    )
    or CONDITION_OPS != ("<", "<=", ">", ">=", "==", "!=")
):  # fmt: skip
    raise AssertionError("doctrine.py: update the numbered variables to the scenario vocabulary")


def _global_by_code(w: Work, code: int) -> float:
    """Global variable number ``code`` of GLOBAL_CONDITION_VARS."""
    if code == 0:
        return float(w.turn)
    if code == 1:
        return w.escalation
    if code == 2:
        return w.backlash
    if code == 3:
        return w.capacity
    if code == 4:
        return w.cohesion
    if code == 5:
        n = 0
        for x in w.pledge:
            if not w.by_id[x].accommodated:
                n += 1
        return float(n)
    if code == 6:
        n = 0
        for m in w.measures:
            if m.kind == "export_control":
                n += 1
        return float(n)
    if code == 7:
        n = 0
        for a in w.allies:
            if a.accommodated:
                n += 1
        return float(n)
    return w.fusion


def _target_by_code(w: Work, a: WAlly, code: int) -> float:
    """Target variable number ``code`` of TARGET_CONDITION_VARS for one ally."""
    if code == 0:
        return a.defiance
    if code == 1:
        return a.resolve
    if code == 2:
        return a.alignment
    if code == 3:
        return a.strain
    if code == 4:
        return unhedged(a.export_exposure, a.resilience)
    if code == 5:
        return unhedged(a.import_dependence, a.resilience)
    if code == 6:
        return a.digital_exposure
    if code == 7:
        return 1.0 if a.id in w.pledge else 0.0
    if code == 8:
        n = 0
        for m in w.measures:
            if m.kind == "export_control" and a.id in m.members:
                n += 1
        return float(n)
    if code == 9:
        return 1.0 if a.accommodated else 0.0
    n = 0
    for e in w.episodes:
        if e.ally == a.id:
            n += 1
    return float(n)


def _select_by_code(w: Work, a: WAlly, code: int) -> float:
    """Selector number ``code`` of SELECTORS: how strongly it prefers this ally."""
    if code == 0:  # most_defiant
        return a.defiance
    if code == 1 or code == 7:  # most_exposed, pledge_outsider
        return leverage_on(w, a, imports=False)
    if code == 2:  # most_dependent
        return leverage_on(w, a, imports=True)
    if code == 3:  # weakest_resolve
        return 100.0 - a.resolve
    if code == 4:  # coalition_leader
        return _coalition_leader(w, a)
    if code == 5:  # most_digital_exposed
        return a.digital_exposure
    if code == 6:  # least_aligned
        return 100.0 - a.alignment
    return sum(a.tech, 0.0) / len(a.tech)  # highest_tech


def compare(op: str, x: float, y: float) -> bool:
    """``x <op> y`` for a condition operator (``<``, ``<=``, ``>``, ``>=``, ``==``, ``!=``)."""
    return _compare(_OP_CODES[op], x, y)


def _compare(op: int, x: float, y: float) -> bool:
    """``x <op> y`` for operator number ``op`` of CONDITION_OPS."""
    if op == 0:
        return x < y
    if op == 1:
        return x <= y
    if op == 2:
        return x > y
    if op == 3:
        return x >= y
    if op == 4:
        return x == y
    return x != y


def _fmt(value: float) -> str:
    return (
        f"{value:.2f}"
        if abs(value) < 1.0 and value != 0
        else f"{value:.1f}".rstrip("0").rstrip(".")
    )


class _Check:
    """A rule condition ready to test: its variable's and comparison's numbers (-1: an unknown
    variable, which fails with KeyError when tested) and formatted threshold."""

    __slots__ = ("code", "op", "op_code", "value", "value_text", "var")

    def __init__(self, c: Condition, code: int) -> None:
        self.var = c.var
        self.op = c.op
        self.value = c.value
        self.value_text = _fmt(c.value)
        self.op_code = _OP_CODES[c.op]
        self.code = code


class _CompiledRule:
    """A rule's conditions split into global and ``target.*`` checks, in their order."""

    __slots__ = ("chance", "cost", "globals", "outsider", "rule", "selector", "targets", "tool_id")

    def __init__(self, scenario: Scenario, rule: Rule) -> None:
        self.rule = rule
        self.cost = rule.cost
        self.chance = rule.chance
        self.tool_id: str | None = None  # looked up when first needed, as decide did
        self.outsider = rule.selector == "pledge_outsider"
        self.globals: list[_Check] = []
        self.targets: list[_Check] = []
        for c in rule.conditions:
            if c.var.startswith("target."):
                self.targets.append(_Check(c, _TARGET_CODES.get(c.var[7:], -1)))
            else:
                self.globals.append(_Check(c, _GLOBAL_CODES.get(c.var, -1)))
        self.selector = _SELECTOR_CODES.get(rule.selector, -1)


def _global_check(w: Work, c: _Check) -> float:
    if c.code < 0:
        raise KeyError(c.var)
    return _global_by_code(w, c.code)


def _target_check(w: Work, a: WAlly, c: _Check) -> float:
    if c.code < 0:
        raise KeyError(c.var)
    return _target_by_code(w, a, c.code)


def _compiled(scenario: Scenario, rule: Rule) -> _CompiledRule:
    """The compiled form of a rule, cached per scenario (keyed by identity, checked)."""
    extra = scenario_index(scenario).extra
    key = ("rule", id(rule))
    compiled = extra.get(key)
    if compiled is None or compiled.rule is not rule:
        compiled = extra[key] = _CompiledRule(scenario, rule)
    return compiled


def _compiled_rules(scenario: Scenario, rules: Sequence[Rule]) -> Sequence[_CompiledRule]:
    """The compiled forms of a rule list; for a tuple (immutable, as level_tables gives),
    cached per scenario, keyed by the tuple's identity (checked)."""
    if type(rules) is not tuple:
        return [_compiled(scenario, rule) for rule in rules]
    extra = scenario_index(scenario).extra
    key = ("rules", id(rules))
    entry = extra.get(key)
    if entry is None or entry[0] is not rules:
        entry = extra[key] = (rules, tuple(_compiled(scenario, rule) for rule in rules))
    return entry[1]


# -- deciding ---------------------------------------------------------------------------


def decide(
    w: Work,
    rules: Sequence[Rule],
    budget: int,
    roll: bool,
    why: bool = True,
    report: bool = True,
) -> tuple[list[Decision], list[str]]:
    """Try each rule in order; return the decisions and why the others did not fire.

    With ``roll`` false (the telegraph), chance rolls are skipped: every rule that could fire,
    does. Texts are built only when asked: ``why``, each decision's reasons; ``report``, the
    rules not fired and the candidates passed over (otherwise both are left empty). Which
    rules fire, on whom, and the random draws do not depend on either.
    """
    decisions: list[Decision] = []
    skipped: list[str] = []
    hit: set[str] = set()
    left = budget
    under_way: dict[str, set[str]] = {}  # tool -> allies it is already used against
    for e in w.episodes:
        under_way.setdefault(e.tool, set()).add(e.ally)
    scenario = w.scenario
    allies = w.allies
    for compiled in _compiled_rules(scenario, rules):
        rule = compiled.rule
        if compiled.cost > left:
            if report:
                skipped.append(f"{rule.id}: out of action budget")
            continue
        failed = False
        global_values: list[float] = []  # formatted into reasons only if the rule fires
        for c in compiled.globals:
            value = _global_check(w, c)
            if not _compare(c.op_code, value, c.value):
                if report:
                    skipped.append(f"{rule.id}: {c.var} {_fmt(value)} is not {c.op} {c.value_text}")
                failed = True
                break
            global_values.append(value)
        if failed:
            continue
        tool_id = compiled.tool_id
        if tool_id is None:
            tool_id = compiled.tool_id = scenario_index(scenario).tools[rule.tool].id
        busy = under_way.get(tool_id)
        targets = compiled.targets
        selector = compiled.selector
        outsider = compiled.outsider
        # (score, -index, ally, the values of its target conditions)
        candidates: list[tuple[float, int, WAlly, list[float]]] = []
        rejected: list[str] = []  # only the first three are reported
        for a in allies:
            if a.accommodated or a.id in hit or (busy is not None and a.id in busy):
                continue
            values: list[float] = []
            ok = True
            for c in targets:
                value = _target_check(w, a, c)
                if not _compare(c.op_code, value, c.value):
                    if report and len(rejected) < 3:
                        rejected.append(f"{a.name} ({c.var} {_fmt(value)})")
                    ok = False
                    break
                values.append(value)
            if ok and outsider and a.id in w.pledge:
                if report and len(rejected) < 3:
                    rejected.append(f"{a.name} (in the pledge)")
                ok = False
            if ok:
                if selector < 0:
                    raise KeyError(rule.selector)
                candidates.append((_select_by_code(w, a, selector), -a.index, a, values))
        if not candidates:
            if report:
                skipped.append(f"{rule.id}: no eligible target")
            continue
        if roll and compiled.chance < 1.0 and not w.rng.chance(compiled.chance):
            if report:
                skipped.append(
                    f"{rule.id}: held back this turn (acts with chance {rule.chance:.0%})"
                )
            continue
        if len(candidates) > 1:
            candidates.sort(key=_rank, reverse=True)
        score, _, chosen, values = candidates[0]
        reasons: list[str] = []
        if why:
            for c, value in zip(compiled.globals, global_values, strict=True):
                reasons.append(f"{c.var} {_fmt(value)} {c.op} {c.value_text}")
            for c, value in zip(targets, values, strict=True):
                reasons.append(f"{chosen.name} {c.var} {_fmt(value)} {c.op} {c.value_text}")
            reasons.append(f"{rule.selector.replace('_', ' ')}: {chosen.name} scores {_fmt(score)}")
        passed: tuple[str, ...] = ()
        if report:
            passed = tuple(f"{a.name} {_fmt(sc)}" for sc, _, a, _ in candidates[1:4])
            passed += tuple(rejected)
        decisions.append(Decision(rule, chosen.id, tuple(reasons), passed))
        hit.add(chosen.id)
        left -= compiled.cost
    return decisions, skipped


def _rank(candidate: tuple) -> tuple[float, int]:
    return candidate[0], candidate[1]
