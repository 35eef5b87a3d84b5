"""China's doctrine: rules as data, tried in priority order within an action budget.

Each rule's conditions read a fixed vocabulary of variables (global ones, or ``target.*``
ones that filter the candidate allies); its selector ranks the candidates; its tool is applied
to the best one. Every decision records the figures that made it fire, the candidates it
passed over, and why the other rules did not fire.

The vocabulary is the function tables below: a variable, selector or operator is a name in
one of them, and the loader accepts exactly those names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from operator import itemgetter
from typing import Final

from attrs import field, frozen

from game.engine.figures import ALLY_SCALARS
from game.engine.index import scenario_index
from game.engine.ops import OPS
from game.engine.reasons import chosen as picked
from game.engine.reasons import (
    met,
    pre_empted,
    repeated,
    rule_name,
    selector_figure,
    shown_figure,
    sparing,
    unmet,
)
from game.engine.scenario import Condition, Rule, Scenario
from game.engine.work import Work, WorkingAlly

# -- the vocabulary -----------------------------------------------------------------------

CONDITION_OPS: Final = tuple(OPS)


def _count(items: Sequence[object]) -> float:
    return float(len(items))


def _controls(w: Work, a: WorkingAlly | None) -> float:
    """How many export controls are in force (that ``a`` takes part in, if given)."""
    n = 0
    for m in w.measures:
        if m.kind == "export_control" and (a is None or a.id in m.members):
            n += 1
    return float(n)


GLOBAL_VARS: Final[dict[str, Callable[[Work], float]]] = {
    "turn": lambda w: float(w.turn),
    "escalation": lambda w: w.china.escalation,
    "backlash": lambda w: w.china.backlash,
    "capacity": lambda w: w.china.capacity,
    "cohesion": lambda w: w.coalition.cohesion,
    "pledge_size": lambda w: _count([x for x in w.coalition.pledge if not w.by_id[x].accommodated]),
    "controls_in_force": lambda w: _controls(w, None),
    "accommodated": lambda w: _count([a for a in w.allies if a.accommodated]),
    "fusion": lambda w: w.china.fusion,
}


def unhedged(values: Sequence[float], resilience: Sequence[float]) -> float:
    """The largest share of any sector at China's mercy, after resilience."""
    if len(values) != len(resilience):
        raise ValueError("unhedged: one value and one resilience per sector")
    if not values:
        return 0.0
    best = values[0] * (1.0 - resilience[0])  # max()'s first largest
    for k in range(1, len(values)):
        x = values[k] * (1.0 - resilience[k])
        if x > best:
            best = x
    return best


def _figure(name: str, w: Work, a: WorkingAlly) -> float:
    value: float = getattr(a, name)
    return value


# ``target.<name>``: every scalar ally figure, then the derived ones.
TARGET_VARS: Final[dict[str, Callable[[Work, WorkingAlly], float]]] = {
    **{name: partial(_figure, name) for name in ALLY_SCALARS},
    "export_exposure": lambda w, a: unhedged(a.export_exposure, a.resilience),
    "import_dependence": lambda w, a: unhedged(a.import_dependence, a.resilience),
    "in_pledge": lambda w, a: 1.0 if a.id in w.coalition.pledge else 0.0,
    "controls": _controls,
    "accommodated": lambda w, a: 1.0 if a.accommodated else 0.0,
    "coerced": lambda w, a: _count([e for e in w.episodes if e.ally == a.id]),
}
CONDITION_VARS: Final = (*GLOBAL_VARS, *(f"target.{name}" for name in TARGET_VARS))


