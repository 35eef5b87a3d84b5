"""Each team's story for the after-action report: who played the government (a group of
people, named at New game, or an AI policy), what it decided each turn, and what came of it —
its moves' grades and why, China's pressure on it, its concessions, and its resolve and
output after the turn; then where it ended against its national objective."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from game.engine import AllySpec, Event, GameState, Scenario
from game.report.words import order_words
from game.saves.format import Team, TurnLog

OWN_KINDS = ("move", "joint", "propose", "join")  # the moves phase: this government's own
YIELDED = ("concession", "accommodation")
EXPLAINED = ("failed", "backfired")  # grades whose reason the story gives
HUMAN_NOTE = (
    "Teams of people are marked ★ and named as they were at New game; the other governments "
    "were played by an AI policy. Each turn lists what the team decided, what came of it "
    "(its moves' grades, China's moves against it, any concession) and where it stood after."
)


@frozen
class Consequence:
    """One thing that came of a turn for a team, with its grade and reason if any."""

    text: str
    grade: str | None = None
    why: str = ""
    by_china: bool = False  # China's move against this government


@frozen
class TeamTurn:
    """One turn of a team's story."""

    label: str
    decisions: tuple[str, ...]  # its orders, by display names
    consequences: tuple[Consequence, ...]  # its own moves, then what China did to it
    after: str  # "resolve 60 (−2); output 0.6% below the no-coercion path (−0.6 points)"


@frozen
class TeamStory:
    """One government's team and its game."""

    ally: str
    name: str
    played_by: str  # "Group A (people)" or "AI: coordinated"
    human: bool
    objective: str
    met: bool | None
    score: float | None
    summary: str
    turns: tuple[TeamTurn, ...]


def _why(e: Event) -> str:
    return next((d for d in e.details if d.startswith("Why")), "")


def _hit(e: Event, ally: str) -> bool:
    """China's move aimed at this government (a coercion whose figures it changed)."""
    return e.kind == "coercion" and any(d.subject == ally for d in e.deltas)


def _output(state: GameState, i: int) -> float:
    a = state.allies[i]
    return 100 * (a.output / a.baseline - 1)


def _change(value: float, digits: int, unit: str = "") -> str:
    """``+5``, ``−0.3 points``, ``unchanged`` (a minus sign, never a signed zero)."""
    text = f"{value:+.{digits}f}"
    return "unchanged" if float(text) == 0 else text.replace("-", "−") + unit


def _against_path(output: float) -> str:
    """``0.6% below the no-coercion path`` (output rounded to one decimal)."""
    if round(output, 1) == 0:
        return "on the no-coercion path"
    side = "above" if output > 0 else "below"
    return f"{abs(output):.1f}% {side} the no-coercion path"


def _after(before: GameState, after: GameState, i: int) -> str:
    """Resolve and output after the turn, each change worked out from the rounded figures
    shown, so that they add up."""
    r0, r1 = round(before.allies[i].resolve), round(after.allies[i].resolve)
    o0, o1 = round(_output(before, i), 1), round(_output(after, i), 1)
    return (
        f"resolve {r1} ({_change(r1 - r0, 0)}); output {_against_path(o1)} "
        f"({_change(o1 - o0, 1, ' points')})"
    )


