"""The engine's exceptions: each names what was wrong so a user can act on it."""

from __future__ import annotations

from attrs import frozen


class GameError(Exception):
    """Base class of every error the engine raises on bad input."""


@frozen
class Problem:
    """One problem found in a scenario file: where (key path) and what. ``file`` is set when
    the problem lies in another file than the one loaded (a parent it extends)."""

    path: str
    message: str
    line: int | None = None
    file: str | None = None

    def format(self, file: str) -> str:
        """``FILE:LINE: key.path: message`` (the line only when known; the problem's own
        file when it lies in a parent)."""
        file = self.file or file
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ScenarioError(GameError):
    """A scenario file could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        super().__init__("\n".join(p.format(file) for p in self.problems))

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[str, list[Problem]]]:
        """Whole across processes (a lab worker that loads a broken file reports it)."""
        return (type(self), (self.file, self.problems))


class IllegalOrderError(GameError):
    """An order breaks the rules (unknown move, wrong target, not enough capital, ...).

    ``reason`` says why in a few words; from :func:`~game.engine.check_orders`, ``number``
    is the order's place in the list (from 1) and the message names the order as well."""

    def __init__(self, message: str, reason: str | None = None, number: int | None = None):
        super().__init__(message)
        self.reason = reason or message
        self.number = number

    def __reduce__(self) -> tuple[type[IllegalOrderError], tuple[str, str, int | None]]:
        """Whole across processes, with its reason and number."""
        return (type(self), (str(self), self.reason, self.number))


class UnknownNameError(GameError):
    """A name given on the command line (scenario, policy, difficulty) does not exist."""
