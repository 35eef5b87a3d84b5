"""Apply declared effects (of moves, events and China's tools) to the working state, now or
later (delayed and lasting effects wait in the state's ``pending`` list)."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.figures import ALLY_LISTS, SECTOR_LISTS
from game.engine.measures import screened_share
from game.engine.scenario import STRONGEST_DOMAIN, Effect, Tool
from game.engine.state import Pending, new_pending
from game.engine.work import ALL_INDICES, Work, WorkingAlly

NO_INDEX = -1  # a scalar figure: no domain or sector
_SECTOR_SCALES = ("exposure", "dependence", "stake")  # scales that read one sector
_GROUP_SCALES = ("none", "coverage", "members")  # scales that read no ally (_move_scale)


def effect_index(w: Work, effect: Effect, target: str | None) -> int:
    """The domain or sector an effect applies to (``ALL_INDICES``: every one; ``NO_INDEX``
    for a scalar figure). ``target`` is the move's domain or sector, if any."""
    index = w.index
    if ALLY_LISTS.get(effect.var) == "domain" and effect.who != "coalition":
        domain = effect.domain or (target if target in index.domain_index else None)
        return index.domain_index[domain] if domain else ALL_INDICES
    if effect.var in SECTOR_LISTS:
        sector = effect.sector or target
        if sector == "all" or sector is None:
            return ALL_INDICES
        return index.sector_index[sector]
    return NO_INDEX


def _scale_sector(w: Work, effect: Effect, target: str | None, i: int) -> int:
    """The sector whose figures an exposure, dependence or stake scale reads."""
    if effect.var in SECTOR_LISTS and i >= 0:
        return i
    sector = effect.sector if effect.sector not in (None, "all") else target
    return w.index.sector_index.get(sector, 0) if sector else 0


def _indices(w: Work, effect: Effect, index: int) -> list[int]:
    """The entries an ally-directed effect changes: one, or every domain or sector."""
    if index != ALL_INDICES:
        return [index]
    if ALLY_LISTS.get(effect.var) == "domain":
        return list(range(len(w.scenario.domains)))
    return list(range(len(w.scenario.sectors)))


def _move_scale(
    w: Work, scale: str, a: WorkingAlly | None, k: int, factors: dict[str, float]
) -> float:
    """What a move's or event's effect amount is multiplied by."""
    if scale == "none":
        return 1.0
    if scale in ("coverage", "members"):
        return factors.get(scale, 1.0)
    if a is None:
        return 1.0
    value: float
    if scale == "alignment":
        value = a.alignment / 100.0
        return value
    i = max(k, 0)
    if scale == "exposure":
        value = a.export_exposure[i]
    elif scale == "dependence":
        value = a.import_dependence[i]
    else:  # stake: China-bound sales plus China-sourced inputs of the sector, percent of GDP
        weight = w.scenario.allies[a.index].sectors[i].weight
        value = 100.0 * weight * (a.export_exposure[i] + a.import_dependence[i])
    return value


def recipients(w: Work, who: str, participants: Sequence[WorkingAlly]) -> Sequence[WorkingAlly]:
    """The allies an ally-directed effect reaches (``self``/``target``: the participants
    themselves; read only)."""
    if who in ("self", "target"):
        return participants
    if who == "outsiders":
        ids = {p.id for p in participants}
        return [a for a in w.allies if a.id not in ids]
    if who == "others":
        return [a for a in w.allies if a not in participants and not a.accommodated]
    return w.allies  # "allies"


Planned = tuple[Effect, WorkingAlly | None, float, int]  # effect, ally (None: group), amount, index


def apply_effects(
    w: Work,
    effects: Sequence[Effect],
    participants: Sequence[WorkingAlly],
    target: str | None,
    factors: dict[str, float],
    cause: str,
    per_member: bool = False,
) -> None:
    """Apply (or schedule) the effects of a move or event; changes are recorded on the event
    being built.

    Every amount is worked out from the position before any of these effects applies, so a
    cost scaled by a sector's stake is the stake before the move cut it. With ``per_member``
    (moves), an effect on China or the coalition counts once per participant, so a joint
    move is at least the sum of its members acting alone; effects scaled by coverage already
    add up the members' shares and count once.
    """
    planned: list[Planned] = []
    for effect in effects:
        index = effect_index(w, effect, target)
        if effect.who in ("china", "coalition"):
            amount = effect.amount * _move_scale(w, effect.scale, None, index, factors)
            if per_member and effect.scale != "coverage":
                amount *= len(participants)
            planned.append((effect, None, amount, index))
            continue
        indices = _indices(w, effect, index)
        if effect.scale in _GROUP_SCALES:  # the same for every recipient: worked out once
            amount = effect.amount * _move_scale(w, effect.scale, None, index, factors)
            for a in recipients(w, effect.who, participants):
                for i in indices:
                    planned.append((effect, a, amount, i))
            continue
        sector_scale = effect.scale in _SECTOR_SCALES
        for a in recipients(w, effect.who, participants):
            for i in indices:
                k = i
                if sector_scale and effect.var not in SECTOR_LISTS:
                    k = _scale_sector(w, effect, target, i)
                scale = _move_scale(w, effect.scale, a, k, factors)
                planned.append((effect, a, effect.amount * scale, i))
    _apply_planned(w, planned, cause)


