"""Many seeded games under one policy, in this process, kept in memory (bench/balance_table.py;
the ``simulate`` command runs on the lab: game/lab)."""

from __future__ import annotations

import math

from attrs import frozen

from game.ai.policies import policy
from game.engine import TIERS, WIN_TIERS, Scenario
from game.sim.play import play_game


@frozen
class GameResult:
    """One simulated game's outcome."""

    seed: int
    tier: str
    score: float
    gdp_change: float  # mean over allies of final output against baseline, percent
    cohesion: float
    accommodations: int
    collapsed: bool


@frozen
class Summary:
    """Many games under one policy and difficulty."""

    scenario: str
    policy: str
    difficulty: str
    games: int
    seed: int
    results: tuple[GameResult, ...]

    @property
    def scores(self) -> list[float]:
        """Coalition scores, one per game in seed order."""
        return [r.score for r in self.results]

    @property
    def win_rate(self) -> float:
        """Share of games won (any win tier)."""
        return sum(r.tier in WIN_TIERS for r in self.results) / self.games

    def tier_rates(self) -> dict[str, float]:
        """Share of games ending in each tier."""
        return {t: sum(r.tier == t for r in self.results) / self.games for t in TIERS}

    @property
    def mean_score(self) -> float:
        """Mean coalition score."""
        return sum(self.scores) / self.games

    def score_ci95(self) -> tuple[float, float]:
        """A 95% confidence interval of the mean score (normal approximation)."""
        n = self.games
        if n < 2:
            return self.mean_score, self.mean_score
        mean = self.mean_score
        var = sum((x - mean) ** 2 for x in self.scores) / (n - 1)
        half = 1.96 * math.sqrt(var / n)
        return mean - half, mean + half

    def mean(self, field: str) -> float:
        """The mean of one per-game figure."""
        return sum(getattr(r, field) for r in self.results) / self.games


def simulate(
    scenario: Scenario, policy_name: str, difficulty: str, games: int, seed: int
) -> Summary:
    """Play ``games`` games with seeds ``seed, seed+1, ...``, every ally on one policy."""
    chosen = policy(policy_name)
    diff = scenario.difficulty(difficulty).id
    policies = {a.id: chosen for a in scenario.allies}
    results = []
    for k in range(games):
        state, _ = play_game(scenario, seed + k, diff, policies)
        o = state.outcome
        assert o is not None
        gdp = sum(100.0 * (a.output / a.baseline - 1.0) for a in state.allies) / len(state.allies)
        results.append(
            GameResult(
                seed=seed + k,
                tier=o.tier,
                score=o.score,
                gdp_change=gdp,
                cohesion=state.coalition.cohesion,
                accommodations=sum(a.accommodated for a in state.allies),
                collapsed=o.reason.startswith("collapse"),
            )
        )
    return Summary(scenario.id, policy_name, diff, games, seed, tuple(results))
