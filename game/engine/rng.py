"""A small, portable, seeded random generator whose whole state is one integer.

The game state stores that integer, so a game replays exactly from its scenario, seed and
orders on any machine. The algorithm is SplitMix64 (Steele, Lea and Flood, 2014): integer
arithmetic only, identical on every platform and Python version.
"""

from __future__ import annotations

from typing import Final

_MASK: Final = (1 << 64) - 1
_GOLDEN: Final = 0x9E3779B97F4A7C15
_INV_2_53: Final = 1.0 / (1 << 53)


def seed_state(seed: int) -> int:
    """The generator state for a user-facing seed (any integer)."""
    return (seed * 0xBF58476D1CE4E5B9 + 0x94D049BB133111EB) & _MASK


class Rng:
    """A mutable generator used while one turn resolves; its ``state`` goes back into the game."""

    __slots__ = ("state",)

    def __init__(self, state: int) -> None:
        self.state = state & _MASK

    def next_u64(self) -> int:
        """The next 64-bit unsigned integer."""
        self.state = s = (self.state + _GOLDEN) & _MASK
        z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """A float uniformly in [0, 1)."""
        return (self.next_u64() >> 11) * _INV_2_53

    def uniform(self, low: float, high: float) -> float:
        """A float uniformly in [low, high)."""
        return low + (high - low) * self.random()

    def chance(self, probability: float) -> bool:
        """True with the given probability."""
        return self.random() < probability

    def below(self, n: int) -> int:
        """An integer uniformly in [0, n)."""
        if n <= 0:
            raise ValueError("below() needs a positive bound")
        return self.next_u64() % n

    def choice_index(self, weights: list[float]) -> int:
        """An index drawn with the given non-negative weights (uniform if all are zero)."""
        total = sum(weights, 0.0)
        if total <= 0:
            return self.below(len(weights))
        x = self.random() * total
        for i, w in enumerate(weights):
            x -= w
            if x < 0:
                return i
        return len(weights) - 1


_SALT: Final = 0x5DEECE66D


def derive(state: int, stream: int) -> Rng:
    """An independent generator for numbered ``stream`` (1, 2, ...) of a generator state, e.g.
    one per AI government, that leaves the game's own generator untouched."""
    return Rng(state ^ (_SALT * stream))
