"""Running aggregates of the lab's games: per variant, and paired between variants."""

from __future__ import annotations

from collections import Counter

from game.engine import TIERS
from game.lab.runner import GameRow
from game.lab.stats import Paired, Proportion, Running


class Tally:
    """One variant's games so far: a few running figures, never the games themselves."""

    def __init__(self) -> None:
        self.wins = Proportion()
        self.score = Running()
        self.tiers: Counter[str] = Counter()
        self.allies: dict[str, Running] = {}
        self.gdp = Running()
        self.cohesion = Running()
        self.accommodations = Running()
        self.collapses = 0
        self.errors = 0
        self.moves_won: Counter[str] = Counter()  # orders of each move in won games
        self.moves_lost: Counter[str] = Counter()

    def add(self, row: GameRow) -> None:
        """Take one game (an error row only counts as an error)."""
        if row.error is not None:
            self.errors += 1
            return
        self.wins.add(row.won)
        self.score.add(row.score)
        self.tiers[row.tier] += 1
        for ally, score in row.ally_scores:
            self.allies.setdefault(ally, Running()).add(score)
        self.gdp.add(row.gdp_change)
        self.cohesion.add(row.cohesion)
        self.accommodations.add(row.accommodations)
        self.collapses += row.collapsed
        (self.moves_won if row.won else self.moves_lost).update(dict(row.moves))

    @property
    def games(self) -> int:
        """Games counted (errors left out)."""
        return self.wins.n

    def tier_rates(self) -> dict[str, float]:
        """Share of games ending in each tier."""
        n = self.games or 1
        return {t: self.tiers[t] / n for t in TIERS}

    def widest_interval(self) -> float:
        """The wider of the win rate's interval (percentage points) and the mean score's."""
        lo, hi = self.wins.ci95()
        s_lo, s_hi = self.score.ci95()
        return max(100 * (hi - lo), s_hi - s_lo)


class Tallies:
    """Every variant's tally, and the paired comparisons asked for (same seeds)."""

    def __init__(self, variants: int, pairs: list[tuple[int, int]]) -> None:
        self.each = [Tally() for _ in range(variants)]
        self.pairs = {pair: Paired() for pair in pairs}

    def add(self, rows: tuple[GameRow, ...]) -> None:
        """Take one seed's games, one per variant."""
        for tally, row in zip(self.each, rows, strict=True):
            tally.add(row)
        for (a, b), paired in self.pairs.items():
            ra, rb = rows[a], rows[b]
            if ra.error is None and rb.error is None:
                paired.add(ra.score, rb.score, ra.won, rb.won)
