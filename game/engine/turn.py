"""One turn: ``resolve_turn(scenario, state, orders) -> (state, events)``, and a new game."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from attrs import evolve

from game.engine import adjudication, coercion, world
from game.engine.adjudication import Intervention
from game.engine.doctrine import conditions_hold, decide, level_of
from game.engine.effects import apply_effects, apply_pending
from game.engine.errors import IllegalOrderError
from game.engine.events import Event
from game.engine.forewarning import answers_given
from game.engine.index import scenario_index
from game.engine.legality import check_orders
from game.engine.measures import expire_measures
from game.engine.moves import Graded, resolve_moves
from game.engine.orders import Order
from game.engine.rng import seed_state
from game.engine.scenario import AllySpec, Scenario, ScenarioEvent
from game.engine.scoring import collapse_of, outcome
from game.engine.state import (
    AllyState,
    ChinaState,
    CoalitionState,
    GameState,
)
from game.engine.telegraph import telegraph
from game.engine.work import Work


def starting_ally(spec: AllySpec) -> AllyState:
    """An ally's position at the start: every figure the scenario gives it (same name in
    :class:`AllySpec`), its sector profiles' exposure, dependence and resilience, output at
    the baseline, the treasury one turn of budget, and nothing lost or conceded yet."""
    given: dict[str, Any] = {f.name: getattr(spec, f.name) for f in attrs.fields(AllySpec)}
    starts: dict[str, Any] = {
        "output": 100.0,
        "baseline": 100.0,
        "scar": 0.0,
        "gap": 0.0,
        "lost_output": 0.0,
        "coercion_loss": 0.0,
        "treasury": spec.budget,
        "defiance": 0.0,
        "export_exposure": tuple(p.export_exposure for p in spec.sectors),
        "import_dependence": tuple(p.import_dependence for p in spec.sectors),
        "resilience": tuple(p.resilience for p in spec.sectors),
        "accommodated": False,
        "accommodated_turns": 0,
        "concessions": 0,
    }
    return AllyState(
        **{
            f.name: starts[f.name] if f.name in starts else given[f.name]
            for f in attrs.fields(AllyState)
        }
    )


def starting_allies(scenario: Scenario) -> tuple[AllyState, ...]:
    """Every ally's starting position (the same in every game of a scenario: worked out once
    per scenario)."""
    index = scenario_index(scenario)
    allies: tuple[AllyState, ...] | None = index.start_allies
    if allies is None:
        allies = index.start_allies = tuple(starting_ally(a) for a in scenario.allies)
    return allies


def new_game(
    scenario: Scenario, seed: int, difficulty: str | None = None, *, explain: bool = True
) -> tuple[GameState, list[Event]]:
    """The starting position and the briefing of turn 1.

    With ``explain`` false no events are built (the list is empty); the state is the same.
    """
    diff = scenario.difficulty(difficulty or scenario.default_difficulty)
    allies = starting_allies(scenario)
    c = scenario.china
    capacity = _capacity_base(scenario, diff.id)
    state = GameState(
        scenario=scenario.id,
        difficulty=diff.id,
        seed=seed,
        turn=1,
        rng=seed_state(seed),
        allies=allies,
        china=ChinaState(capacity, c.tech, c.fusion, c.escalation, c.backlash, 0.0, ()),
        coalition=CoalitionState(_start_cohesion(scenario), 0.0, (), ()),
        measures=(),
        pending=(),
        proposals=(),
        signals=(),
        cooldowns=(),
        next_proposal=0,
        drawn=(),
        outcome=None,
    )
    w = Work(scenario, state, explain)
    w.china.leverage = world.leverage(w)
    _briefing(w)
    return w.freeze(carry=True), w.events


def _start_cohesion(scenario: Scenario) -> float:
    return sum((a.resolve for a in scenario.allies), 0.0) / len(scenario.allies)


def _capacity_base(scenario: Scenario, difficulty: str) -> float:
    return level_of(scenario, difficulty).capacity


def resolve_turn(
    scenario: Scenario,
    state: GameState,
    orders: list[Order],
    *,
    explain: bool = True,
    rulings: Sequence[Intervention] = (),
) -> tuple[GameState, list[Event]]:
    """Resolve one turn: allied moves, delayed effects, China's doctrine, the world, the end.

    Returns the new state (awaiting the next turn's orders, or ended) and every event, each
    naming its cause and the figures it changed. Raises IllegalOrderError for a bad order.
    With ``explain`` false (callers that discard the events, such as the simulator) no
    events, texts or deltas are built and the list is empty; the new state is exactly the
    same as with ``explain`` true. ``rulings`` are the facilitator's on this turn (voided
    orders and China's actions, regraded moves: :mod:`game.engine.adjudication`).
    """
    if state.outcome is not None:
        raise IllegalOrderError("the game is over: start a new game or load a save")
    check_orders(scenario, state, orders)
    w = Work(scenario, state, explain)
    if rulings:
        adjudication.check_rulings(scenario, state, orders, rulings)
        orders = adjudication.void_orders(w, orders, rulings)
    graded = resolve_moves(w, orders)
    apply_pending(w)
    _china(w, orders, rulings)
    coercion.episode_losses(w)
    world.controls_and_tech(w)
    world.firms(w)
    world.politics(w)
    world.coalition_upkeep(w)
    world.china_update(w)
    world.economy(w)
    expire_measures(w)
    if w.explain:
        _backfires(w, graded)
        adjudication.regrade(w, rulings)
    reason = collapse_of(scenario, w.coalition.cohesion, [a.accommodated for a in w.allies])
    if reason or w.turn >= scenario.turns:
        why = f"collapse: {reason}" if reason else f"the last {scenario.turn_label} was played"
        frozen = w.freeze()
        result = outcome(scenario, frozen, why)
        if w.explain:
            w.emit(
                "end",
                "end",
                "world",
                "end",
                "",
                f"Game over ({why}): {result.tier}, coalition score {result.score:.0f}",
            )
        return evolve(frozen, outcome=result), w.events
    w.turn += 1
    _briefing(w)
    return w.freeze(carry=True), w.events


def _china(w: Work, orders: Sequence[Order], rulings: Sequence[Intervention] = ()) -> None:
    s = w.scenario
    coercion.concessions(w)
    level = level_of(s, w.state.difficulty)
    announced = [(x.rule, x.ally) for x in w.signals]
    sectors = {(x.rule, x.ally): x.sector for x in w.signals}
    answered = answers_given(w, orders)
    decisions, skipped = decide(w, level, why=w.explain, report=w.explain, announced=announced)
    acted: list[tuple[str, str]] = []
    for d in decisions:
        if rulings and adjudication.voided_decision(rulings, d.rule.id, d.target):
            adjudication.note_voided(w, d.rule.id, d.target, rulings)
            continue
        key = (d.rule.id, d.target)
        coercion.apply_decision(w, d, level.intensity, skipped, sectors.get(key), answered.get(key))
        acted.append((d.rule.id, d.target))
    w.china.acted = acted
    if not decisions and w.explain:
        w.emit(
            "china",
            "restraint",
            "world",
            "doctrine",
            "china",
            "China holds back this turn",
            tuple(skipped[:6]),
        )


def _backfires(w: Work, graded: list[Graded]) -> None:
    for index, move, members, efficacy in graded:
        coerced = any(w.by_id[m].coerced_by for m in members)
        if coerced and move.defiance > 0 and efficacy < w.tuning.grade_partial:
            w.events[index] = evolve(
                w.events[index],
                grade="backfired",
                details=(
                    *w.events[index].details,
                    "It backfired: China read it as defiance from a government it was already "
                    "coercing, and it did too little to make up for that.",
                ),
            )


def _briefing(w: Work) -> None:
    """The new turn's briefing text, scripted, conditional and deck events, then China's
    telegraphed signals."""
    s = w.scenario
    if w.explain:
        for b in s.briefings:
            if b.turn == w.turn:
                w.emit("briefing", "briefing", "event", f"briefing-{b.turn}", "", b.text)
    scripted, cards = w.index.scripted, w.index.deck
    for e in scripted:
        if e.when:
            target = w.by_id[e.target] if e.target else None
            due = w.turn >= max(1, e.turn) and e.id not in w.drawn
            if due and conditions_hold(w, e.when, target):
                w.drawn.append(e.id)
                _apply_event(w, e)
        elif e.turn == w.turn:
            _apply_event(w, e)
    deck = [
        e
        for e in cards
        if e.id not in w.drawn
        and (not e.when or conditions_hold(w, e.when, w.by_id[e.target] if e.target else None))
    ]
    if deck and s.deck_chance > 0 and w.rng.chance(s.deck_chance):
        e = deck[w.rng.choice_index([x.weight for x in deck])]
        w.drawn.append(e.id)
        _apply_event(w, e)
    # China rolls its chances as it signals: what it announces, it means to do.
    telegraph(w)


def _apply_event(w: Work, e: ScenarioEvent) -> None:
    participants = [w.by_id[e.target]] if e.target else list(w.allies)
    apply_effects(w, e.effects, participants, None, {}, e.id)
    if w.explain:
        w.emit(
            "briefing",
            "event",
            "event",
            e.id,
            e.target or "",
            f"{e.title}: {e.text}",
            (f"Source: {e.source}",) if e.source else (),
        )
