"""The game state: the position of one game, immutable. Per-domain and per-sector figures are
tuples ordered like the scenario's ``domains`` and ``sectors``."""

from __future__ import annotations

from attrs import frozen

from game.engine.build import builder


@frozen(weakref_slot=False)
class AllyState:
    """One allied government's position."""

    id: str
    output: float  # GDP index; 100 at the start
    baseline: float  # GDP index on the no-coercion path
    scar: float  # lasting output loss, percent of baseline
    gap: float  # this turn's output loss (negative: a gain), percent of baseline
    lost_output: float  # sum of (scar + gap) over the turns played, percent-turns
    coercion_loss: float  # sum of output lost to China's coercion, percent-turns
    resolve: float
    alignment: float
    strain: float
    digital_exposure: float
    talent: float
    treasury: float
    defiance: float
    tech: tuple[float, ...]
    export_exposure: tuple[float, ...]
    import_dependence: tuple[float, ...]
    resilience: tuple[float, ...]
    accommodated: bool
    accommodated_turns: int
    concessions: int


@frozen(weakref_slot=False)
class Measure:
    """A lasting measure in force: an export control, screening regime, pledge or institution."""

    kind: str
    move: str
    members: tuple[str, ...]
    target: str | None  # domain or sector id
    harmonised: bool  # enacted as a joint move (one control list) rather than alone
    started: int
    expires: int  # last turn in force; 0 means until lifted


@frozen(weakref_slot=False)
class Pending:
    """A delayed or lasting effect still to apply."""

    due: int  # first turn it applies
    last: int  # last turn it applies
    who: str
    ally: str | None
    var: str
    amount: float
    index: int  # domain or sector index (-1: none; -2: all sectors)
    cause: str  # move or event id


@frozen(weakref_slot=False)
class Episode:
    """A coercion episode in progress against one ally."""

    tool: str
    rule: str
    ally: str
    sector: int  # sector index, -1 for none
    intensity: float
    started: int
    ends: int  # last turn in force


@frozen(weakref_slot=False)
class Proposal:
    """A joint move proposed by one ally, open for others to join until it is enacted."""

    id: str
    move: str
    target: str | None
    proposer: str
    turn: int  # the turn it was proposed; enacted at the end of the next turn
    members: tuple[str, ...]


@frozen(weakref_slot=False)
class Signal:
    """China's telegraph: a likely next action."""

    rule: str
    tool: str
    ally: str
    sector: str | None
    reason: str


@frozen(weakref_slot=False)
class ChinaState:
    """China's position."""

    capacity: float
    tech: tuple[float, ...]
    fusion: float
    escalation: float
    backlash: float
    leverage: float
    episodes: tuple[Episode, ...]
    acted: tuple[tuple[str, str], ...] = ()  # (rule, ally) of China's actions last turn
    respite: tuple[
        tuple[str, int], ...
    ] = ()  # (ally, last turn China spares it after a concession)
    rolled: tuple[str, ...] = ()  # allies whose coercion campaign has had its concession roll


@frozen(weakref_slot=False)
class CoalitionState:
    """The allies together."""

    cohesion: float
    standards: float
    pledge: tuple[str, ...]
    institutions: tuple[str, ...]


@frozen(weakref_slot=False)
class Outcome:
    """The end of a game: tier, coalition score and one score per ally."""

    tier: str
    score: float
    parts: tuple[tuple[str, float], ...]
    ally_scores: tuple[tuple[str, float], ...]
    objectives_met: tuple[tuple[str, bool], ...]
    reason: str


@frozen(weakref_slot=False)
class GameState:
    """A whole game position. ``turn`` is the turn whose orders are awaited."""

    scenario: str
    difficulty: str
    seed: int
    turn: int
    rng: int
    allies: tuple[AllyState, ...]
    china: ChinaState
    coalition: CoalitionState
    measures: tuple[Measure, ...]
    pending: tuple[Pending, ...]
    proposals: tuple[Proposal, ...]
    signals: tuple[Signal, ...]
    cooldowns: tuple[tuple[str, str, str, int], ...]  # (ally, move, target, next legal turn)
    next_proposal: int
    drawn: tuple[str, ...]  # deck events already drawn
    outcome: Outcome | None

    @property
    def over(self) -> bool:
        """True once the game has ended."""
        return self.outcome is not None

    def ally(self, ally_id: str) -> AllyState:
        """The state of one ally."""
        for a in self.allies:
            if a.id == ally_id:
                return a
        raise KeyError(ally_id)


# The same objects, built cheaper (game/engine/build.py): for the places that make them by the
# hundred a game. Each takes the class's own arguments and returns an instance of the class.
new_pending = builder(Pending)
new_episode = builder(Episode)
new_measure = builder(Measure)
new_proposal = builder(Proposal)
new_signal = builder(Signal)
new_game_state = builder(GameState)
