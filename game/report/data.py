"""What an after-action report says, worked out once from a replay with events; the Markdown
and HTML writers only lay it out. Every text here is plain text from the scenario or the
engine: the writers escape it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from attrs import frozen

from game.engine import Event, GameState, Scenario, coalition_score
from game.report.turning import turning_points
from game.report.words import order_words, part_name
from game.saves.format import Team
from game.saves.store import Loaded

if TYPE_CHECKING:
    from game.report.seminar import SeminarTurn

MOVE_KINDS = ("move", "joint", "propose", "join")
CHINA_KINDS = ("coercion", "concession", "restraint")
BRIEFING_KINDS = ("briefing", "event", "signal", "inject", "intervention")


@frozen
class Series:
    """One figure over time: a value at the start and after every turn."""

    name: str
    values: tuple[float, ...]


@frozen
class Chart:
    """A chart: one or more series of the same unit."""

    title: str
    unit: str
    series: tuple[Series, ...]


@frozen
class Line:
    """One line of a turn's account: text, an optional grade and the reason behind it."""

    text: str
    grade: str | None = None
    why: str = ""


@frozen
class TurnAccount:
    """What happened in one turn."""

    turn: int
    label: str  # "Quarter 3 (2025)"
    briefing: tuple[Line, ...]
    orders: tuple[tuple[str, tuple[str, ...]], ...]  # (ally name, orders described)
    outcomes: tuple[Line, ...]  # allied moves with their grades
    china: tuple[Line, ...]  # China's responses with their causes
    other: tuple[Line, ...]  # accommodations, recoveries, the end


@frozen
class TurningPoint:
    """A large swing of the coalition score, and its largest causes."""

    turn: int
    label: str
    before: float
    after: float
    causes: tuple[Line, ...]
    why: tuple[str, ...] = ()  # which parts of the rule made it a turning point


@frozen
class AllyResult:
    """One ally at the end: team, own score, national objective."""

    name: str
    player: str
    score: float | None
    objective: str
    met: bool | None


@frozen
class Report:
    """A whole after-action report."""

    title: str
    scenario_id: str
    briefing: str
    seed: int
    difficulty: str
    saved_at: str
    file: str
    over: bool
    tier: str | None
    score: float | None
    reason: str
    parts: tuple[tuple[str, float], ...]
    allies: tuple[AllyResult, ...]
    turns: tuple[TurnAccount, ...]
    charts: tuple[Chart, ...]
    turning_points: tuple[TurningPoint, ...]
    questions: tuple[str, ...]
    warning: str | None  # the replay does not reproduce the save
    seminar: tuple[SeminarTurn, ...] = ()  # interventions, notes, observations (report.seminar)


def _line(e: Event) -> Line:
    why = next((d for d in e.details if d.startswith("Why")), "")
    return Line(e.text, e.grade, why)


def _lines(
    events: tuple[Event, ...], phase: str | None, kinds: tuple[str, ...]
) -> tuple[Line, ...]:
    return tuple(
        _line(e) for e in events if (phase is None or e.phase == phase) and e.kind in kinds
    )


def _label(scenario: Scenario, turn: int) -> str:
    year = scenario.start_year + (turn - 1) // 4 if scenario.turn_label == "quarter" else None
    suffix = f" ({year})" if year else ""
    return f"{scenario.turn_label.capitalize()} {turn}{suffix}"


def _difficulty(scenario: Scenario, key: str) -> str:
    d = scenario.difficulty(key)
    return f"{d.id} ({d.label})" if d.label else d.id


def _player(team: Team | None) -> str:
    if team is None:
        return "unknown"
    return f"{team.player} ({team.policy})" if team.policy else team.player


def score_series(scenario: Scenario, states: tuple[GameState, ...]) -> tuple[float, ...]:
    """The coalition score after every turn (the score the game would end on then)."""
    return tuple(round(coalition_score(scenario, s)[0], 2) for s in states)


def _charts(
    scenario: Scenario, states: tuple[GameState, ...], score: tuple[float, ...]
) -> tuple[Chart, ...]:
    names = [a.name for a in scenario.allies]

    def per_ally(get) -> tuple[Series, ...]:  # noqa: ANN001
        return tuple(
            Series(name, tuple(round(get(s.allies[i]), 2) for s in states))
            for i, name in enumerate(names)
        )

    return (
        Chart("Coalition score", "0–100", (Series("coalition score", score),)),
        Chart(
            "Coalition cohesion", "0–100",
            (Series("cohesion", tuple(round(s.coalition.cohesion, 2) for s in states)),),
        ),
        Chart(
            "China: escalation and backlash", "level",
            (
                Series("escalation", tuple(round(s.china.escalation, 2) for s in states)),
                Series("backlash / 10", tuple(round(s.china.backlash / 10, 2) for s in states)),
            ),
        ),
        Chart(
            "China's leverage over the allies", "% of GDP at stake",
            (Series("leverage", tuple(round(s.china.leverage, 2) for s in states)),),
        ),
        Chart(
            "Output against the no-coercion baseline", "%",
            per_ally(lambda a: 100 * (a.output / a.baseline - 1)),
        ),
        Chart("Resolve", "0–100", per_ally(lambda a: a.resolve)),
    )  # fmt: skip