def stakes(w: Work, a: WorkingAlly) -> tuple[float, float]:
    """China's leverage on an ally's exports and on its inputs: percent of GDP at stake,
    unhedged (both in one pass over its sectors)."""
    profiles = w.scenario.allies[a.index].sectors
    exposure, dependence, resilience = a.export_exposure, a.import_dependence, a.resilience
    if not len(profiles) == len(exposure) == len(dependence) == len(resilience):
        raise ValueError("stakes: one weight, exposure, dependence and resilience per sector")
    exports = imports = 0.0
    for k in range(len(profiles)):
        weight = profiles[k].weight
        unhedged_share = 1.0 - resilience[k]
        exports += weight * exposure[k] * unhedged_share
        imports += weight * dependence[k] * unhedged_share
    return 100.0 * exports, 100.0 * imports


def leverage_on(w: Work, a: WorkingAlly, imports: bool) -> float:
    """China's leverage on an ally's exports (or inputs): percent of GDP at stake, unhedged."""
    return stakes(w, a)[imports]


def total_gdp(scenario: Scenario) -> float:
    """The allies' combined GDP (added up once per scenario)."""
    index = scenario_index(scenario)
    total: float | None = index.total_gdp
    if total is None:
        total = index.total_gdp = sum((x.gdp for x in scenario.allies), 0.0)
    return total


def _coalition_leader(w: Work, a: WorkingAlly) -> float:
    t = w.tuning
    share: float = w.scenario.allies[a.index].gdp / total_gdp(w.scenario)
    measures = 0
    for m in w.measures:
        if a.id in m.members:
            measures += 1
    defiance: float = a.defiance
    return 100.0 * share + t.leader_measure_weight * measures + defiance * t.leader_defiance_weight


# How strongly each selector prefers an ally (the highest score is chosen).
SELECTORS: Final[dict[str, Callable[[Work, WorkingAlly], float]]] = {
    "most_defiant": lambda w, a: a.defiance,
    "most_exposed": lambda w, a: leverage_on(w, a, imports=False),
    "most_dependent": lambda w, a: leverage_on(w, a, imports=True),
    "weakest_resolve": lambda w, a: 100.0 - a.resolve,
    "coalition_leader": _coalition_leader,
    "most_digital_exposed": lambda w, a: a.digital_exposure,
    "least_aligned": lambda w, a: 100.0 - a.alignment,
    "pledge_outsider": lambda w, a: leverage_on(w, a, imports=False),  # pledge members excluded
    "highest_tech": lambda w, a: sum(a.tech, 0.0) / len(a.tech),
}


def compare(op: str, x: float, y: float) -> bool:
    """``x <op> y`` for a condition operator (``<``, ``<=``, ``>``, ``>=``, ``==``, ``!=``)."""
    return OPS[op](x, y)


def global_value(w: Work, var: str) -> float:
    """The value of a global condition variable."""
    return GLOBAL_VARS[var](w)


def target_value(w: Work, a: WorkingAlly, var: str) -> float:
    """The value of a ``target.*`` condition variable for one candidate ally."""
    return TARGET_VARS[var.removeprefix("target.")](w, a)


def conditions_hold(w: Work, conditions: Sequence[Condition], ally: WorkingAlly | None) -> bool:
    """Whether every condition holds (``target.*`` ones read ``ally``; none: they fail)."""
    for c in conditions:
        if c.var.startswith("target."):
            if ally is None:
                return False
            value = target_value(w, ally, c.var)
        else:
            value = global_value(w, c.var)
        if not OPS[c.op](value, c.value):
            return False
    return True


# -- difficulty levels --------------------------------------------------------------------


# (condition, its function, comparison, its threshold as a rule's text shows it)
GlobalCheck = tuple[Condition, Callable[[Work], float], Callable[[float, float], bool], str]
# (condition, the ally figure it reads directly or None, else the function, comparison,
# its threshold as shown)
TargetCheck = tuple[
    Condition,
    str | None,
    Callable[[Work, WorkingAlly], float],
    Callable[[float, float], bool],
    str,
]
Tried = tuple[
    Rule, tuple[GlobalCheck, ...], tuple[TargetCheck, ...], Callable[[Work, WorkingAlly], float]
]


