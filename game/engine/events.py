"""Events: what happened in a turn, each with its cause and the figures it changed."""

from __future__ import annotations

from attrs import frozen

PHASES = ("briefing", "orders", "moves", "china", "world", "politics", "end")
GRADES = ("success", "partial", "failed", "backfired")


@frozen
class Delta:
    """One figure changed: ``subject`` is an ally id, ``china`` or ``coalition``."""

    subject: str
    var: str  # e.g. "resolve", "tech.semiconductors", "export_exposure.agrifood"
    before: float
    after: float

    @property
    def change(self) -> float:
        """After minus before."""
        return self.after - self.before


@frozen
class Event:
    """Something that happened, why, and what it changed.

    ``cause_kind`` is ``move``, ``rule``, ``event`` or ``world`` (the model's own dynamics) and
    ``cause`` the id of that move, doctrine rule, scenario event or dynamic.
    """

    turn: int
    phase: str
    kind: str
    cause_kind: str
    cause: str
    actor: str
    text: str
    deltas: tuple[Delta, ...] = ()
    details: tuple[str, ...] = ()
    grade: str | None = None
