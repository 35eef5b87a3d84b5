"""Recording a game's log, and replaying it: the order log is the source of truth of a save.

Writers (the CLI's autoplay, the TUI) start a :class:`Game` with :func:`new_record`, add each
resolved turn with :func:`record_turn` and save with :func:`make_save`. Loading rebuilds the
scenario from the embedded data, replays ``new_game`` and ``resolve_turn`` over the log,
checks each turn against its recorded state hash and the end against the stored state.
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import evolve, frozen

from game.engine import (
    Event,
    GameError,
    GameState,
    Intervention,
    Order,
    Scenario,
    ScenarioError,
    build_scenario,
    intervene,
    new_game,
    resolve_turn,
)
from game.saves.canonical import content_hash
from game.saves.errors import DamagedSaveError, ReplayMismatchError, SaveError
from game.saves.format import Game, Save, Team, TurnLog, now_utc, state_hash, unstructure

# -- recording ------------------------------------------------------------------------------


def new_record(
    data: dict[str, Any],
    seed: int,
    difficulty: str,
    teams: tuple[Team, ...],
    game_id: str,
) -> Game:
    """The log of a new game on the scenario ``data`` (see ``loader.scenario_data``)."""
    meta = data.get("scenario", {})
    try:
        digest = content_hash(data)
    except (TypeError, ValueError) as exc:
        raise SaveError(f"the scenario cannot be stored in a save: {exc}") from None
    return Game(
        id=game_id,
        scenario_id=str(meta.get("id", "")),
        scenario_title=str(meta.get("title", "")),
        scenario_hash=digest,
        scenario_data=data,
        seed=seed,
        difficulty=difficulty,
        teams=teams,
    )


def record_turn(game: Game, orders: list[Order] | tuple[Order, ...], after: GameState) -> Game:
    """The log with one more resolved turn: its orders and the state they led to."""
    entry = TurnLog(turn=len(game.turns) + 1, orders=tuple(orders), state_hash=state_hash(after))
    return evolve(game, turns=(*game.turns, entry))


def make_save(game: Game, state: GameState, saved_at: str | None = None) -> Save:
    """A save of the game in ``state`` (written now unless ``saved_at`` is given)."""
    return Save(game=game, state=state, saved_at=saved_at or now_utc())


# -- replaying ------------------------------------------------------------------------------


@frozen
class Replay:
    """A replayed game: the scenario, the state at the start and after every turn, and the
    events of each step (``events[0]``: the first briefing; ``events[t]``: turn t)."""

    scenario: Scenario
    states: tuple[GameState, ...]
    events: tuple[tuple[Event, ...], ...]
    diverged: int | None = None  # the first turn whose state differs from its recorded hash

    @property
    def final(self) -> GameState:
        """The state after the last turn of the log."""
        return self.states[-1]


def build(game: Game) -> Scenario:
    """The scenario rebuilt from the data embedded in the save."""
    try:
        return build_scenario(game.scenario_data, f"scenario '{game.scenario_id}' in the save")
    except ScenarioError as exc:
        first = exc.problems[0] if exc.problems else None
        what = f"{first.path}: {first.message}" if first and first.path else str(exc)
        raise DamagedSaveError(f"the embedded scenario is invalid ({what})") from None


def replay(game: Game, *, explain: bool = False, scenario: Scenario | None = None) -> Replay:
    """Replay the log from the start (with events if ``explain``); DamagedSaveError if an
    order is refused. The first turn whose state differs from the one recorded is noted in
    ``diverged`` (the replay goes on: the log is the source of truth)."""
    scenario = scenario or build(game)
    try:
        state, events = new_game(scenario, game.seed, game.difficulty, explain=explain)
    except KeyError:
        raise DamagedSaveError(f"unknown difficulty '{game.difficulty}' in the save") from None
    states, all_events = [state], [tuple(events)]
    diverged: int | None = None
    for expected, entry in enumerate(game.turns, start=1):
        if entry.turn != expected:
            raise DamagedSaveError(f"game.turns: turn {entry.turn} found where {expected} belongs")
        if state.over:
            raise DamagedSaveError(f"turn {expected} is logged after the game ended")
        state = _between_turns(scenario, game, state, states, all_events, explain)
        rulings = [i for i in game.facilitator if i.turn == expected and i.phase != "orders"]
        try:
            state, events = resolve_turn(
                scenario, state, list(entry.orders), explain=explain, rulings=rulings
            )
        except Exception as exc:  # noqa: BLE001 - a damaged log must never crash a load
            why = str(exc) if isinstance(exc, GameError) else f"{type(exc).__name__}: {exc}"
            if diverged is not None:
                raise ReplayMismatchError(
                    f"the order log does not reproduce the recorded game: turn {diverged} "
                    f"diverged, and turn {expected} then does not replay ({why})",
                    turn=diverged,
                ) from None
            raise DamagedSaveError(f"turn {expected} does not replay: {why}") from None
        recorded = entry.state_hash
        if diverged is None and recorded is not None and recorded != state_hash(state):
            diverged = expected
        states.append(state)
        all_events.append(tuple(events))
    _between_turns(scenario, game, state, states, all_events, explain)
    late = [i for i in game.facilitator if i.turn > len(game.turns) + 1 or i.turn < 1]
    if late:
        turn = late[0].turn
        raise DamagedSaveError(f"game.facilitator: an intervention in turn {turn}, not played")
    return Replay(scenario, tuple(states), tuple(all_events), diverged)


def _between_turns(
    scenario: Scenario,
    game: Game,
    state: GameState,
    states: list[GameState],
    all_events: list[tuple[Event, ...]],
    explain: bool,
) -> GameState:
    """Apply the facilitator's changes made before the orders of ``state.turn`` (figures set,
    injects published): the last replayed state and its events include them."""
    changes: list[Intervention] = [
        i for i in game.facilitator if i.turn == len(states) and i.phase == "orders"
    ]
    for change in changes:
        try:
            state, events = intervene(scenario, state, change, explain=explain)
        except GameError as exc:
            raise DamagedSaveError(
                f"the facilitator's {change.kind} in turn {change.turn} does not replay: {exc}"
            ) from None
        states[-1] = state
        all_events[-1] = (*all_events[-1], *events)
    return state


def first_difference(stored: Any, replayed: Any, path: str = "state") -> str | None:
    """The key path of the first difference between two states (as JSON values), or None."""
    if attrs.has(type(stored)) or attrs.has(type(replayed)):
        return first_difference(unstructure(stored), unstructure(replayed), path)
    if isinstance(stored, dict) and isinstance(replayed, dict):
        for key in sorted(set(stored) | set(replayed)):
            found = first_difference(stored.get(key), replayed.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(stored, list) and isinstance(replayed, list):
        if len(stored) != len(replayed):
            return f"{path} ({len(stored)} items stored, {len(replayed)} replayed)"
        for i, (a, b) in enumerate(zip(stored, replayed, strict=True)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    if stored != replayed or type(stored) is not type(replayed):
        return f"{path} (stored {stored!r}, replayed {replayed!r})"
    return None


def mismatch_of(save: Save, result: Replay) -> ReplayMismatchError | None:
    """Why the replay of a save does not reproduce it (which turn diverged, or the first figure
    of the stored state that differs), or None when it does."""
    if result.diverged is not None:
        return ReplayMismatchError(
            f"the order log does not reproduce the recorded game: turn {result.diverged} "
            "diverged (the save was edited, or written by a version with other rules)",
            turn=result.diverged,
        )
    if result.final != save.state:
        where = first_difference(save.state, result.final)
        turn = len(save.game.turns)
        return ReplayMismatchError(
            f"the stored state is not the one the order log leads to after turn {turn}: "
            f"first difference at {where}",
            turn=turn,
        )
    return None


def verify(save: Save, *, explain: bool = False) -> Replay:
    """Replay a save and check that its log reproduces its stored state; ReplayMismatchError
    (naming the turn, or the first differing figure) if it does not."""
    result = replay(save.game, explain=explain)
    mismatch = mismatch_of(save, result)
    if mismatch is not None:
        raise mismatch
    return result
