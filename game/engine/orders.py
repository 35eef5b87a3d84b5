"""Orders: what a government asks for this turn, as data."""

from __future__ import annotations

from attrs import frozen

from game.engine.build import builder

ORDER_KINDS = ("act", "propose", "join")


@frozen(weakref_slot=False)
class Order:
    """One order.

    ``act`` enacts a move alone; ``propose`` opens a joint move that others may join during the
    next turn's orders (it is enacted at the end of that turn with everyone who joined);
    ``join`` joins an open proposal by its id.
    """

    ally: str
    move: str
    target: str | None = None
    kind: str = "act"
    proposal: str | None = None

    def describe(self) -> str:
        """A short plain description, e.g. ``propose export_control(semiconductors)``."""
        if self.kind == "join":
            return f"join {self.proposal}"
        target = f"({self.target})" if self.target else ""
        return f"{self.kind} {self.move}{target}"


new_order = builder(Order)  # Order's own arguments, built cheaper (game/engine/build.py)
