"""The facilitator's side of a session: the passphrase that opens the console, the rulings
kept for the turn being played, and the inject list (the scenario's and any loaded from a
file), each waiting, published or skipped."""

from __future__ import annotations

from attrs import define, field

from game.engine import Inject, Scenario
from game.seminar.clock import Clock, now
from game.seminar.passphrase import hash_passphrase, matches

MIN_PASSPHRASE = 4  # characters: short enough to type in class, long enough not to guess
MAX_MINUTES = 120  # a phase of a two-hour class
NO_ORDERS = ("pass", "policy")  # what a team that has not given orders when time runs out does


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
    discussion: float = 0.0  # seconds of discussion at the start of each turn (0: no timer)
    orders: float = 0.0  # seconds for the orders (0: no timer)
    no_orders: str = "pass"  # one of NO_ORDERS
    clock: Clock | None = None  # the running phase's timer

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

    def set_clock(self, discussion_minutes: float, orders_minutes: float, no_orders: str) -> None:
        """Timers per phase, in minutes (0: none), and what late teams do."""
        for minutes in (discussion_minutes, orders_minutes):
            if not 0 <= minutes <= MAX_MINUTES:
                raise SetupError(f"a phase lasts from 0 to {MAX_MINUTES} minutes, not {minutes:g}")
        if no_orders not in NO_ORDERS:
            raise SetupError(f"teams without orders either pass or play the AI: {no_orders}?")
        self.discussion, self.orders = discussion_minutes * 60, orders_minutes * 60
        self.no_orders = no_orders

    def start_turn(self, at: float) -> None:
        """The clock of a new turn: discussion first, if timed, else the orders."""
        if self.discussion > 0:
            self.clock = Clock("discussion", self.discussion, at)
        elif self.orders > 0:
            self.clock = Clock("orders", self.orders, at)
        else:
            self.clock = None

    def resume_clock(self, saved: tuple[str, float, bool] | None, at: float | None = None) -> None:
        """The clock of a loaded game, as it was when the game was saved: the same phase with
        the time that was left, paused if it was paused. A save made without a running clock
        (untimed, or the phase's time already up) keeps none."""
        if saved is None:
            self.clock = None
            return
        phase, left, paused = saved
        self.clock = Clock(phase, left, now() if at is None else at, paused=paused)

    def tick(self, at: float) -> str | None:
        """The phase whose time has just run out (the clock moves on), or None."""
        clock = self.clock
        if clock is None or clock.remaining(at) > 0:
            return None
        if clock.phase == "discussion" and self.orders > 0:
            self.clock = Clock("orders", self.orders, at)
        else:
            self.clock = None
        return clock.phase

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
