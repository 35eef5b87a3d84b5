"""The scenario: immutable rules and content of one game (allies, sectors, moves, doctrine).

A scenario is loaded from TOML by :mod:`game.engine.loader`; nothing here is ever executed
from the file. Per-domain and per-sector figures are tuples ordered like
``Scenario.domains`` and ``Scenario.sectors``.
"""

from __future__ import annotations

from attrs import frozen

from game.engine.tuning import Tuning

# The fixed vocabularies that scenario files draw from. The loader rejects anything else.
MOVE_LINES = ("defensive", "offensive")
MOVE_TARGETS = ("none", "domain", "sector")
MEASURES = ("none", "export_control", "investment_screening", "pledge", "institution")
# Who an effect reaches. A move's effects: "self" (each participant), "outsiders" (allies
# outside the move), "allies" (every ally), "china", "coalition". A coercion tool's effects:
# "target" (the ally China acts against), "others" (the other allies still in the coalition),
# "allies", "china", "coalition".
MOVE_EFFECT_WHO = ("self", "outsiders", "allies", "china", "coalition")
TOOL_EFFECT_WHO = ("target", "others", "allies", "china", "coalition")
EFFECT_WHO = ("self", "outsiders", "allies", "china", "coalition", "target", "others")
# What an effect's amount is multiplied by. Moves: "coverage" (members' share of world supply,
# or of allied GDP), "members" (the joint-move boost), "alignment", "exposure", "dependence",
# "stake". Tools (whose amounts are always multiplied by the action's intensity as well):
# "digital_exposure" (the target's, as a share), "unscreened" (the share of allied GDP
# without investment screening), "unaligned" (the share of the target's boardrooms that do
# not follow government risk guidance: 1 - alignment / 100).
MOVE_SCALES = ("none", "coverage", "members", "alignment", "exposure", "dependence", "stake")
TOOL_SCALES = ("none", "digital_exposure", "unscreened", "unaligned")
EFFECT_SCALES = (*MOVE_SCALES, "digital_exposure", "unscreened", "unaligned")
# A tool's tech effect may hit the target's strongest domain instead of a fixed one.
STRONGEST_DOMAIN = "strongest"
# A tool's channel: "exports" (a boycott, tariff or ban on the target's sales in a sector),
# "inputs" (a cut-off of critical inputs to a sector), or "none". A channel starts an episode
# that costs output every turn it lasts; effects apply once, when China acts.
TOOL_CHANNELS = ("none", "exports", "inputs")
# A tool's kind is a label (the news, the help screen, AI players reading China's signals);
# what a tool does is its channel and its effects.
TOOL_KINDS = (
    "warning",
    "boycott",
    "tourism",
    "tariff",
    "input_cutoff",
    "firm_threat",
    "detention",
    "digital",
    "inducement",
    "tech_acquisition",
)
# The placeholders a tool's summary (the news line) may use, filled in when China acts:
# "exposure", the target's digital exposure (percent, no decimals); "domain", the name of the
# target's highest-tech domain; "screened", the share of allied GDP under investment screening
# (a percentage, no decimals).
TOOL_SUMMARY_FIELDS = ("exposure", "domain", "screened")
SECTOR_CHOICES = ("none", "most_exposed", "most_dependent", "fixed")
OBJECTIVE_METRICS = (
    "gdp_gap",  # own average output gap, percent (lower is better)
    "max_export_exposure",  # own largest sector export exposure (lower is better)
    "max_import_dependence",
    "digital_exposure",
    "resolve",
    "strain",
    "tech",  # needs a domain
    "cohesion",
    "standards",
    "accommodated_turns",
)


@frozen
class Domain:
    """A technology domain (semiconductors, telecom/5G, AI, ...)."""

    id: str
    name: str
    china_growth: float  # China's tech growth per turn with no controls
    ally_growth: float  # allies' tech growth per turn
    control_cost: float  # output lost per turn by a controller with the whole world supply, percent
    void_gain: float  # output gained per turn by an outsider with the whole world supply, percent


