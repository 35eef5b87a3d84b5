"""Play whole games headless with AI policies."""

from __future__ import annotations

from game.engine import (
    Event,
    GameState,
    Order,
    Policy,
    Scenario,
    new_game,
    policy_rng,
    resolve_turn,
)


def ai_orders(scenario: Scenario, state: GameState, policies: dict[str, Policy]) -> list[Order]:
    """Every government's orders for this turn, from its policy."""
    orders: list[Order] = []
    for a in scenario.allies:
        orders.extend(policies[a.id](scenario, state, a.id, policy_rng(scenario, state, a.id)))
    return orders


def play_game(
    scenario: Scenario,
    seed: int,
    difficulty: str,
    policies: dict[str, Policy],
    keep_events: bool = False,
) -> tuple[GameState, list[Event]]:
    """Play one game to its end; return the final state (and every event if asked).

    Without ``keep_events`` the engine builds no events at all (``explain=False``), which
    gives the same final state faster.
    """
    explain = keep_events
    state, events = new_game(scenario, seed, difficulty, explain=explain)
    log: list[Event] = list(events) if keep_events else []
    while not state.outcome is not None:
        orders = ai_orders(scenario, state, policies)
        state, events = resolve_turn(scenario, state, orders, explain=explain)
        if keep_events:
            log.extend(events)
    return state, log
