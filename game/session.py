"""A game in progress as the interfaces see it: scenario, teams, orders, and the log.

The session drives the engine for the TUI (and for saves): human teams give orders, AI
governments' orders come from their policies, and every resolved turn is kept (its orders,
events and resulting state) so the game can be explained, charted and replayed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import define, evolve, field, frozen

from game.ai.policies import POLICIES
from game.engine import (
    Event,
    GameState,
    Order,
    Policy,
    Scenario,
    check_orders,
    new_game,
    policy_rng,
    resolve_turn,
)
from game.saves.format import Game, Team, now_utc
from game.saves.replay import make_save, new_record, record_turn
from game.saves.store import Loaded, autosave, save_path, write_save


@frozen
class TurnRecord:
    """One resolved turn: the orders given, the events, and the state after it."""

    turn: int
    orders: tuple[Order, ...]
    events: tuple[Event, ...]
    state: GameState


@define
class Session:
    """A game being played: who plays which government, and everything that happened."""

    scenario: Scenario
    humans: tuple[str, ...]  # ally ids played by human teams, in hand-over order
    ai_policy: str
    state: GameState
    briefing: tuple[Event, ...]  # events of the current turn's briefing
    history: list[TurnRecord] = field(factory=list)
    pending: dict[str, tuple[Order, ...]] = field(factory=dict)  # secret until resolution
    log: Game | None = None  # the save record (None when the scenario data is not known)
    saves_dir: Path | None = None

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        seed: int,
        difficulty: str,
        humans: tuple[str, ...],
        ai_policy: str = "coordinated",
        data: dict[str, Any] | None = None,
        saves_dir: Path | None = None,
    ) -> Session:
        """A new game (saveable when ``data``, the scenario's resolved TOML data, is given)."""
        state, events = new_game(scenario, seed, difficulty)
        start = TurnRecord(0, (), tuple(events), state)
        log = None
        if data is not None:
            teams = tuple(
                Team(a.id, f"Team {a.name}") if a.id in humans else Team(a.id, "AI", ai_policy)
                for a in scenario.allies
            )
            stamp = now_utc().replace(":", "").replace("-", "")
            log = new_record(data, seed, state.difficulty, teams, f"{scenario.id}-{seed}-{stamp}")
        return cls(
            scenario, humans, ai_policy, state, tuple(events), [start], log=log, saves_dir=saves_dir
        )

    @classmethod
    def from_loaded(cls, loaded: Loaded, saves_dir: Path | None = None) -> Session:
        """A session resumed from a save, with its history replayed (events included)."""
        replay = loaded.replay
        game = loaded.save.game
        humans = tuple(t.ally for t in game.teams if t.policy is None)
        policies = {t.policy for t in game.teams if t.policy}
        ai_policy = next(iter(policies)) if len(policies) == 1 else "coordinated"
        history = [TurnRecord(0, (), replay.events[0], replay.states[0])]
        for entry, state, events in zip(
            game.turns, replay.states[1:], replay.events[1:], strict=True
        ):
            history.append(TurnRecord(entry.turn, entry.orders, events, state))
        briefing = tuple(e for e in history[-1].events if e.phase == "briefing")
        session = cls(
            replay.scenario,
            humans,
            ai_policy,
            replay.final,
            briefing,
            history,
            log=game,
            saves_dir=saves_dir,
        )
        given = loaded.save.pending
        if given:  # orders entered before a mid-turn save: checked as when they were given
            check_orders(replay.scenario, replay.final, list(given))
            for ally in humans:
                mine = tuple(o for o in given if o.ally == ally)
                if mine:
                    session.pending[ally] = mine
        return session

    def view(self, turns: int) -> Session:
        """The game as it stood after ``turns`` resolved turns (0: the start), read-only."""
        history = self.history[: turns + 1]
        last = history[-1]
        briefing = tuple(e for e in last.events if e.phase == "briefing")
        return Session(
            self.scenario, self.humans, self.ai_policy, last.state, briefing, list(history)
        )

    def branch(self, turns: int) -> Session:
        """A new game that starts from the position after ``turns`` resolved turns, with the
        same teams, saved under a new game id ("what if we had joined the pledge in turn 4?")."""
        past = self.view(turns)
        log = None
        if self.log is not None:
            stamp = now_utc().replace(":", "").replace("-", "")
            log = evolve(
                self.log, id=f"{self.log.id}-branch{turns}-{stamp}", turns=self.log.turns[:turns]
            )
        return Session(
            self.scenario,
            self.humans,
            self.ai_policy,
            past.state,
            past.briefing,
            past.history,
            log=log,
            saves_dir=self.saves_dir,
        )

    def save(self, name: str) -> Path:
        """Write the game to ``saves/NAME.json`` (atomically); return the file."""
        if self.log is None:
            raise ValueError("this game cannot be saved: its scenario data is unknown")
        save = evolve(make_save(self.log, self.state), pending=self.pending_orders())
        return write_save(save, save_path(name, self.saves_dir))

    def pending_orders(self) -> tuple[Order, ...]:
        """Orders given for this turn so far, in hand-over order (kept in a save made now:
        a team that has given its orders is not asked again when the game is loaded)."""
        return tuple(o for ally in self.humans for o in self.pending.get(ally, ()))

    def autosave(self) -> Path | None:
        """An autosave at the start of a turn (the last 10 of each game are kept)."""
        if self.log is None:
            return None
        return autosave(make_save(self.log, self.state), self.saves_dir)

    @property
    def start_state(self) -> GameState:
        """The state before turn 1."""
        return self.history[0].state

    def submit(self, ally: str, orders: tuple[Order, ...]) -> None:
        """Record a human team's orders for this turn (checked now, kept secret)."""
        check_orders(self.scenario, self.state, list(orders))
        self.pending[ally] = orders

    def waiting_for(self) -> list[str]:
        """Human teams that have not yet given orders this turn."""
        return [a for a in self.humans if a not in self.pending]

    def ai_policy_fn(self) -> Policy:
        """The policy that plays the AI governments."""
        return POLICIES[self.ai_policy]

    def resolve(self) -> TurnRecord:
        """Resolve the turn with the humans' orders and the AI governments' orders."""
        orders: list[Order] = []
        policy = self.ai_policy_fn()
        for spec in self.scenario.allies:
            if spec.id in self.humans:
                orders.extend(self.pending.get(spec.id, ()))
            else:
                rng = policy_rng(self.scenario, self.state, spec.id)
                orders.extend(policy(self.scenario, self.state, spec.id, rng))
        turn = self.state.turn
        state, events = resolve_turn(self.scenario, self.state, orders)
        record = TurnRecord(turn, tuple(orders), tuple(events), state)
        self.history.append(record)
        if self.log is not None:
            self.log = record_turn(self.log, orders, state)
        self.state = state
        self.briefing = tuple(e for e in events if e.phase == "briefing")
        self.pending = {}
        return record

    def all_events(self) -> list[Event]:
        """Every event of the game so far, in order."""
        out = list(self.history[0].events)
        for r in self.history[1:]:
            out.extend(r.events)
        return out

    def states(self) -> list[GameState]:
        """The state at the start and after every resolved turn."""
        return [r.state for r in self.history]
