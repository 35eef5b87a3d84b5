"""Apply declared effects (moves, tools, events) to the working state, now or later."""

from __future__ import annotations

from typing import Final

from game.engine.builders import new_pending
from game.engine.doctrine import sector_weights
from game.engine.index import scenario_index
from game.engine.scenario import Effect
from game.engine.state import Pending
from game.engine.work import WAlly, Work

_SECTOR_VARS: Final = ("export_exposure", "import_dependence", "resilience")
ALL: Final = -2


def effect_index(w: Work, effect: Effect, target: str | None) -> int:
    """The domain or sector index an effect applies to (``ALL`` for every one, -1 for none)."""
    s = w.scenario
    if effect.var == "tech":
        domain = effect.domain or (target if target in scenario_index(s).domain_index else None)
        return scenario_index(s).domain_index[domain] if domain else ALL
    if effect.var in _SECTOR_VARS:
        sector = effect.sector or target
        if sector == "all" or sector is None:
            return ALL
        return scenario_index(s).sector_index[sector]
    return -1


def scale_sector(w: Work, effect: Effect, target: str | None, index: int) -> int:
    """The sector whose figures an exposure, dependence or stake scale reads."""
    if effect.var in _SECTOR_VARS and index >= 0:
        return index
    sector = effect.sector if effect.sector not in (None, "all") else target
    table = scenario_index(w.scenario).sector_index
    return table.get(sector, 0) if sector else 0


def _scale(w: Work, scale: str, a: WAlly | None, index: int, factors: dict) -> float:
    if scale == "none":
        return 1.0
    if scale in ("coverage", "members"):
        return factors.get(scale, 1.0)
    if a is None:
        return 1.0
    if scale == "alignment":
        return a.alignment / 100.0
    i = max(index, 0)
    if scale == "exposure":
        return a.export_exposure[i]
    if scale == "dependence":
        return a.import_dependence[i]
    # stake: China-bound sales plus China-sourced inputs of the sector, percent of GDP
    weight = sector_weights(w.scenario)[a.index][i]  # the sector profile's weight
    return 100.0 * weight * (a.export_exposure[i] + a.import_dependence[i])


def recipients(w: Work, who: str, participants: list[WAlly]) -> list[WAlly]:
    """The allies an ally-directed effect reaches."""
    if who == "self":
        return participants
    if who == "outsiders":
        ids = {p.id for p in participants}
        return [a for a in w.allies if a.id not in ids]
    return w.allies  # "allies"


def apply_effects(
    w: Work,
    effects: tuple[Effect, ...],
    participants: list[WAlly],
    target: str | None,
    factors: dict,
    cause: str,
    per_member: bool = False,
) -> None:
    """Apply (or schedule) each effect; changes are recorded on the event being built.

    Every amount is worked out from the position before any of these effects applies, so a
    cost scaled by a sector's stake is the stake before the move cut it. With ``per_member``
    (moves), an effect on China or the coalition counts once per participant, so a joint
    move is at least the sum of its members acting alone; effects scaled by coverage already
    add up the members' shares and count once.
    """
    planned: list[tuple[_Step, WAlly | None, float, int]] = []
    for step in _plan(w, effects, target):
        if step.group:  # China or the coalition
            amount = step.amount * _scale(w, step.scale, None, step.index, factors)
            if per_member and step.scale != "coverage":
                amount *= len(participants)
            planned.append((step, None, amount, step.index))
            continue
        for a in recipients(w, step.who, participants):
            for i, k in step.pairs:
                amount = step.amount * _scale(w, step.scale, a, k, factors)
                planned.append((step, a, amount, i))
    turn = w.turn
    b: WAlly | None
    for step, b, amount, i in planned:
        if step.delay > 0 or step.turns > 1:
            due = turn + step.delay
            last = due + step.turns - 1
            if b is not None:
                w.pending.append(new_pending(due, last, "ally", b.id, step.var, amount, i, cause))
            else:
                w.pending.append(new_pending(due, last, step.who, None, step.var, amount, i, cause))
        elif b is not None:  # an ally
            w.ally_change(b, step.var, amount, i)
        else:
            apply_one(w, step.who, None, step.var, amount, i)


