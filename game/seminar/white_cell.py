"""The facilitator's side of a session: the passphrase that opens the console, the rulings
kept for the turn being played, and the inject list (the scenario's and any loaded from a
file), each waiting, published or skipped."""

from __future__ import annotations

from attrs import define, field

from game.engine import Inject, Scenario
from game.seminar.passphrase import hash_passphrase, matches

MIN_PASSPHRASE = 4  # characters: short enough to type in class, long enough not to guess


class SetupError(ValueError):
    """A facilitator's setting at New game that cannot be used (says why)."""


@define
class QueuedInject:
    """An inject in the facilitator's list: due at a turn (0: held), and what became of it."""

    inject: Inject
    due: int
    status: str = "waiting"  # waiting, published or skipped


@define
class Seminar:
    """The facilitator's role in a game (None on a session: no facilitator)."""

    passphrase: str  # a salted hash (game.seminar.passphrase)
    injects: list[QueuedInject] = field(factory=list)

    @classmethod
    def create(cls, passphrase: str, scenario: Scenario) -> Seminar:
        """A facilitator with this passphrase and the scenario's injects."""
        if len(passphrase.strip()) < MIN_PASSPHRASE:
            raise SetupError(
                f"the facilitator's passphrase needs at least {MIN_PASSPHRASE} characters"
            )
        seminar = cls(hash_passphrase(passphrase.strip()))
        seminar.add_injects(scenario.injects)
        return seminar

    def unlocks(self, passphrase: str) -> bool:
        """True if ``passphrase`` opens the console."""
        return matches(passphrase.strip(), self.passphrase)

    def add_injects(self, injects: tuple[Inject, ...] | list[Inject]) -> int:
        """Queue injects (an id already listed is replaced while it waits); how many."""
        for inject in injects:
            self.injects = [
                q for q in self.injects if q.inject.id != inject.id or q.status != "waiting"
            ]
            self.injects.append(QueuedInject(inject, inject.turn))
        return len(injects)

    def due(self, turn: int) -> list[QueuedInject]:
        """Waiting injects timed for ``turn`` or earlier."""
        return [q for q in self.injects if q.status == "waiting" and 0 < q.due <= turn]