def _weight(e: Event) -> float:
    """How much an event moved the coalition: cohesion, resolve, output, escalation."""
    w = 0.0
    for d in e.deltas:
        if d.var == "cohesion":
            w += abs(d.change)
        elif d.var in ("resolve", "alignment"):
            w += abs(d.change) / 4
        elif d.var in ("gap", "scar"):
            w += abs(d.change) * 4
        elif d.var == "escalation":
            w += abs(d.change) * 3
    if e.kind in ("accommodation", "recovery"):
        w += 20
    return w


def key_events(events: Sequence[Event], count: int = 4) -> list[Event]:
    """A turn's events that moved the coalition most, largest first (the next turn's briefing
    and the facilitator's changes before its orders left out)."""
    ranked = sorted(
        (e for e in events if e.phase not in ("briefing", "orders") and _weight(e) > 0),
        key=lambda e: -_weight(e),
    )
    return ranked[:count]


def _turning_points(
    scenario: Scenario, states: tuple[GameState, ...], events: tuple[tuple[Event, ...], ...]
) -> tuple[TurningPoint, ...]:
    """The turning points by the rule of :mod:`game.report.turning`, in order."""
    return tuple(
        TurningPoint(
            p.turn,
            _label(scenario, p.turn),
            p.before,
            p.after,
            tuple(_line(e) for e in key_events(events[p.turn])),
            p.why,
        )
        for p in turning_points(scenario, states, events)
    )


def after_action(loaded: Loaded) -> Report:
    """The report of a save replayed with events."""
    from game.report.questions import questions
    from game.report.seminar import seminar_record

    save, replay = loaded.save, loaded.replay
    scenario, state = replay.scenario, replay.final
    teams = {t.ally: t for t in save.game.teams}
    turns = []
    for t, entry in enumerate(save.game.turns, start=1):
        resolved = replay.events[t]
        before = replay.states[t - 1].proposals
        orders = tuple(
            (
                spec.name,
                tuple(order_words(scenario, o, before) for o in entry.orders if o.ally == spec.id),
            )
            for spec in scenario.allies
        )
        # the briefing, then what the facilitator published or changed before the orders
        briefing = [e for e in replay.events[t - 1] if e.phase in ("briefing", "orders")]
        turns.append(
            TurnAccount(
                turn=t,
                label=_label(scenario, t),
                briefing=tuple(_line(e) for e in briefing if e.kind in BRIEFING_KINDS),
                orders=orders,
                outcomes=_lines(resolved, "moves", MOVE_KINDS),
                china=_lines(resolved, "china", CHINA_KINDS),
                other=_lines(resolved, None, ("accommodation", "recovery", "end")),
            )
        )
    score = score_series(scenario, replay.states)
    o = state.outcome
    if o is not None:  # the score the game ended on
        score = (*score[:-1], o.score)
    scores = dict(o.ally_scores) if o else {}
    met = dict(o.objectives_met) if o else {}
    allies = tuple(
        AllyResult(
            name=spec.name,
            player=_player(teams.get(spec.id)),
            score=scores.get(spec.id),
            objective=spec.objective.text,
            met=met.get(spec.id),
        )
        for spec in scenario.allies
    )
    return Report(
        title=scenario.title,
        scenario_id=scenario.id,
        briefing=scenario.briefing,
        seed=save.game.seed,
        difficulty=_difficulty(scenario, save.game.difficulty),
        saved_at=save.saved_at,
        file=loaded.path.name,  # the name only: a handout shows no local folders
        over=o is not None,
        tier=o.tier if o else None,
        score=o.score if o else score[-1],
        reason=o.reason if o else f"in progress: {scenario.turn_label} {state.turn} awaits orders",
        parts=tuple((part_name(k), v) for k, v in o.parts) if o else (),
        allies=allies,
        turns=tuple(turns),
        charts=_charts(scenario, replay.states, score),
        turning_points=_turning_points(scenario, replay.states, replay.events),
        questions=questions(scenario, save.game, replay),
        warning=loaded.mismatch,
        seminar=seminar_record(save.game, scenario.turn_label, scenario),
    )
