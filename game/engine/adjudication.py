"""The facilitator's interventions (the seminar's "white cell"), as data.

An :class:`Intervention` is one ruling or change, with the turn and phase it belongs to, what
it touched, the value before and after, and the facilitator's one-line reason. Because it is
data, a save keeps the list and a replay applies it exactly.

Rulings on a turn, passed to ``resolve_turn(..., rulings=...)``:

- ``void`` in phase ``moves``: an order of the turn is annulled before it is carried out
  (target ``ally:move`` or ``ally:move:target``), or a joint proposal due this turn is not
  enacted (target its id, ``P3``); nothing is paid, nothing happens.
- ``void`` in phase ``china``: one of China's actions this turn is not carried out (target
  ``rule:ally``, as :func:`rulable` lists them).
- ``grade`` in phase ``moves``: a move's outcome is regraded for the debrief (target
  ``ally:move``; ``after`` one of ``GRADES``).

Changes between turns (phase ``orders``), applied with :func:`intervene`:

- ``figure``: a figure set to a value within its bounds (target ``japan.resolve``,
  ``japan.tech.semiconductors``, ``china.escalation``, ``coalition.cohesion``; see
  :func:`figure_names`).
- ``inject``: news published, with optional effects in the events' vocabulary (``target``:
  the inject's id, ``after`` its headline, ``text``, ``effects`` and ``ally``).

Every intervention needs a one-line reason; :func:`check_intervention` refuses a bad one
with an :class:`InterventionError` that says why.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from attrs import evolve, frozen

from game.engine.effects import apply_effects
from game.engine.errors import GameError
from game.engine.events import GRADES, Delta, Event
from game.engine.figures import ALLY_LISTS, CHINA_BOUNDS, COALITION_BOUNDS, ally_bounds
from game.engine.orders import Order
from game.engine.scenario import Effect, Inject, Scenario
from game.engine.state import GameState
from game.engine.telegraph import telegraph
from game.engine.work import Work
from game.engine.world import leverage

INTERVENTION_KINDS = ("grade", "void", "figure", "inject")
KINDS = INTERVENTION_KINDS
RULING_PHASES = ("moves", "china")
MAX_REASON = 200  # characters of a reason: one line, as the log and the export show it
SUGGESTED = 8  # figure names an "unknown figure" message suggests at most


class InterventionError(GameError):
    """An intervention the engine refuses: no reason, a value out of range, an unknown
    figure or target, or one made at the wrong moment."""


@frozen
class Intervention:
    """One act of the facilitator: what, when, on what, before and after, and why."""

    turn: int
    phase: str  # "orders" (between turns), "moves" or "china" (rulings on the turn)
    kind: str  # one of KINDS
    target: str
    before: str  # a figure's value (repr of the number), a grade, or "" when none applies
    after: str
    reason: str
    text: str = ""  # an inject's text
    effects: tuple[Effect, ...] = ()  # an inject's effects
    ally: str | None = None  # the ally an inject's ``self`` effects reach (None: every ally)

    def describe(self) -> str:
        """One line for logs and the why inspector, e.g. ``+5 japan.resolve``."""
        if self.kind == "figure":
            change = float(self.after) - float(self.before)
            return f"{change:+.3g} {self.target} ({_num(self.before)} → {_num(self.after)})"
        if self.kind == "grade":
            return f"{self.target} graded {self.after} (was {self.before or 'ungraded'})"
        if self.kind == "void":
            return f"{self.target} voided"
        return f"inject '{self.after}'"


@frozen
class Rulable:
    """An outcome of a turn the facilitator may rule on before it resolves."""

    phase: str  # "moves" or "china"
    target: str  # what a ruling names
    text: str  # the event's text
    grade: str | None  # a move's grade (None: China's actions, and moves not graded)
    details: tuple[str, ...] = ()  # the event's details (China's reasons)


def _num(text: str) -> str:
    return f"{float(text):.4g}"


# -- figures by name -------------------------------------------------------------------------


def figure_names(scenario: Scenario) -> list[str]:
    """Every figure the facilitator may set, as a target (``japan.tech.semiconductors``)."""
    names: list[str] = []
    domains = [d.id for d in scenario.domains]
    sectors = [s.id for s in scenario.sectors]
    for a in scenario.allies:
        for var in ally_bounds(scenario.tuning):
            if var == "gap":  # worked out afresh each turn
                continue
            if var in ALLY_LISTS:
                ids = domains if ALLY_LISTS[var] == "domain" else sectors
                names.extend(f"{a.id}.{var}.{i}" for i in ids)
            else:
                names.append(f"{a.id}.{var}")
    for var in CHINA_BOUNDS:
        if var == "tech":
            names.extend(f"china.tech.{d}" for d in domains)
        else:
            names.append(f"china.{var}")
    names.extend(f"coalition.{var}" for var in COALITION_BOUNDS)
    return names


def _figure(scenario: Scenario, target: str) -> tuple[str, str, int, float, float]:
    """(subject, var, index or -1, lowest, highest) of a figure's name."""
    subject, _, rest = target.partition(".")
    var, _, entry = rest.partition(".")
    names = figure_names(scenario)
    if target not in names:
        close = [n for n in names if n.startswith(f"{subject}.{var}.")] or [
            n for n in names if n.startswith(subject + ".")
        ]
        more = ", ..." if len(close) > SUGGESTED else ""
        hint = f" (one of: {', '.join(close[:SUGGESTED])}{more})" if close else ""
        raise InterventionError(f"unknown figure '{target}'{hint}")
    index = -1
    if subject == "china":
        lo, hi = CHINA_BOUNDS[var]
        if var == "escalation":
            hi = float(len(scenario.china.ladder) - 1)
        if var == "tech":
            index = scenario.domain_index(entry)
    elif subject == "coalition":
        lo, hi = COALITION_BOUNDS[var]
    else:
        lo, hi = ally_bounds(scenario.tuning)[var]
        if var in ALLY_LISTS:
            index = (
                scenario.domain_index(entry)
                if ALLY_LISTS[var] == "domain"
                else scenario.sector_index(entry)
            )
    return subject, var, index, lo, hi


