"""The seminar's clock: an optional timer per phase of a turn (discussion, then orders),
which the facilitator can pause, extend or end. Times are read from a monotonic clock passed
in (``now``), so the rules here are plain arithmetic and tested without waiting."""

from __future__ import annotations

import time

from attrs import define

PHASES = ("discussion", "orders")


def now() -> float:
    """The monotonic time, in seconds."""
    return time.monotonic()


@define
class Clock:
    """The timer of one phase: its length (extensions included), when it last started
    running, the seconds used before that, and whether it is paused."""

    phase: str
    seconds: float
    started: float
    used: float = 0.0
    paused: bool = False

    def elapsed(self, at: float) -> float:
        """Seconds used so far."""
        return self.used + (0.0 if self.paused else at - self.started)

    def remaining(self, at: float) -> float:
        """Seconds left (0 once it has run out)."""
        return max(0.0, self.seconds - self.elapsed(at))

    def pause(self, at: float) -> None:
        """Stop the clock (the time used is kept)."""
        if not self.paused:
            self.used += at - self.started
            self.paused = True

    def resume(self, at: float) -> None:
        """Start the clock again where it stopped."""
        if self.paused:
            self.started = at
            self.paused = False

    def extend(self, seconds: float) -> None:
        """More time for this phase."""
        self.seconds += seconds

    def end(self, at: float) -> None:
        """End the phase now."""
        self.seconds = self.elapsed(at)

    def label(self, at: float) -> str:
        """``Orders 04:32`` (``paused`` when it is)."""
        left = int(round(self.remaining(at)))
        text = f"{self.phase.capitalize()} {left // 60:02d}:{left % 60:02d}"
        return text + (" (paused)" if self.paused else "")
