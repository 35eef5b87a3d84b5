"""Discussion questions for a debrief, each tied to one strand of the argument of Eric Sayers
and Brad Glosserman, "Forget decoupling: 'collective resilience' is the strategy to address
China's challenge" (PacNet), paraphrased in our own words and grounded in what happened in
the game being debriefed."""

from __future__ import annotations

from collections import Counter

from game.engine import Scenario
from game.saves.format import Game
from game.saves.replay import Replay

CITATION = (
    "Eric Sayers and Brad Glosserman, \u201cForget decoupling: \u2018collective resilience\u2019 "
    "is the strategy to address China\u2019s challenge\u201d (PacNet commentary)"
)


def _names(scenario: Scenario, ids: list[str]) -> str:
    by_id = {a.id: a.name for a in scenario.allies}
    return ", ".join(by_id.get(i, i) for i in ids)


def times(n: int) -> str:
    """``no times``, ``once``, ``twice``, ``3 times``."""
    return {0: "no times", 1: "once", 2: "twice"}.get(n, f"{n} times")


def plural(n: int, word: str) -> str:
    """``1 ally-quarter``, ``3 ally-quarters``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def controls_enacted(replay: Replay) -> tuple[int, int]:
    """Export controls put in force (or renewed) during the game: (jointly, by one government
    alone), read from the states: a control started in a turn, by how many members."""
    jointly = alone = 0
    for before, after in zip(replay.states, replay.states[1:], strict=False):
        for m in after.measures:
            if m.kind == "export_control" and m.started == before.turn:
                if len(m.members) > 1:
                    jointly += 1
                else:
                    alone += 1
    return jointly, alone


def questions(scenario: Scenario, game: Game, replay: Replay) -> tuple[str, ...]:
    """Six or seven questions, each a paraphrased claim of the article, a fact of this game,
    and a question."""
    moves = {m.id: m for m in scenario.moves}
    orders = [o for t in game.turns for o in t.orders]
    names = {a.id: a.name for a in scenario.allies}
    start, end = replay.states[0], replay.final
    out = []

    decoupling = [o for o in orders if "decouple" in o.move]
    decouplers = sorted({o.ally for o in decoupling})
    fact = (
        f"In this game {_names(scenario, decouplers)} decoupled a sector "
        f"{times(len(decoupling))} in all"
        if decouplers
        else "In this game no government chose to decouple a sector"
    )
    out.append(
        "Decoupling. The authors judge a wholesale break with China's economy unworkable: the "
        "problem is the particular channels that give Beijing leverage, not interdependence "
        f"itself. {fact}. Which exposures were worth reducing, and which ties worth keeping?"
    )

    joint, alone = controls_enacted(replay)
    out.append(
        "Controls together or not at all. The commentary holds that technology controls only "
        "bite when like-minded states impose them jointly, since firms elsewhere take up the "
        f"lost sales. Here export controls were enacted jointly {times(joint)} and by one "
        f"government alone {times(alone)}. Where did outsiders profit, and what would have "
        "brought them in?"
    )

    targets = Counter(
        (ep.ally, ep.tool, ep.started) for s in replay.states for ep in s.china.episodes
    )
    per_ally = Counter(ally for ally, _, _ in targets)
    if per_ally:
        ally, count = per_ally.most_common(1)[0]
        who = names.get(ally, ally)
        episodes = plural(count, "coercion episode")
        fact = f"China opened {episodes} against {who}, more than against anyone"
    else:
        fact = "China opened no lasting coercion episode"
    pledge = _names(scenario, list(end.coalition.pledge)) or "no one"
    out.append(
        "No one stands alone. A second premise of the article is that no single government can "
        f"absorb China's economic pressure by itself. {fact}; the solidarity pledge covered "
        f"{pledge} at the end. Did partners share the cost, and did that change whom China chose?"
    )

    a0 = sum(a.alignment for a in start.allies) / len(start.allies)
    a1 = sum(a.alignment for a in end.allies) / len(end.allies)
    low = min(end.allies, key=lambda a: a.alignment)
    out.append(
        "Whole of society. The authors want boardrooms and the public to move with their "
        f"governments. Mean business alignment went from {a0:.0f} to {a1:.0f}; "
        f"{names.get(low.id, low.id)} ended lowest ({low.alignment:.0f}). How did pressure on "
        "firms limit what governments could do?"
    )

    lines = Counter(moves[o.move].line for o in orders if o.move in moves and o.kind != "join")
    out.append(
        "Two lines of effort. The commentary pairs denial (controls, screening, trusted networks, "
        "standards) with investment in the allies' own strengths. This game saw "
        f"{lines.get('defensive', 0)} defensive and {lines.get('offensive', 0)} offensive orders "
        "(joins not counted). Was the balance right, given that investment pays off later?"
    )

    strained = max(end.allies, key=lambda a: a.strain)
    support = sum(1 for o in orders if "worker" in o.move)
    accommodated = sum(a.accommodated_turns for a in end.allies)
    out.append(
        "Nobody left behind. The article insists that workers in older industries must be helped "
        f"through the transition. Strain ended highest in {names.get(strained.id, strained.id)} "
        f"({strained.strain:.0f}); support for workers was ordered {times(support)}; allies "
        f"spent {plural(accommodated, 'ally-' + scenario.turn_label)} accommodating China. "
        "How did strain feed into resolve?"
    )

    if end.outcome is not None and len(end.outcome.ally_scores) > 1:
        ranked = sorted(end.outcome.ally_scores, key=lambda x: x[1])
        (worst, w), (best, b) = ranked[0], ranked[-1]
        out.append(
            "Sharing the burden. The piece ends by asking partners to divide roles and costs "
            f"fairly. {names.get(best, best)} scored {b:.0f} on its own account and "
            f"{names.get(worst, worst)} {w:.0f}. Did anyone ride free on the others' measures, "
            "and was it worth it for them?"
        )
    return tuple(out)
