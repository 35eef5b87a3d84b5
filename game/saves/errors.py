"""The exceptions of saves: each says what is wrong with which file, in words a user can act on."""

from __future__ import annotations

import copy
from pathlib import Path

from game.engine import GameError


class SaveError(GameError):
    """A save cannot be written or read. ``autosaves`` lists the autosaves of the same game
    (newest first) that may be loaded instead; the message names them."""

    def __init__(self, message: str, autosaves: tuple[Path, ...] = ()) -> None:
        super().__init__(message)
        self.reason = message
        self.autosaves = tuple(autosaves)

    def __str__(self) -> str:
        if not self.autosaves:
            return self.reason
        names = ", ".join(str(p) for p in self.autosaves[:3])
        more = f" (and {len(self.autosaves) - 3} older)" if len(self.autosaves) > 3 else ""
        return f"{self.reason}; autosaves of this game you can load instead: {names}{more}"

    def with_autosaves(self, autosaves: list[Path] | tuple[Path, ...]) -> SaveError:
        """A copy of this error (same class) that names these autosaves."""
        error = copy.copy(self)
        error.autosaves = tuple(autosaves)
        return error


class NotASaveError(SaveError):
    """The file is empty, not JSON, or JSON that is not a save of this game."""


class NewerSaveError(SaveError):
    """The save was written by a newer version of the game, in a format this one cannot read."""


class DamagedSaveError(SaveError):
    """The file is a save, but some content is missing, of the wrong type or inconsistent."""


class ReplayMismatchError(DamagedSaveError):
    """Replaying the save's order log does not reproduce the state it records."""

    def __init__(self, message: str, turn: int | None = None) -> None:
        super().__init__(message)
        self.turn = turn