def apply_tool_effects(w: Work, tool: Tool, a: WorkingAlly, intensity: float, sector: int) -> int:
    """Apply a coercion tool's effects to its target ``a`` (and whoever else they reach),
    each amount multiplied by the action's intensity. ``sector`` is the sector the tool
    struck (sector figures without a sector of their own use it). Returns the domain a
    ``strongest`` effect hit (``NO_INDEX`` if none). Losses of output on an ally count as
    output lost to coercion this turn."""
    strongest = NO_INDEX
    unscreened: float | None = None
    planned: list[Planned] = []
    for effect in tool.effects:
        if effect.domain == STRONGEST_DOMAIN:
            strongest = index = max(range(len(a.tech)), key=lambda k: a.tech[k])
        elif effect.var in SECTOR_LISTS and effect.sector is None and sector >= 0:
            index = sector
        else:
            index = effect_index(w, effect, None)
        amount = effect.amount * intensity
        if effect.scale == "unscreened":
            if unscreened is None:
                unscreened = 1.0 - screened_share(w)
            amount = amount * unscreened
        elif effect.scale == "unaligned":
            amount = amount * (1.0 - a.alignment / 100.0)
        if effect.who in ("china", "coalition"):
            planned.append((effect, None, amount, index))
            continue
        for b in recipients(w, effect.who, [a]):
            x = (
                amount * b.digital_exposure / 100.0
                if effect.scale == "digital_exposure"
                else amount
            )
            for i in _indices(w, effect, index):
                planned.append((effect, b, x, i))
    for effect, hit, x, _ in planned:
        if hit is not None and effect.var == "gdp" and x < 0 and not effect.delay:
            hit.turn_loss += -x
    _apply_planned(w, planned, tool.id)
    return strongest


def _apply_planned(w: Work, planned: list[Planned], cause: str) -> None:
    turn = w.turn
    for effect, b, amount, i in planned:
        if effect.delay > 0 or effect.turns > 1:
            due = turn + effect.delay
            last = due + effect.turns - 1
            who = "ally" if b is not None else effect.who
            ally = b.id if b is not None else None
            w.pending.append(new_pending(due, last, who, ally, effect.var, amount, i, cause))
        elif b is not None:
            w.ally_change(b, effect.var, amount, i)
        else:
            apply_one(w, effect.who, None, effect.var, amount, i)


def apply_one(
    w: Work, who: str, a: WorkingAlly | None, var: str, amount: float, index: int
) -> float:
    """Apply one change now; return the change applied."""
    if who == "ally" and a is not None:
        return w.ally_change(a, var, amount, index)
    if who == "china":
        return w.china_change(var, amount, index)
    return w.coalition_change(var, amount)


def apply_pending(w: Work) -> None:
    """Apply every delayed or lasting effect due this turn, one event per cause; drop spent
    ones."""
    groups: dict[str, list[Pending]] = {}
    keep = []
    turn = w.turn
    for p in w.pending:
        if p.due <= turn <= p.last:
            groups.setdefault(p.cause, []).append(p)
        if p.last > turn:
            keep.append(p)
    w.pending = keep
    for cause, items in groups.items():
        for p in items:
            a = w.by_id.get(p.ally) if p.ally else None
            if a is not None and p.who == "ally":  # apply_one's first case, without its call
                w.ally_change(a, p.var, p.amount, p.index)
            else:
                apply_one(w, p.who, a, p.var, p.amount, p.index)
        if w.deltas:
            names = sorted({w.by_id[p.ally].name for p in items if p.ally in w.by_id})
            who = f" for {', '.join(names)}" if names else ""
            w.emit(
                "world",
                "delayed",
                cause_kind(w, cause),
                cause,
                "",
                f"{cause_name(w, cause)} takes effect{who}",
            )


def cause_kind(w: Work, cause: str) -> str:
    """``move``, ``rule`` (a tool's lasting effect) or ``event``: what a cause id names."""
    index = w.index
    if cause in index.moves:
        return "move"
    if cause in index.tools and cause not in index.events:
        return "rule"
    return "event"


def cause_name(w: Work, cause: str) -> str:
    """The display name of a move, tool or scenario event id."""
    index = w.index
    if cause in index.moves:
        return index.moves[cause].name
    if cause in index.events:
        return index.events[cause].title
    if cause in index.tools:
        return index.tools[cause].name
    return cause
