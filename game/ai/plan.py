"""A government's orders for one turn, built up one legal, affordable order at a time."""

from __future__ import annotations

from typing import Any

from game.engine import GameState, Legality, Order, Scenario, new_order


class Plan:
    """One government's orders chosen so far this turn, within its political capital and
    budget: ``add`` keeps an order only if it is legal and still affordable."""

    def __init__(self, scenario: Scenario, state: GameState, ally_id: str) -> None:
        self.scenario = scenario
        self.state = state
        self.ally_id = ally_id
        self.legality = Legality.of(scenario, state, ally_id)
        if not self.legality.known:
            raise KeyError(ally_id)
        self.pc, self.budget = self.legality.pc, self.legality.treasury  # capital and treasury
        self.cheapest = _cheapest(scenario)  # no order costs less political capital
        self.orders: list[Order] = []
        self.keys: set[tuple[str | None, ...]] = set()

    @property
    def spent(self) -> bool:
        """True once the political capital left affords no order: ``add`` refuses all."""
        return self.pc < self.cheapest

    def add(
        self, move: str, target: str | None = None, kind: str = "act", proposal: str | None = None
    ) -> bool:
        """Add an order if it is legal and affordable after the others; return whether added."""
        if self.pc < self.cheapest:  # the capital is spent: nothing is affordable
            return False
        key = (proposal,) if kind == "join" else (move, target)
        if key in self.keys:
            return False
        cost = self.legality.assess(move, target, kind, proposal, why=False)
        if not isinstance(cost, tuple):  # illegal
            return False
        pc, budget = cost
        if pc > self.pc or budget > self.budget + 1e-9:
            return False
        self.pc -= pc
        self.budget -= budget
        self.orders.append(new_order(self.ally_id, move, target, kind, proposal))
        self.keys.add(key)
        self.legality.found[(move, target, kind, proposal)] = cost  # for check_orders
        return True


# the last scenario asked about and the political capital of its cheapest move
_last: list[tuple[Any, int]] = [(None, 0)]


def _cheapest(scenario: Scenario) -> int:
    """The least political capital any order of the scenario costs (a joined move costs
    what the move costs)."""
    entry = _last[0]
    if entry[0] is not scenario:
        entry = _last[0] = (scenario, min((m.pc for m in scenario.moves), default=0))
    return entry[1]