@frozen
class Sector:
    """An economic sector; its exposure figures live with each ally."""

    id: str
    name: str
    domain: str | None  # the technology domain whose inputs it depends on, if any
    diversion: float  # share of exports lost to a boycott that is sold elsewhere
    legacy: bool  # an older industry: hits here raise legacy-industry strain


@frozen
class SectorProfile:
    """One ally's stake in one sector."""

    weight: float  # sector output as a share of the ally's GDP
    export_exposure: float  # share of that output sold to China
    import_dependence: float  # share of the sector's critical inputs bought from China
    resilience: float  # diversification, stockpiles, alternative markets (0..1)


@frozen
class Objective:
    """An ally's national objective, scored apart from the coalition's."""

    text: str
    metric: str
    op: str
    value: float
    domain: str | None = None


@frozen
class AllySpec:
    """An allied government's starting position."""

    id: str
    name: str
    gdp: float  # USD bn, for weighting
    growth: float  # baseline growth per turn, percent
    political_capital: int
    budget: float  # budget income per turn
    resolve: float
    alignment: float
    strain: float
    digital_exposure: float
    talent: float
    tech: tuple[float, ...]
    supply_share: tuple[float, ...]  # share of world supply of each technology
    sectors: tuple[SectorProfile, ...]
    objective: Objective
    note: str = ""


@frozen
class Effect:
    """One declared consequence of a move, tool or event."""

    who: str
    var: str
    amount: float
    delay: int = 0
    turns: int = 1
    scale: str = "none"
    domain: str | None = None  # fixed domain, else the order's target
    sector: str | None = None  # fixed sector ("all" for every sector), else the order's target


@frozen
class Move:
    """A move in the allies' catalogue."""

    id: str
    name: str
    line: str
    description: str
    source: str
    target: str
    pc: int
    budget: float
    joint: bool
    synergy: float  # extra effect per additional member of a joint move
    min_alignment: float
    measure: str
    duration: int  # turns a measure stays in force (0: until lifted)
    defiance: float  # how much China reads this move as defiance
    cooldown: int  # turns before the same ally may repeat it on the same target
    effects: tuple[Effect, ...]


@frozen
class Tool:
    """A coercion tool in China's catalogue: an episode through a channel (lost sales or
    inputs in a sector, every turn it lasts) and effects applied once when China acts, each
    amount multiplied by the action's intensity."""

    id: str
    name: str
    kind: str
    description: str
    source: str
    sector_choice: str
    sector: str | None
    intensity: float
    duration: int
    escalation: float
    backlash: float
    channel: str = "none"
    effects: tuple[Effect, ...] = ()
    summary: str = ""  # what China does, for the news; {exposure} {domain} {screened} filled in
    target: str | None = None  # an ally id: aimed at that ally's trade, used only against it
    # moves that answer a signal of this tool: ordered by the target in the quarter China
    # signals the tool against it (on the signalled sector, for a move aimed at a sector),
    # they blunt the action (tuning.forewarned_blunting)
    answers: tuple[str, ...] = ()


@frozen
class Condition:
    """A threshold test on a doctrine variable."""

    var: str
    op: str
    value: float


@frozen
class Rule:
    """A doctrine rule: when its conditions hold, China applies a tool to a selected ally."""

    id: str
    description: str
    conditions: tuple[Condition, ...]
    selector: str
    tool: str
    intensity: float
    cost: int
    chance: float
    priority: int = 0  # rules are tried highest priority first (ties: file order)
    before: str | None = None  # tried just before this rule (after priorities are sorted)
    target: str | None = None  # an ally id: the rule only ever aims at that ally


@frozen
class Difficulty:
    """A named difficulty level; each level adds its changes to those of all levels below."""

    level: int
    id: str
    name: str
    label: str
    description: str
    action_budget: int
    capacity: float
    intensity: float
    rules: tuple[Rule, ...]