def _threshold(c: Condition) -> str:
    """A condition's comparison and threshold as a rule as written shows them (``>= 8``)."""
    return f"{c.op} {fmt(c.value)}"


def _plain_figure(name: str) -> str | None:
    """The ally figure a ``target.*`` variable reads as it is, if it is one."""
    reader = TARGET_VARS[name]
    return name if isinstance(reader, partial) and reader.func is _figure else None


@frozen
class Level:
    """What a difficulty level adds up to, with the levels below it: the doctrine's rules in
    the order China tries them, its action budget, the intensity bonus and capacity.
    ``tried`` pairs each rule's global and ``target.*`` conditions, and its selector, with
    the vocabulary's functions that evaluate them (looked up once, not every turn)."""

    rules: tuple[Rule, ...]
    action_budget: int
    intensity: float
    capacity: float
    tried: tuple[Tried, ...] = field(init=False)

    @tried.default
    def _split(self) -> tuple[Tried, ...]:
        return tuple(
            (
                rule,
                tuple(
                    (c, GLOBAL_VARS[c.var], OPS[c.op], _threshold(c))
                    for c in rule.conditions
                    if not c.var.startswith("target.")
                ),
                tuple(
                    (
                        c,
                        _plain_figure(c.var.removeprefix("target.")),
                        TARGET_VARS[c.var.removeprefix("target.")],
                        OPS[c.op],
                        _threshold(c),
                    )
                    for c in rule.conditions
                    if c.var.startswith("target.")
                ),
                SELECTORS[rule.selector],
            )
            for rule in self.rules
        )


def level_of(scenario: Scenario, difficulty_id: str) -> Level:
    """The cumulative doctrine and figures of a difficulty level (cached per scenario)."""
    cache = scenario_index(scenario).levels
    level = cache.get(difficulty_id)
    if level is None:
        n = scenario.difficulty(difficulty_id).level
        below = [d for d in scenario.difficulties if d.level <= n]
        rules = list(scenario.china.doctrine)
        for d in below:
            rules.extend(d.rules)
        level = cache[difficulty_id] = Level(
            rules=rule_order(rules),
            action_budget=max(
                0, scenario.china.action_budget + sum(d.action_budget for d in below)
            ),
            intensity=sum((d.intensity for d in below), 0.0),
            capacity=scenario.china.capacity + sum((d.capacity for d in below), 0.0),
        )
    return level


