"""``resilience validate --check-balance``: a quick simulation that says whether a scenario's
victory tiers fit it.

The reference policy (``coordinated``) should win some games but not all (between 20% and
80%), and ``passive`` (every ally doing nothing) should never win. Each check plays a few
dozen seeded games at the scenario's default difficulty, which takes seconds, and suggests
tiers from the scores it saw when the ones set do not fit.
"""

from __future__ import annotations

from attrs import frozen

from game.engine import Scenario

REFERENCE = "coordinated"
PASSIVE = "passive"
GAMES = 40
LOW_WIN, HIGH_WIN = 0.20, 0.80


@frozen
class Balance:
    """What the quick simulation found."""

    difficulty: str
    games: int
    reference_wins: float
    passive_wins: float
    reference_scores: tuple[float, ...]
    passive_scores: tuple[float, ...]


def _quantile(values: tuple[float, ...], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(scenario: Scenario, games: int = GAMES, seed: int = 0) -> Balance:
    """Play ``games`` games with the reference policy and with passive allies."""
    from game.sim.simulate import simulate

    difficulty = scenario.default_difficulty
    ref = simulate(scenario, REFERENCE, difficulty, games, seed)
    passive = simulate(scenario, PASSIVE, difficulty, games, seed)
    return Balance(
        difficulty,
        games,
        ref.win_rate,
        passive.win_rate,
        tuple(ref.scores),
        tuple(passive.scores),
    )


def balance_lines(scenario: Scenario, name: str, b: Balance) -> tuple[list[str], bool]:
    """The lines to print, and whether any is a warning."""
    v = scenario.victory
    head = (
        f"{name}: balance: at {b.difficulty}, {b.games} games each: {REFERENCE} wins "
        f"{b.reference_wins:.0%} (scores {min(b.reference_scores):.1f}-"
        f"{max(b.reference_scores):.1f}, median {_quantile(b.reference_scores, 0.5):.1f}), "
        f"{PASSIVE} wins {b.passive_wins:.0%} (best score {max(b.passive_scores):.1f}); "
        f"tiers: decisive {v.decisive:g}, marginal {v.marginal:g}, stalemate {v.stalemate:g}"
    )
    warnings = []
    if b.reference_wins < LOW_WIN:
        warnings.append(
            f"{REFERENCE} play wins under {LOW_WIN:.0%} of games: the tiers are too high for "
            "this scenario"
        )
    elif b.reference_wins > HIGH_WIN:
        warnings.append(
            f"{REFERENCE} play wins over {HIGH_WIN:.0%} of games: the tiers are too low for "
            "this scenario"
        )
    if b.passive_wins > 0:
        warnings.append(
            f"{PASSIVE} allies (doing nothing) win {b.passive_wins:.0%} of games: raise "
            "victory.marginal above their best score"
        )
    lines = [head]
    for w in warnings:
        lines.append(f"{name}: warning: {w}")
    if warnings:
        lines.append(f"{name}: suggestion: {suggest(b)}")
    return lines, bool(warnings)


def suggest(b: Balance) -> str:
    """Tiers that fit the scores seen: about half the reference games won, a decisive win in
    the best sixth, passive play below the marginal tier."""
    marginal = _quantile(b.reference_scores, 0.5)
    decisive = _quantile(b.reference_scores, 0.85)
    stalemate = _quantile(b.reference_scores, 0.1)
    passive_best = max(b.passive_scores)
    if passive_best >= marginal:
        return (
            f"passive allies score up to {passive_best:.1f}, as much as {REFERENCE} play "
            f"(median {marginal:.1f}): no tier separates them; change the scenario (China's "
            "pressure, the score's weights) before the tiers"
        )
    return (
        f"[victory] decisive = {decisive:.1f}, marginal = {marginal:.1f}, "
        f"stalemate = {stalemate:.1f} (then check again)"
    )
