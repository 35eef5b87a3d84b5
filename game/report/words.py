"""The game's terms as a reader sees them: score parts and orders by their display names."""

from __future__ import annotations

from game.engine import Order, Proposal, Scenario, target_phrase

PART_NAMES = {
    "gdp": "Output against the no-coercion baseline",
    "tech": "Technology lead over China",
    "leverage": "China's leverage cut",
    "cohesion": "Coalition cohesion",
    "accommodation": "No ally accommodated",
}


def part_name(key: str) -> str:
    """A score part's display name (its key if it has none)."""
    return PART_NAMES.get(key, key)


def order_words(scenario: Scenario, order: Order, proposals: tuple[Proposal, ...]) -> str:
    """``proposes a joint Export controls on Semiconductors``, ``joins Anti-coercion solidarity
    pledge (proposed by Canada)``, ``Coalition diplomacy``: an order by display names."""
    names = {a.id: a.name for a in scenario.allies}
    if order.kind == "join":
        p = next((p for p in proposals if p.id == order.proposal), None)
        if p is None:
            return f"joins proposal {order.proposal}"
        move = scenario.move(p.move).name
        return f"joins {move}{target_phrase(scenario, p.target)} (proposed by {names[p.proposer]})"
    move = scenario.move(order.move).name + target_phrase(scenario, order.target)
    return f"proposes a joint {move}" if order.kind == "propose" else move