def rule_order(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    """The order China tries rules in: highest ``priority`` first (ties keep file order:
    the base doctrine, then each difficulty level's rules), then each rule with ``before``
    moved just ahead of the rule it names (in file order; the loader rejects unknown names
    and cycles)."""
    ordered = sorted(rules, key=lambda r: -r.priority)
    for rule in [r for r in rules if r.before]:
        ids = [r.id for r in ordered]
        if rule.before not in ids:
            continue
        ordered.remove(rule)
        ids = [r.id for r in ordered]
        ordered.insert(ids.index(rule.before), rule)
    return tuple(ordered)


# -- deciding -----------------------------------------------------------------------------


class Decision:
    """A rule that fired: on whom, with which figures, and what it passed over."""

    __slots__ = ("passed_over", "raw", "reasons", "rule", "target")

    def __init__(
        self,
        rule: Rule,
        target: str,
        reasons: tuple[str, ...],
        passed_over: tuple[str, ...],
        raw: tuple[str, ...] = (),
    ) -> None:
        self.rule = rule
        self.target = target
        self.reasons = reasons  # plain sentences
        self.passed_over = passed_over
        # the rule's conditions as written, with the figures that met them (signals keep these
        # in the state, so saves made before the sentences replay unchanged)
        self.raw = raw

    def __repr__(self) -> str:
        return (
            f"Decision(rule={self.rule.id!r}, target={self.target!r}, "
            f"reasons={self.reasons!r}, passed_over={self.passed_over!r})"
        )


RAW_RULE: Final = "Rule as written: "  # the detail line that gives a decision's rule raw


def raw_rule(decision: Decision) -> str:
    """The detail line with a decision's rule as written and its figures."""
    return f"{RAW_RULE}{decision.rule.id}: " + "; ".join(decision.raw)


def fmt(value: float) -> str:
    """A figure as the doctrine's reasons show it."""
    return (
        f"{value:.2f}"
        if abs(value) < 1.0 and value != 0
        else f"{value:.1f}".rstrip("0").rstrip(".")
    )


_REPORTED: Final = 3  # candidates listed as passed over, and rejected ones, per decision


def spared(w: Work) -> set[str]:
    """The allies China spares this turn: a respite after a concession."""
    return {ally for ally, last in w.china.respite if last >= w.turn}


def decide(
    w: Work,
    level: Level,
    why: bool = True,
    report: bool = True,
    rule_raw: bool = False,
    announced: Sequence[tuple[str, str]] = (),
) -> tuple[list[Decision], list[str]]:
    """Try each rule of a difficulty level in order, within its action budget; return the
    decisions and why the other rules did not fire.

    ``announced`` are the (rule, ally) pairs China signalled for this turn: those rules are
    tried first, each only on the ally it named and without a chance roll (it was rolled
    when the signal was made); a rule whose ally no longer qualifies was pre-empted and
    does not act. The other rules then act as usual on what is left of the budget. A rule
    does not aim at the ally it aimed at last turn (unless a ``tuning.repeat_chance`` roll
    lets it), and allies in a respite after a concession are spared. Texts are built only
    when asked: ``why``, each decision's reasons and its rule as written with the figures
    (``raw``); ``rule_raw``, only the latter; ``report``, the rules not fired and the
    candidates passed over (otherwise all are left empty). Which rules fire, on whom, and
    the random draws do not depend on any of them.
    """
    decisions: list[Decision] = []
    skipped: list[str] = []
    resting = spared(w)
    hit: set[str] = set(resting)
    left = level.action_budget
    under_way: dict[str, set[str]] = {}  # tool -> allies it is already used against
    for e in w.episodes:
        under_way.setdefault(e.tool, set()).add(e.ally)
    tools = w.index.tools
    promised = dict(announced)  # rule -> the ally its signal named
    last: dict[str, set[str]] = {}  # rule -> the allies it acted on last turn
    for rule_id, ally_id in w.china.acted:
        last.setdefault(rule_id, set()).add(ally_id)
    repeat_chance = w.tuning.repeat_chance
    tried: Sequence[Tried] = level.tried
    if promised:
        tried = [x for x in tried if x[0].id in promised] + [
            x for x in tried if x[0].id not in promised
        ]
    # Nothing changes while China decides: each selector scores an ally once per decision.
    scores: dict[tuple[str, str], float] = {}
    for rule, global_checks, target_checks, select in tried:
        named = promised.get(rule.id)
        if rule.cost > left:
            if report:
                skipped.append(f"{rule_name(rule.id)}: China had no actions left this turn")
            continue
        global_values: list[float] = []  # formatted into reasons only if the rule fires
        failed = False
        for c, read_global, holds, _ in global_checks:
            value = read_global(w)
            if not holds(value, c.value):
                if report:
                    why_not = unmet(c.var, value, c.op, c.value)
                    skipped.append(f"{rule_name(rule.id)} did not fire: {why_not}")
                failed = True
                break
            global_values.append(value)
        if failed:
            continue
        tool = tools[rule.tool]
        busy = under_way.get(tool.id, ())
        only = rule.target or tool.target
        outsider = rule.selector == "pledge_outsider"
        again = last.get(rule.id, ())
        # (ally, the values of its target conditions)
        candidates: list[tuple[WorkingAlly, list[float]]] = []
        rejected: list[str] = []
        for a in w.allies:
            ally_id = a.id
            if a.accommodated or ally_id in hit or ally_id in busy:
                if report and ally_id in resting and len(rejected) < _REPORTED:
                    rejected.append(f"{a.name} ({sparing()})")
                continue
            if only is not None and ally_id != only:
                continue
            if named is not None and ally_id != named:
                continue
            if ally_id in again and not (
                repeat_chance >= 1.0 or (repeat_chance > 0 and w.rng.chance(repeat_chance))
            ):
                if report and len(rejected) < _REPORTED:
                    rejected.append(f"{a.name} ({repeated(rule.id, w.scenario.turn_label)})")
                continue
            values: list[float] = []
            for c, figure, read_target, holds, _ in target_checks:
                value = getattr(a, figure) if figure is not None else read_target(w, a)
                if not holds(value, c.value):
                    if report and len(rejected) < _REPORTED:
                        rejected.append(f"{a.name} ({unmet(c.var, value, c.op, c.value)})")
                    break
                values.append(value)
            else:  # every target condition holds
                if outsider and ally_id in w.coalition.pledge:
                    if report and len(rejected) < _REPORTED:
                        rejected.append(f"{a.name} (it is in the pledge)")
                else:
                    candidates.append((a, values))
        if not candidates:
            if report:
                skipped.append(
                    f"{rule_name(rule.id)} did not fire: "
                    + (pre_empted(w.by_id[named].name) if named else "no ally qualified")
                )
            continue
        if named is None and rule.chance < 1.0 and not w.rng.chance(rule.chance):
            if report:
                skipped.append(
                    f"{rule_name(rule.id)} was held back this turn "
                    f"(it acts with a {rule.chance:.0%} chance)"
                )
            continue
        # The selector ranks the candidates of a rule that acts; a lone candidate is scored
        # only for the texts.
        ranked: list[tuple[float, int, WorkingAlly, list[float]]] = []  # score, -index, ...
        if len(candidates) > 1 or why or rule_raw or report:
            for a, values in candidates:
                key = (rule.selector, a.id)
                score = scores.get(key)
                if score is None:
                    score = scores[key] = select(w, a)
                ranked.append((score, -a.index, a, values))
            if len(ranked) > 1:
                ranked.sort(key=itemgetter(0, 1), reverse=True)  # score, then -index
        else:
            ranked.append((0.0, 0, *candidates[0]))  # its score is not shown
        score, _, chosen, values = ranked[0]
        reasons: list[str] = []
        raw: list[str] = []
        if why:
            for (c, _, _, _), value in zip(global_checks, global_values, strict=True):
                reasons.append(met(c.var, value, c.op, c.value))
            shown: dict[str, str] = {}
            for (c, _, _, _, _), value in zip(target_checks, values, strict=True):
                reasons.append(met(c.var, value, c.op, c.value, chosen.name))
                words, text = shown_figure(c.var, value, c.op, c.value)
                shown[words] = text
            reasons.append(picked(rule.selector, chosen.name, score, shown))
        if why or rule_raw:
            for (c, _, _, shown_at), value in zip(global_checks, global_values, strict=True):
                raw.append(f"{c.var} {fmt(value)} {shown_at}")
            for (c, _, _, _, shown_at), value in zip(target_checks, values, strict=True):
                raw.append(f"{chosen.name} {c.var} {fmt(value)} {shown_at}")
            raw.append(f"{rule.selector.replace('_', ' ')}: {chosen.name} scores {fmt(score)}")
        passed: tuple[str, ...] = ()
        if report:
            passed = tuple(
                f"{a.name} ({selector_figure(rule.selector, sc)})"
                for sc, _, a, _ in ranked[1 : 1 + _REPORTED]
            )
            passed += tuple(rejected)
        decisions.append(Decision(rule, chosen.id, tuple(reasons), passed, tuple(raw)))
        hit.add(chosen.id)
        left -= rule.cost
    return decisions, skipped
