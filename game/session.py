"""A game in progress as the interfaces see it: scenario, teams, orders, and the log.

The session drives the engine for the TUI (and for saves): human teams give orders, AI
governments' orders come from their policies, and every resolved turn is kept (its orders,
events and resulting state) so the game can be explained, charted and replayed.
"""

from __future__ import annotations

from attrs import define, field, frozen

from game.ai.policies import POLICIES, Policy
from game.engine.events import Event
from game.engine.moves import check_orders
from game.engine.orders import Order
from game.engine.scenario import Scenario
from game.engine.state import GameState
from game.engine.turn import new_game, resolve_turn


@frozen
class TurnRecord:
    """One resolved turn: the orders given, the events, and the state after it."""

    turn: int
    orders: tuple[Order, ...]
    events: tuple[Event, ...]
    state: GameState


@define
class Session:
    """A game being played: who plays which government, and everything that happened."""

    scenario: Scenario
    humans: tuple[str, ...]  # ally ids played by human teams, in hand-over order
    ai_policy: str
    state: GameState
    briefing: tuple[Event, ...]  # events of the current turn's briefing
    history: list[TurnRecord] = field(factory=list)
    pending: dict[str, tuple[Order, ...]] = field(factory=dict)  # secret until resolution

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        seed: int,
        difficulty: str,
        humans: tuple[str, ...],
        ai_policy: str = "coordinated",
    ) -> Session:
        """A new game."""
        state, events = new_game(scenario, seed, difficulty)
        start = TurnRecord(0, (), tuple(events), state)
        return cls(scenario, humans, ai_policy, state, tuple(events), [start])

    @property
    def start_state(self) -> GameState:
        """The state before turn 1."""
        return self.history[0].state

    def submit(self, ally: str, orders: tuple[Order, ...]) -> None:
        """Record a human team's orders for this turn (checked now, kept secret)."""
        check_orders(self.scenario, self.state, list(orders))
        self.pending[ally] = orders

    def waiting_for(self) -> list[str]:
        """Human teams that have not yet given orders this turn."""
        return [a for a in self.humans if a not in self.pending]

    def ai_policy_fn(self) -> Policy:
        """The policy that plays the AI governments."""
        return POLICIES[self.ai_policy]

    def resolve(self) -> TurnRecord:
        """Resolve the turn with the humans' orders and the AI governments' orders."""
        orders: list[Order] = []
        policy = self.ai_policy_fn()
        for spec in self.scenario.allies:
            if spec.id in self.humans:
                orders.extend(self.pending.get(spec.id, ()))
            else:
                orders.extend(policy(self.scenario, self.state, spec.id))
        turn = self.state.turn
        state, events = resolve_turn(self.scenario, self.state, orders)
        record = TurnRecord(turn, tuple(orders), tuple(events), state)
        self.history.append(record)
        self.state = state
        self.briefing = tuple(e for e in events if e.phase == "briefing")
        self.pending = {}
        return record

    def all_events(self) -> list[Event]:
        """Every event of the game so far, in order."""
        out = list(self.history[0].events)
        for r in self.history[1:]:
            out.extend(r.events)
        return out

    def states(self) -> list[GameState]:
        """The state at the start and after every resolved turn."""
        return [r.state for r in self.history]
