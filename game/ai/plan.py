"""A government's orders for one turn, built up one legal, affordable order at a time."""

from __future__ import annotations

from game.engine import GameState, Legality, Order, Scenario


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
        self.orders: list[Order] = []
        self.keys: set[tuple[str | None, ...]] = set()

    def add(
        self, move: str, target: str | None = None, kind: str = "act", proposal: str | None = None
    ) -> bool:
        """Add an order if it is legal and affordable after the others; return whether added."""
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
        self.orders.append(Order(self.ally_id, move, target, kind, proposal))
        self.keys.add(key)
        return True