@frozen
class ScenarioEvent:
    """An event applied at a turn's briefing: scripted (``turn``), conditional (``when``: once,
    at the first briefing from ``turn`` on where every condition holds) or from the deck
    (``weight``; with ``when``, only while the conditions hold)."""

    id: str
    title: str
    text: str
    source: str
    turn: int
    weight: float
    target: str | None  # an ally id, or None for every ally / China / the coalition
    effects: tuple[Effect, ...]
    when: tuple[Condition, ...] = ()


@frozen
class Inject:
    """A facilitator's inject: news the white cell publishes during play (``[[injects]]``),
    with optional effects in the events' vocabulary. ``turn`` 0: held until published."""

    id: str
    headline: str
    text: str
    turn: int
    target: str | None  # the ally its ``self`` effects reach, or None for every ally
    effects: tuple[Effect, ...] = ()


@frozen
class Briefing:
    """Text shown at the briefing of one turn."""

    turn: int
    text: str


@frozen
class ChinaSpec:
    """China's starting position."""

    weight: float
    capacity: float
    tech: tuple[float, ...]
    fusion: float
    escalation: float
    backlash: float
    action_budget: int
    ladder: tuple[str, ...]  # the names of the escalation ladder's rungs
    clock: float  # escalation added each turn regardless
    concession_base: float  # chance a lone target concedes, once per coercion campaign
    doctrine: tuple[Rule, ...]
    concession_after: int  # turns of coercion before the target decides whether to concede


@frozen
class Victory:
    """How the coalition's score is built and graded."""

    gdp_weight: float
    tech_weight: float
    leverage_weight: float
    cohesion_weight: float
    accommodation_weight: float
    gdp_floor: float  # average output gap (percent) that scores zero
    tech_span: float  # tech lead change (points) setting the tech part's tanh scale
    decisive: float
    marginal: float
    stalemate: float
    collapse_cohesion: float
    collapse_share: float  # share of allies accommodated that ends the game


@frozen
class Scenario:
    """Everything a game needs that does not change during play."""

    id: str
    title: str
    briefing: str
    source: str
    turns: int
    turn_label: str
    start_year: int
    deck_chance: float
    domains: tuple[Domain, ...]
    sectors: tuple[Sector, ...]
    allies: tuple[AllySpec, ...]
    china: ChinaSpec
    moves: tuple[Move, ...]
    tools: tuple[Tool, ...]
    difficulties: tuple[Difficulty, ...]
    default_difficulty: str
    events: tuple[ScenarioEvent, ...]
    briefings: tuple[Briefing, ...]
    victory: Victory
    accommodation_threshold: float
    recovery_threshold: float
    tuning: Tuning = Tuning()
    injects: tuple[Inject, ...] = ()  # the facilitator's (game.engine.adjudication)

    def domain_index(self, domain_id: str) -> int:
        """The position of a domain in per-domain tuples."""
        return scenario_index(self).domain_index[domain_id]

    def sector_index(self, sector_id: str) -> int:
        """The position of a sector in per-sector tuples."""
        return scenario_index(self).sector_index[sector_id]

    def ally_index(self, ally_id: str) -> int:
        """The position of an ally in the game state's ally tuple."""
        return scenario_index(self).ally_index[ally_id]

    def move(self, move_id: str) -> Move:
        """The move with this id."""
        return scenario_index(self).moves[move_id]

    def tool(self, tool_id: str) -> Tool:
        """The coercion tool with this id."""
        return scenario_index(self).tools[tool_id]

    def difficulty(self, key: str | int) -> Difficulty:
        """A difficulty level by id, label (easy, normal, hard, ...) or level number."""
        return scenario_index(self).difficulty[key]


# Lookup tables (ids to positions) live in game.engine.index; imported last, since that
# module reads the classes above.
from game.engine.index import ScenarioIndex, scenario_index  # noqa: E402

__all__ = ["ScenarioIndex", "scenario_index"]
