"""Turning points, chosen by one documented rule and shown alike on the end screen and in
the after-action report, in the order they happened.

A resolved turn is a turning point if, in it:

1. the coalition's tier changed (say stalemate to marginal);
2. a government made a concession to China or accommodated it;
3. the coalition collapsed; or
4. the coalition score moved by one of the three largest amounts of the game, and by at
   least two points.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from game.engine import Event, GameState, Scenario, coalition_score, tier_of

RULE = (
    "A turn is a turning point if the coalition's tier changed, a government made a "
    "concession to China or accommodated it, the coalition collapsed, or the coalition score "
    "moved by one of the game's three largest amounts (at least 2 points)."
)
LARGEST = 3
MIN_SWING = 2.0


@frozen
class Turning:
    """One turning point: the turn, the score before and after, and why it counts."""

    turn: int
    before: float
    after: float
    why: tuple[str, ...]


def turning_points(
    scenario: Scenario, states: Sequence[GameState], events: Sequence[Sequence[Event]]
) -> list[Turning]:
    """The turning points of a game: ``states[t]`` is the state after ``t`` resolved turns
    (0: the start), ``events[t]`` the events of turn ``t``'s resolution (``events[0]``, the
    start, is not read)."""
    score = [coalition_score(scenario, s)[0] for s in states]
    if states and states[-1].outcome is not None:  # the score the game ended on
        score[-1] = states[-1].outcome.score
    swings = sorted(((abs(score[t] - score[t - 1]), t) for t in range(1, len(score))), reverse=True)
    largest = {t for size, t in swings[:LARGEST] if size >= MIN_SWING}
    names = {a.id: a.name for a in scenario.allies}
    out = []
    for t in range(1, len(states)):
        why = []
        was, now = tier_of(scenario, score[t - 1]), tier_of(scenario, score[t])
        if was != now:
            why.append(f"the tier changed from {was} to {now}")
        for e in events[t] if t < len(events) else ():
            if e.kind == "concession":
                why.append(f"{names.get(e.actor, 'a government')} made a concession to China")
            elif e.kind == "accommodation":
                why.append(f"{names.get(e.actor, 'a government')} accommodated China")
        outcome = states[t].outcome
        if outcome is not None and outcome.reason.startswith("collapse"):
            why.append(f"the coalition collapsed ({outcome.reason.removeprefix('collapse: ')})")
        if t in largest:
            why.append(f"one of the largest score changes ({score[t] - score[t - 1]:+.1f})")
        if why:
            out.append(Turning(t, score[t - 1], score[t], tuple(dict.fromkeys(why))))
    return out
