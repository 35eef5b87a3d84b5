"""Restricted play: a policy with one move forbidden, forced first, spammed, replaced by
another, with only one line of effort kept, or blind to China's signals. The lab's probes,
move tables and ablations are built from these wrappers.

Each wraps a base policy's orders for the turn: forbidden moves (or moves of the other line)
are filtered out, a replaced move becomes its substitute, a forced move is put first, and the
orders are kept in that order while political capital and budget last (the engine's
``Legality`` prices each).
"""

from __future__ import annotations

from attrs import evolve, frozen

from game.engine import GameState, Legality, Order, Policy, Rng, Scenario

# What a modifier does, for help texts and docs.
MODIFIERS = {
    "forbid": "never order MOVE (filtered out of the base policy's orders)",
    "spam": "order MOVE first whenever it is legal (join, else act, else propose)",
    "first": "order MOVE first on the first turn, then play the base policy",
    "only": "keep only moves of one line of effort (defensive or offensive)",
    "instead": "order NEW wherever the base policy orders OLD (written OLD:NEW)",
    "ignore": "play as if China had sent no signal (written ignore=signals)",
}
IGNORABLE = ("signals",)


def first_option(scenario: Scenario, state: GameState, ally_id: str, move: str) -> Order | None:
    """The first legal order of ``move`` for the ally: joining an open proposal, else acting
    alone, else proposing; on the first target the engine lists."""
    legality = Legality.of(scenario, state, ally_id)
    found = [c for c in legality.legal_candidates() if c[0] == move]
    for kind in ("join", "act", "propose"):
        for m, target, k, proposal in found:
            if k == kind:
                return Order(ally_id, m, target, k, proposal)
    return None


def affordable(
    scenario: Scenario, state: GameState, ally_id: str, orders: list[Order]
) -> list[Order]:
    """The orders kept in order while they are legal and capital and budget last."""
    legality = Legality.of(scenario, state, ally_id)
    pc, budget = legality.pc, legality.treasury
    kept: list[Order] = []
    seen: set[tuple[str | None, ...]] = set()
    for o in orders:
        key = (o.proposal,) if o.kind == "join" else (o.move, o.target)
        if key in seen or o.ally != ally_id:
            continue
        cost = legality.assess(o.move, o.target, o.kind, o.proposal, why=False)
        if not isinstance(cost, tuple) or cost[0] > pc or cost[1] > budget + 1e-9:
            continue
        pc -= cost[0]
        budget -= cost[1]
        kept.append(o)
        seen.add(key)
    return kept


@frozen
class Restricted:
    """A base policy with its orders changed (see :data:`MODIFIERS`)."""

    base: Policy
    forbid: frozenset[str] = frozenset()
    spam: str | None = None
    first: str | None = None
    only: str | None = None
    instead: tuple[tuple[str, str], ...] = ()  # (old move, its substitute)
    blind: bool = False  # China's signals hidden from the base policy

    def __call__(self, scenario: Scenario, state: GameState, ally_id: str, rng: Rng) -> list[Order]:
        seen = evolve(state, signals=()) if self.blind and state.signals else state
        orders = self.base(scenario, seen, ally_id, rng)
        for old, new in self.instead:
            orders = [_substitute(scenario, state, o, new) if o.move == old else o for o in orders]
        if self.only is not None:
            line = {m.id: m.line for m in scenario.moves}
            orders = [o for o in orders if line.get(o.move) == self.only]
        if self.forbid:
            orders = [o for o in orders if o.move not in self.forbid]
        forced = self.spam
        if forced is None and self.first is not None and state.turn == 1:
            forced = self.first
        if forced is not None:
            option = first_option(scenario, state, ally_id, forced)
            if option is not None:
                orders = [option, *orders]
        return affordable(scenario, state, ally_id, orders)


def _substitute(scenario: Scenario, state: GameState, order: Order, move: str) -> Order:
    """``order`` with ``move`` in place of its move: on the same target if the substitute
    takes that kind of target, else the substitute's first legal order."""
    if scenario.move(move).target == scenario.move(order.move).target and order.kind == "act":
        return Order(order.ally, move, order.target, "act")
    option = first_option(scenario, state, order.ally, move)
    return option if option is not None else Order(order.ally, move, order.target, order.kind)