def figure_value(scenario: Scenario, state: GameState, target: str) -> float:
    """The current value of a figure named as :func:`figure_names` lists it."""
    subject, var, index, _, _ = _figure(scenario, target)
    if subject == "china":
        holder: object = state.china
    elif subject == "coalition":
        holder = state.coalition
    else:
        holder = state.ally(subject)
    value = getattr(holder, var)
    return float(value[index] if index >= 0 else value)


def figure_range(scenario: Scenario, target: str) -> tuple[float, float]:
    """The bounds a figure may be set within."""
    _, _, _, lo, hi = _figure(scenario, target)
    return lo, hi


# -- making and checking interventions -------------------------------------------------------


def set_figure(
    scenario: Scenario, state: GameState, target: str, value: float, reason: str
) -> Intervention:
    """The intervention setting a figure to ``value`` now (checked)."""
    before = figure_value(scenario, state, target)
    iv = Intervention(state.turn, "orders", "figure", target, repr(before), repr(value), reason)
    check_intervention(scenario, state, iv)
    return iv


def publish(state: GameState, inject: Inject, reason: str) -> Intervention:
    """The intervention publishing an inject now."""
    return Intervention(
        state.turn, "orders", "inject", inject.id, "", inject.headline, reason, inject.text,
        inject.effects, inject.target,
    )  # fmt: skip


