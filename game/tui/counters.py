"""Which of the scenario's moves blunt a coercion tool, read from the data: a tool's channel
and effects say what it hurts, the moves' effects and measures say what they protect."""

from __future__ import annotations

from game.engine import Move, Scenario, Tool


def _protects(move: Move, var: str, up: bool) -> bool:
    """True if the move moves ``var`` for its own government in the protective direction."""
    return any(
        e.var == var and e.who in ("self", "allies") and (e.amount > 0) == up for e in move.effects
    )


def counters(scenario: Scenario, tool: Tool) -> list[str]:
    """Names of the moves that blunt ``tool``, most direct first (none: nothing blunts it)."""
    found: list[Move] = []

    def add(test: object) -> None:
        for move in scenario.moves:
            if move not in found and callable(test) and test(move):
                found.append(move)

    if tool.channel == "exports":
        add(lambda m: m.measure == "pledge")
        add(lambda m: _protects(m, "resilience", True) or _protects(m, "export_exposure", False))
    elif tool.channel == "inputs":
        add(lambda m: _protects(m, "resilience", True) or _protects(m, "import_dependence", False))
    for e in tool.effects:
        if e.scale == "unscreened":
            add(lambda m: m.measure == "investment_screening")
        elif e.scale == "digital_exposure":
            add(lambda m: _protects(m, "digital_exposure", False))
        elif e.var == "alignment" and e.amount < 0:
            add(lambda m: _protects(m, "alignment", True))
        elif e.var == "resolve" and e.amount < 0:
            add(lambda m: _protects(m, "resolve", True))
    return [m.name for m in found]
