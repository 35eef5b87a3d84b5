"""The ``Policy`` protocol: how an AI government chooses its orders."""

from __future__ import annotations

from typing import Protocol

from game.engine.index import scenario_index
from game.engine.orders import Order
from game.engine.rng import Rng, derive
from game.engine.scenario import Scenario
from game.engine.state import GameState


class Policy(Protocol):
    """Chooses one government's orders for the turn: reads the scenario and the state (what
    any government could see), draws any randomness from ``rng`` and never from elsewhere,
    and returns orders that :func:`~game.engine.legality.check_orders` accepts."""

    def __call__(
        self, scenario: Scenario, state: GameState, ally_id: str, rng: Rng
    ) -> list[Order]: ...


def policy_rng(scenario: Scenario, state: GameState, ally_id: str) -> Rng:
    """The generator a policy draws from this turn: derived from the game's generator and
    the ally, so policies are deterministic and never advance the game's own draws."""
    return derive(state.rng, scenario_index(scenario).ally_index[ally_id] + 1)