def check_intervention(scenario: Scenario, state: GameState, iv: Intervention) -> None:
    """Raise :class:`InterventionError` saying why ``iv`` cannot be made in ``state``."""
    reason = iv.reason.strip()
    if not reason:
        raise InterventionError("every intervention needs a reason (one line, for the log)")
    if "\n" in reason or "\r" in reason or len(reason) > MAX_REASON:
        raise InterventionError(f"the reason must be one line of at most {MAX_REASON} characters")
    if iv.kind not in KINDS:
        raise InterventionError(f"unknown intervention '{iv.kind}' (one of: {', '.join(KINDS)})")
    if state.over:
        raise InterventionError("the game is over: nothing can change it now")
    if iv.turn != state.turn:
        raise InterventionError(f"made for turn {iv.turn}, but turn {state.turn} is being played")
    if iv.kind in ("figure", "inject"):
        if iv.phase != "orders":
            raise InterventionError(f"a {iv.kind} is changed between turns (phase 'orders')")
    elif iv.phase not in RULING_PHASES:
        raise InterventionError(f"a {iv.kind} ruling is for phase 'moves' or 'china'")
    if iv.kind == "figure":
        lo, hi = figure_range(scenario, iv.target)
        try:
            value = float(iv.after)
        except ValueError:
            raise InterventionError(f"'{iv.after}' is not a number") from None
        if not math.isfinite(value) or not lo <= value <= hi:
            top = "no limit" if math.isinf(hi) else f"{hi:g}"
            raise InterventionError(
                f"{value:g} is out of range for {iv.target} (from {lo:g} to {top})"
            )
        now = repr(figure_value(scenario, state, iv.target))
        if iv.before != now:
            raise InterventionError(
                f"{iv.target} is {_num(now)} now, not {iv.before} as the intervention says"
            )
    elif iv.kind == "grade":
        if iv.phase != "moves":
            raise InterventionError("only moves are graded (phase 'moves')")
        if iv.after not in GRADES:
            raise InterventionError(f"unknown grade '{iv.after}' (one of: {', '.join(GRADES)})")
    elif iv.kind == "inject":
        if not iv.after.strip():
            raise InterventionError("an inject needs a headline")
        if iv.ally is not None and iv.ally not in {a.id for a in scenario.allies}:
            raise InterventionError(f"unknown ally '{iv.ally}'")


# -- between turns ---------------------------------------------------------------------------


def intervene(
    scenario: Scenario, state: GameState, iv: Intervention, *, explain: bool = True
) -> tuple[GameState, list[Event]]:
    """Apply a change between turns (a figure or an inject): the new state and its event."""
    check_intervention(scenario, state, iv)
    w = Work(scenario, state, explain)
    quoted = f"'{iv.reason.strip()}'"
    if iv.kind == "figure":
        subject, var, index, _, _ = _figure(scenario, iv.target)
        _set(w, subject, var, index, float(iv.after))
        who = (
            scenario.allies[scenario.ally_index(subject)].name
            if subject in w.by_id
            else {"china": "China", "coalition": "the coalition"}.get(subject, subject)
        )
        label = var if index < 0 else iv.target.split(".", 1)[1]
        change = float(iv.after) - float(iv.before)
        text = f"Facilitator: {change:+.3g} {label} ({who}), {quoted}"
        w.emit("orders", "intervention", "facilitator", "figure", subject, text)
    elif iv.kind == "inject":
        participants = [w.by_id[iv.ally]] if iv.ally else list(w.allies)
        apply_effects(w, iv.effects, participants, None, {}, iv.target)
        body = f": {iv.text}" if iv.text else ""
        w.emit(
            "orders", "inject", "facilitator", iv.target, iv.ally or "", f"{iv.after}{body}",
            (f"Inject published by the facilitator, {quoted}",),
        )  # fmt: skip
    else:
        raise InterventionError(f"a {iv.kind} ruling is made on a turn: pass it to resolve_turn")
    # What the teams read follows from the figures: China's leverage and its signals.
    w.china.leverage = leverage(w)
    telegraph(w, "orders", changed_only=True)
    return w.freeze(), w.events


def _set(w: Work, subject: str, var: str, index: int, value: float) -> None:
    holder: object
    if subject == "china":
        holder = w.china
    elif subject == "coalition":
        holder = w.coalition
    else:
        holder = w.by_id[subject]
    if index >= 0:
        values: list[float] = getattr(holder, var)
        before = values[index]
        values[index] = value
        china = subject == "china"
        label = f"tech.{w.scenario.domains[index].id}" if china else w.label(var, index)
    else:
        before = getattr(holder, var)
        setattr(holder, var, value)
        label = var
    if w.explain and before != value:
        w.deltas.append(Delta(subject, label, before, value))


# -- rulings on a turn (hooks of resolve_turn) -------------------------------------------------


def order_key(order: Order) -> str:
    """How a ruling names an order: ``ally:move`` (``ally:move:target`` to tell apart)."""
    return f"{order.ally}:{order.move}" + (f":{order.target}" if order.target else "")