def team_turn(
    scenario: Scenario,
    spec: AllySpec,
    i: int,
    label: str,
    log: TurnLog,
    states: tuple[GameState, GameState],
    events: Sequence[Event],
) -> TeamTurn:
    """What a government decided in one turn (``log``) and what came of it (``events``,
    the turn's resolution, from ``states[0]`` to ``states[1]``)."""
    before, after = states
    names = {a.id: a.name for a in scenario.allies}
    decisions = tuple(
        order_words(scenario, o, before.proposals) for o in log.orders if o.ally == spec.id
    )
    proposals = {p.id: p for p in before.proposals}
    joined = {  # the joint moves it joined: graded in the proposer's event
        (proposals[o.proposal].proposer, proposals[o.proposal].move)
        for o in log.orders
        if o.ally == spec.id and o.kind == "join" and o.proposal in proposals
    }
    enacted = {(e.actor, e.cause) for e in events if e.phase == "moves" and e.kind == "joint"}
    told = {  # a join whose joint move was enacted is told by that move, with its grade
        (proposals[o.proposal].move, names[proposals[o.proposal].proposer])
        for o in log.orders
        if o.ally == spec.id and o.kind == "join" and o.proposal in proposals
        if (proposals[o.proposal].proposer, proposals[o.proposal].move) in enacted
    }
    consequences = [
        Consequence(e.text, e.grade, _why(e) if e.grade in EXPLAINED else "")
        for e in events
        if (
            e.phase == "moves"
            and e.kind in OWN_KINDS
            and e.actor == spec.id
            and not (e.kind == "join" and any(n in e.text for m, n in told if m == e.cause))
        )
        or (e.phase == "moves" and e.kind == "joint" and (e.actor, e.cause) in joined)
        or (e.kind in YIELDED and e.actor == spec.id)
    ]
    consequences += [Consequence(e.text, by_china=True) for e in events if _hit(e, spec.id)]
    return TeamTurn(label, decisions, tuple(consequences), _after(before, after, i))


def _summary(turns: Sequence[TeamTurn], states: Sequence[GameState], i: int) -> str:
    grades = [o.grade for t in turns for o in t.consequences if o.grade]
    counted = ", ".join(
        f"{grades.count(g)} {g}"
        for g in ("success", "partial", "failed", "backfired")
        if grades.count(g)
    )
    moves = f"{len(grades)} graded moves ({counted})" if grades else "no graded moves"
    pressed = sum(1 for t in turns for o in t.consequences if o.by_china)
    first, last = states[0].allies[i], states[-1].allies[i]
    targeted = (
        "never targeted by China"
        if not pressed
        else f"targeted by China {pressed} {'time' if pressed == 1 else 'times'}"
    )
    return (
        f"{moves[0].upper()}{moves[1:]}; {targeted}; resolve "
        f"{first.resolve:.0f} at the start, {last.resolve:.0f} at the end; output "
        f"{_against_path(_output(states[-1], i))} at the end."
    )


def played_by(team: Team | None) -> tuple[str, bool]:
    """``("Group A (people)", True)`` or ``("AI: coordinated", False)``."""
    if team is None:
        return "unknown", False
    if team.policy is None:
        return f"{team.player} (people)", True
    return f"AI: {team.policy}", False


def team_stories(
    scenario: Scenario,
    teams: Sequence[Team],
    logs: Sequence[TurnLog],
    states: Sequence[GameState],
    events: Sequence[Sequence[Event]],
    labels: Sequence[str],
    scores: dict[str, float],
    met: dict[str, bool],
) -> tuple[TeamStory, ...]:
    """Every government's story, the teams of people first (then the scenario's order).
    ``states[t]``/``events[t]``: after ``t`` resolved turns; ``labels[t-1]`` turn ``t``'s."""
    by_ally = {t.ally: t for t in teams}
    stories = []
    for i, spec in enumerate(scenario.allies):
        who, human = played_by(by_ally.get(spec.id))
        turns = tuple(
            team_turn(scenario, spec, i, labels[t - 1], log, (states[t - 1], states[t]), events[t])
            for t, log in enumerate(logs, start=1)
            if t < len(states)
        )
        stories.append(
            TeamStory(
                ally=spec.id,
                name=spec.name,
                played_by=who,
                human=human,
                objective=spec.objective.text,
                met=met.get(spec.id),
                score=scores.get(spec.id),
                summary=_summary(turns, states, i),
                turns=turns,
            )
        )
    return tuple(sorted(stories, key=lambda s: not s.human))