class _Step:
    """One effect as apply_effects uses it, worked out once per scenario, effects and target:
    its figures as plain attributes, whether it goes to China or the coalition (``group``),
    its index, and for allies the (index, scale sector) pairs it applies to."""

    __slots__ = ("amount", "delay", "group", "index", "pairs", "scale", "turns", "var", "who")

    def __init__(
        self, effect: Effect, group: bool, index: int, pairs: tuple[tuple[int, int], ...]
    ) -> None:
        self.amount = effect.amount
        self.scale = effect.scale
        self.who = effect.who
        self.var = effect.var
        self.delay = effect.delay
        self.turns = effect.turns
        self.group = group
        self.index = index
        self.pairs = pairs


def _plan(w: Work, effects: tuple[Effect, ...], target: str | None) -> tuple[_Step, ...]:
    """What of ``apply_effects`` depends only on the scenario, the effects and the target,
    worked out once: per effect, whether it goes to China or the coalition, its index, and
    for allies the (index, scale sector) pairs it applies to. Cached per scenario, keyed by
    the effects' identity (checked) and the target."""
    cache = scenario_index(w.scenario).extra.setdefault("effect_plans", {})
    key = (id(effects), target)
    entry = cache.get(key)
    if entry is not None and entry[0] is effects:
        return entry[1]
    steps: list[_Step] = []
    for effect in effects:
        index = effect_index(w, effect, target)
        if effect.who in ("china", "coalition"):
            steps.append(_Step(effect, True, index, ()))
            continue
        pairs = tuple(
            (i, i if effect.var in _SECTOR_VARS else scale_sector(w, effect, target, i))
            for i in _indices(w, None, effect, index)  # type: ignore[arg-type]
        )
        steps.append(_Step(effect, False, index, pairs))
    cache[key] = (effects, tuple(steps))
    return cache[key][1]


def _indices(w: Work, a: WAlly, effect: Effect, index: int) -> list[int]:
    if index != ALL:
        return [index]
    if effect.var == "tech":
        return list(range(len(w.scenario.domains)))
    if effect.var in _SECTOR_VARS:
        return list(range(len(w.scenario.sectors)))
    return [index]


def apply_one(w: Work, who: str, a: WAlly | None, var: str, amount: float, index: int) -> float:
    """Apply one change now; return the change applied."""
    if who == "ally" and a is not None:
        return w.ally_change(a, var, amount, index)
    if who == "china":
        if var == "tech" and index == ALL:
            return sum((w.china_change("tech", amount, i) for i in range(len(w.china_tech))), 0.0)
        return w.china_change(var, amount, index)
    return w.coalition_change(var, amount)


def apply_pending(w: Work) -> None:
    """Apply every delayed or lasting effect due this turn, one event per cause; drop spent ones."""
    groups: dict[str, list[Pending]] = {}
    keep = []
    turn = w.turn
    for p in w.pending:
        last = p.last
        if p.due <= turn <= last:
            groups.setdefault(p.cause, []).append(p)
        if last > turn:
            keep.append(p)
    w.pending = keep
    for cause, items in groups.items():
        for p in items:
            ally = p.ally
            a = w.by_id.get(ally) if ally else None
            apply_one(w, p.who, a, p.var, p.amount, p.index)
        if w.deltas:
            names = sorted({w.by_id[p.ally].name for p in items if p.ally in w.by_id})
            who = f" for {', '.join(names)}" if names else ""
            w.emit(
                "world",
                "delayed",
                "move" if _is_move(w, cause) else "event",
                cause,
                "",
                f"{_cause_name(w, cause)} takes effect{who}",
            )


def _is_move(w: Work, cause: str) -> bool:
    return cause in scenario_index(w.scenario).moves


def _cause_name(w: Work, cause: str) -> str:
    index = scenario_index(w.scenario)
    move = index.moves.get(cause)
    if move is not None:
        return move.name
    titles = index.extra.get("event_titles")
    if titles is None:
        titles = index.extra["event_titles"] = {}
        for e in w.scenario.events:
            titles.setdefault(e.id, e.title)
    return titles.get(cause, cause)
