"""A game in progress as the interfaces see it: scenario, teams, orders, and the log.

The session drives the engine for the TUI (and for saves): human teams give orders, AI
governments' orders come from their policies, and every resolved turn is kept (its orders,
events and resulting state) so the game can be explained, charted and replayed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import define, evolve, field, frozen

from game.engine import (
    Event,
    GameError,
    GameState,
    Intervention,
    Order,
    Policy,
    Scenario,
    check_intervention,
    check_orders,
    check_rulings,
    intervene,
    new_game,
    policy_rng,
    publish,
    resolve_turn,
)
from game.lab.specs import resolve as resolve_policy
from game.saves.format import Game, InjectEntry, Note, Save, Team, now_utc
from game.saves.replay import make_save, new_record, record_turn
from game.saves.store import Loaded, autosave, save_path, write_save

if TYPE_CHECKING:
    from game.seminar.white_cell import Seminar


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
    seminar: Seminar | None = None  # the facilitator's role (None: no facilitator)
    interventions: list[Intervention] = field(factory=list)  # the facilitator's, in order
    rulings: list[Intervention] = field(factory=list)  # on the turn being played
    notes: list[Note] = field(factory=list)  # the teams' and the facilitator's

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
        team_names: dict[str, str] | None = None,
        seminar: Seminar | None = None,
    ) -> Session:
        """A new game (saveable when ``data``, the scenario's resolved TOML data, is given),
        with the human teams' names and the facilitator's role if given."""
        state, events = new_game(scenario, seed, difficulty)
        start = TurnRecord(0, (), tuple(events), state)
        log = None
        names = team_names or {}
        if data is not None:
            teams = tuple(
                Team(a.id, names.get(a.id) or f"Team {a.name}")
                if a.id in humans
                else Team(a.id, "AI", ai_policy)
                for a in scenario.allies
            )
            stamp = now_utc().replace(":", "").replace("-", "")
            log = new_record(data, seed, state.difficulty, teams, f"{scenario.id}-{seed}-{stamp}")
            if seminar is not None:
                log = evolve(log, passphrase=seminar.passphrase)
        session = cls(
            scenario, humans, ai_policy, state, tuple(events), [start], log=log,
            saves_dir=saves_dir, seminar=seminar,
        )  # fmt: skip
        session.publish_due()
        session.sync_log()
        if seminar is not None:
            from game.seminar.clock import now

            seminar.start_turn(now())
        return session

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
        briefing = tuple(e for e in history[-1].events if e.phase in ("briefing", "orders"))
        seminar = None
        if game.passphrase is not None:
            from game.seminar.white_cell import QueuedInject, Seminar

            seminar = Seminar(game.passphrase)
            seminar.injects = [QueuedInject(e.inject, e.due, e.status) for e in game.injects]
            if game.clock is not None:
                seminar.discussion, seminar.orders, seminar.no_orders = game.clock
            seminar.resume_clock(loaded.save.clock)
        session = cls(
            replay.scenario,
            humans,
            ai_policy,
            replay.final,
            briefing,
            history,
            log=game,
            saves_dir=saves_dir,
            seminar=seminar,
            interventions=list(game.facilitator),
            notes=list(game.notes),
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
        kept = [
            i
            for i in self.interventions
            if i.turn <= turns or (i.turn == turns + 1 and i.phase == "orders")
        ]
        notes = [n for n in self.notes if n.turn <= turns + 1]
        if log is not None:
            log = evolve(log, facilitator=tuple(kept), notes=tuple(notes))
        return Session(
            self.scenario,
            self.humans,
            self.ai_policy,
            past.state,
            past.briefing,
            past.history,
            log=log,
            saves_dir=self.saves_dir,
            seminar=self.seminar,
            interventions=kept,
            notes=notes,
        )

    def save(self, name: str) -> Path:
        """Write the game to ``saves/NAME.json`` (atomically); return the file."""
        if self.log is None:
            raise ValueError("this game cannot be saved: its scenario data is unknown")
        return write_save(self.snapshot(), save_path(name, self.saves_dir))

    def snapshot(self) -> Save:
        """The game as a save made now: the log, the state, the orders given for this turn
        and the seminar's clock (its phase, the time left and whether it is paused)."""
        assert self.log is not None
        clock = self.seminar.clock if self.seminar is not None else None
        if clock is not None:
            from game.seminar.clock import now

            left = (clock.phase, round(clock.remaining(now()), 1), clock.paused)
        return evolve(
            make_save(self.log, self.state),
            pending=self.pending_orders(),
            clock=left if clock is not None else None,
        )

    def pending_orders(self) -> tuple[Order, ...]:
        """Orders given for this turn so far, in hand-over order (kept in a save made now:
        a team that has given its orders is not asked again when the game is loaded)."""
        return tuple(o for ally in self.humans for o in self.pending.get(ally, ()))

    def autosave(self) -> Path | None:
        """An autosave at the start of a turn (the last 10 of each game are kept)."""
        if self.log is None:
            return None
        return autosave(self.snapshot(), self.saves_dir)

    @property
    def start_state(self) -> GameState:
        """The state before turn 1."""
        return self.history[0].state

    def submit(self, ally: str, orders: tuple[Order, ...]) -> None:
        """Record a human team's orders for this turn (checked now, kept secret)."""
        check_orders(self.scenario, self.state, list(orders))
        self.pending[ally] = orders

    def team_name(self, ally: str) -> str:
        """What to call the team playing ``ally``: the group's name set at New game for a
        human team, else the government's name."""
        government = next((a.name for a in self.scenario.allies if a.id == ally), ally)
        if self.log is not None:
            for t in self.log.teams:
                if t.ally == ally and t.policy is None and t.player != f"Team {government}":
                    return t.player
        return government

    def waiting_for(self) -> list[str]:
        """Human teams that have not yet given orders this turn."""
        return [a for a in self.humans if a not in self.pending]

    def ai_policy_fn(self) -> Policy:
        """The policy that plays the AI governments."""
        return resolve_policy(self.ai_policy)  # a name, FILE.py:FUNCTION or module:FUNCTION

    def turn_orders(self) -> list[Order]:
        """This turn's orders as they stand: the humans' given so far and the AI's."""
        orders: list[Order] = []
        policy = self.ai_policy_fn()
        for spec in self.scenario.allies:
            if spec.id in self.humans:
                orders.extend(self.pending.get(spec.id, ()))
            else:
                rng = policy_rng(self.scenario, self.state, spec.id)
                orders.extend(policy(self.scenario, self.state, spec.id, rng))
        return orders

    def resolve(self) -> TurnRecord:
        """Resolve the turn with the humans' orders, the AI governments' orders and the
        facilitator's rulings (a ruling on an order no longer given is dropped)."""
        orders = self.turn_orders()
        turn = self.state.turn
        rulings = [r for r in self.rulings if self._ruling_applies(orders, r)]
        state, events = resolve_turn(self.scenario, self.state, orders, rulings=rulings)
        record = TurnRecord(turn, tuple(orders), tuple(events), state)
        self.history.append(record)
        self.interventions.extend(rulings)
        self.rulings = []
        if self.log is not None:
            self.log = record_turn(self.log, orders, state)
        self.state = state
        self.briefing = tuple(e for e in events if e.phase == "briefing")
        self.pending = {}
        self.sync_log()
        self.publish_due()
        if self.seminar is not None:
            from game.seminar.clock import now

            self.seminar.start_turn(now())
        return record

    # -- the facilitator and the notes ----------------------------------------------------

    def _ruling_applies(self, orders: list[Order], ruling: Intervention) -> bool:
        try:
            check_rulings(self.scenario, self.state, orders, [ruling])
        except GameError:
            return False
        return True

    def intervene(self, iv: Intervention) -> tuple[Event, ...]:
        """The facilitator's intervention: a change between turns (figure, inject) applies
        now and returns its events; a ruling (grade, void) is kept for this turn's resolution
        (the last ruling on a target replaces earlier ones). InterventionError if refused.
        Orders given before a change that it made illegal are taken back."""
        if iv.kind in ("grade", "void"):
            check_intervention(self.scenario, self.state, iv)
            self.rulings = [r for r in self.rulings if (r.kind, r.target) != (iv.kind, iv.target)]
            self.rulings.append(iv)
            return ()
        state, events = intervene(self.scenario, self.state, iv)
        self.state = state
        last = self.history[-1]
        self.history[-1] = evolve(last, events=(*last.events, *events), state=state)
        self.briefing = (*self.briefing, *events)
        self.interventions.append(iv)
        for ally, given in list(self.pending.items()):
            try:
                check_orders(self.scenario, state, list(given))
            except GameError:
                del self.pending[ally]
        self.sync_log()
        return tuple(events)

    def fill_missing(self) -> list[str]:
        """Time is up: each team that has not given orders passes, or plays the AI policy's
        orders, as set at New game. The teams filled in."""
        late = self.waiting_for()
        use_policy = self.seminar is not None and self.seminar.no_orders == "policy"
        policy = self.ai_policy_fn()
        for ally in late:
            if use_policy:
                rng = policy_rng(self.scenario, self.state, ally)
                self.pending[ally] = tuple(policy(self.scenario, self.state, ally, rng))
            else:
                self.pending[ally] = ()
        return late

    def rollback(self) -> bool:
        """Take the last resolved turn back (the facilitator's undo): the position, orders and
        rulings of that turn are dropped; the changes made before it are kept."""
        if len(self.history) < 2:
            return False
        turns = len(self.history) - 2
        past = self.view(turns)
        self.history = past.history
        self.state = past.state
        self.briefing = tuple(
            e for e in past.history[-1].events if e.phase in ("briefing", "orders")
        )
        self.pending = {}
        self.rulings = []
        self.interventions = [
            i
            for i in self.interventions
            if i.turn <= turns or (i.turn == turns + 1 and i.phase == "orders")
        ]
        if self.log is not None:
            self.log = evolve(self.log, turns=self.log.turns[:turns])
        if self.seminar is not None:
            from game.seminar.clock import now

            published = {i.target for i in self.interventions if i.kind == "inject"}
            for q in self.seminar.injects:  # published in the turn taken back: waiting again
                if q.status == "published" and q.inject.id not in published:
                    q.status = "waiting"
            self.seminar.start_turn(now())
        self.sync_log()
        return True

    def withdraw(self, kind: str, target: str) -> bool:
        """Take back a ruling not yet applied; True if there was one."""
        kept = [r for r in self.rulings if (r.kind, r.target) != (kind, target)]
        found = len(kept) != len(self.rulings)
        self.rulings = kept
        return found

    def publish_due(self) -> list[Event]:
        """Publish the facilitator's timed injects due this turn (none without a facilitator)."""
        events: list[Event] = []
        if self.seminar is None or self.state.over:
            return events
        for q in self.seminar.due(self.state.turn):
            when = f"{self.scenario.turn_label} {q.due}"
            iv = publish(self.state, q.inject, f"timed inject (due in {when})")
            events.extend(self.intervene(iv))
            q.status = "published"
        self.sync_log()
        return events

    def add_note(self, author: str, text: str) -> Note | None:
        """A note for the debrief (blank text: none), stamped with the current turn."""
        if not text.strip():
            return None
        note = Note(self.state.turn, author, text.strip())
        self.notes.append(note)
        self.sync_log()
        return note

    def sync_log(self) -> None:
        """Bring the save record up to date with the interventions, notes and inject list."""
        if self.log is not None:
            injects = tuple(
                InjectEntry(q.inject, q.due, q.status)
                for q in (self.seminar.injects if self.seminar else [])
            )
            seminar = self.seminar
            clock = (seminar.discussion, seminar.orders, seminar.no_orders) if seminar else None
            self.log = evolve(
                self.log,
                facilitator=tuple(self.interventions),
                notes=tuple(self.notes),
                injects=injects,
                clock=clock,
            )

    def all_events(self) -> list[Event]:
        """Every event of the game so far, in order."""
        out = list(self.history[0].events)
        for r in self.history[1:]:
            out.extend(r.events)
        return out

    def states(self) -> list[GameState]:
        """The state at the start and after every resolved turn."""
        return [r.state for r in self.history]