def check_rulings(
    scenario: Scenario, state: GameState, orders: Sequence[Order], rulings: Sequence[Intervention]
) -> None:
    """Raise :class:`InterventionError` if a ruling is not for this turn or names no order."""
    for r in rulings:
        if r.kind not in ("grade", "void"):
            raise InterventionError(f"a {r.kind} is made between turns: use intervene()")
        check_intervention(scenario, state, r)
        if r.kind == "void" and r.phase == "moves" and not _voided_orders(state, orders, r):
            raise InterventionError(f"no order or due proposal '{r.target}' to void this turn")


def _voided_orders(state: GameState, orders: Sequence[Order], r: Intervention) -> list[Order]:
    if any(p.id == r.target and p.turn < state.turn for p in state.proposals):
        return [o for o in orders if o.proposal == r.target]
    return [o for o in orders if r.target in (order_key(o), f"{o.ally}:{o.move}")]


def void_orders(w: Work, orders: list[Order], rulings: Sequence[Intervention]) -> list[Order]:
    """The orders left once the voided ones are taken out (and voided proposals dropped)."""
    for r in rulings:
        if r.kind != "void" or r.phase != "moves":
            continue
        gone = _voided_orders(w.state, orders, r)
        orders = [o for o in orders if o not in gone]
        w.proposals = [p for p in w.proposals if p.id != r.target]
        if w.explain:
            ally, _, move = r.target.partition(":")
            moves = {m.id: m.name for m in w.scenario.moves}
            what = r.target
            if ally in w.by_id and move.split(":")[0] in moves:
                what = f"{w.by_id[ally].name}'s {moves[move.split(':')[0]]}"
            text = f"Facilitator voids {what}: '{r.reason.strip()}'"
            w.emit("moves", "void", "facilitator", r.target, ally if ally in w.by_id else "", text)
    return orders


def voided_decision(rulings: Sequence[Intervention], rule: str, target: str) -> bool:
    """True if a ruling voids China's use of ``rule`` against ``target`` this turn."""
    key = f"{rule}:{target}"
    return any(r.kind == "void" and r.phase == "china" and r.target == key for r in rulings)


def note_voided(w: Work, rule: str, target: str, rulings: Sequence[Intervention]) -> None:
    """The event of a voided action of China."""
    if not w.explain:
        return
    key = f"{rule}:{target}"
    r = next(r for r in rulings if r.target == key)
    text = f"Facilitator voids China's {rule} against {w.by_id[target].name}: '{r.reason.strip()}'"
    w.emit("china", "void", "facilitator", rule, "china", text)


def regrade(w: Work, rulings: Sequence[Intervention]) -> None:
    """Move events regraded as the rulings say (the events only: grades are for the debrief)."""
    for r in rulings:
        if r.kind != "grade":
            continue
        for i, e in enumerate(w.events):
            if e.phase == "moves" and e.grade is not None and f"{e.actor}:{e.cause}" == r.target:
                note = f"Facilitator: graded {r.after} (was {e.grade}), '{r.reason.strip()}'"
                w.events[i] = evolve(e, grade=r.after, details=(*e.details, note))


def rulable(scenario: Scenario, state: GameState, orders: list[Order]) -> list[Rulable]:
    """What the facilitator may rule on before the turn resolves: each order and due joint
    move, and each of China's actions, as the turn would resolve now (a preview: nothing is
    kept)."""
    from game.engine.turn import resolve_turn  # the turn module imports this one

    _, events = resolve_turn(scenario, state, orders)
    out = []
    for e in events:
        if e.phase == "moves" and e.kind in ("move", "joint"):
            out.append(Rulable("moves", f"{e.actor}:{e.cause}", e.text, e.grade, e.details))
        elif e.phase == "china" and e.kind == "coercion":
            target = f"{e.cause}:{_target_of(scenario, e)}"
            out.append(Rulable("china", target, e.text, None, e.details))
    for p in state.proposals:
        if p.turn < state.turn:
            proposer = scenario.allies[scenario.ally_index(p.proposer)].name
            text = f"Joint {scenario.move(p.move).name} proposed by {proposer} ({p.id}), due now"
            out.append(Rulable("moves", p.id, text, None))
    return out


def _target_of(scenario: Scenario, e: Event) -> str:
    """The ally a coercion event struck (its first ally delta's subject, or named in text)."""
    for a in scenario.allies:
        if f" to {a.name}" in e.text:
            return a.id
    ids = [a.id for a in scenario.allies]
    return next((d.subject for d in e.deltas if d.subject in ids), "")
