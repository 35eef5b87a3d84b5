"""What a scenario's moves do, read from their data: the roles the AI policies choose moves by.

A policy never names a move. It asks for the moves that play a role — "a lasting export
control", "a move that lowers the government's own digital exposure", "a move that cuts both
a sector's exports to and inputs from China" — and the roles are worked out once per scenario
from each move's line, measure kind, target, whether it is joint, and its effects (who they
reach, which figure, which way). Any valid scenario, custom moves and fresh ids included, is
read the same way.

Each role lists its moves best first (the strongest effect, then the cheaper, then the
catalogue's order), so a scenario with two pledges offers both and the policies prefer one.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import Move, Scenario

# Effects that cost the government or the coalition something, and the sign that is a cost
# (the ordering of moves that serve the same aim prefers the one that harms least).
_COSTLY: dict[tuple[str, str], int] = {
    ("self", "gdp"): -1,
    ("self", "scar"): -1,
    ("self", "talent"): -1,
    ("self", "strain"): 1,
    ("self", "alignment"): -1,
    ("self", "resolve"): -1,
    ("coalition", "cohesion"): -1,
    ("allies", "resolve"): -1,
}


def gain(move: Move, who: str, var: str) -> float:
    """The sum of a move's effect amounts on one figure for one recipient (delays ignored;
    effects lasting several turns count once a turn)."""
    return sum((e.amount * e.turns for e in move.effects if e.who == who and e.var == var), 0.0)


def harm(move: Move) -> float:
    """A rough size of what a move costs its own side (lost output, talent, alignment,
    resolve, cohesion, added strain), summed over its costly effects."""
    total = 0.0
    for e in move.effects:
        sign = _COSTLY.get((e.who, e.var))
        if sign is not None and e.amount * sign > 0:
            total += abs(e.amount) * e.turns
    return total


def fixed_sectors(move: Move, var: str) -> list[str]:
    """The sectors a move's own ``var`` effects name outright (not its target, not "all")."""
    return [
        e.sector
        for e in move.effects
        if e.who == "self" and e.var == var and e.sector not in (None, "all")
    ]


class Roles:
    """One scenario's moves, sorted into the roles the policies use. Every attribute is a
    list of move ids, best first; a role the scenario cannot fill is an empty list."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        moves = scenario.moves
        plain = [m for m in moves if m.measure == "none"]
        alone = [m for m in plain if not m.joint]
        on_sector = [m for m in plain if m.target == "sector"]

        def cuts(m: Move, var: str) -> bool:
            return gain(m, "self", var) < 0

        def one_side(m: Move, var: str, other: str) -> bool:
            return cuts(m, var) and not cuts(m, other)

        def raises(m: Move, who: str, var: str) -> bool:
            return gain(m, who, var) > 0

        # Lasting measures, the coalition's joint agenda.
        self.controls = _ids([m for m in moves if m.measure == "export_control"])
        self.screening = _ids([m for m in moves if m.measure == "investment_screening"])
        self.pledge = _ids([m for m in moves if m.measure == "pledge"])
        self.institution = _ids([m for m in moves if m.measure == "institution"])
        # Sector moves: decoupling cuts both exports and inputs; the others one side.
        self.decouple = _best(
            [m for m in on_sector if cuts(m, "export_exposure") and cuts(m, "import_dependence")],
            lambda m: -gain(m, "self", "export_exposure") - gain(m, "self", "import_dependence"),
        )
        self.diversify_inputs = _best(
            [m for m in on_sector if one_side(m, "import_dependence", "export_exposure")],
            lambda m: -gain(m, "self", "import_dependence"),
        )
        self.diversify_exports = _best(
            [m for m in on_sector if one_side(m, "export_exposure", "import_dependence")],
            lambda m: -gain(m, "self", "export_exposure"),
        )
        self.stockpile = _best(
            [
                m
                for m in on_sector
                if raises(m, "self", "resilience")
                and not cuts(m, "export_exposure")
                and not cuts(m, "import_dependence")
            ],
            lambda m: gain(m, "self", "resilience"),
        )
        # Untargeted moves that fix one named sector's inputs (a chip fab programme).
        self.fix_sector = _best(
            [
                m
                for m in moves
                if m.measure == "none"
                and m.target == "none"
                and fixed_sectors(m, "import_dependence")
            ],
            lambda m: -gain(m, "self", "import_dependence"),
        )
        # A government's own weak points, answered alone.
        self.relieve_strain = _best(
            [m for m in alone if cuts(m, "strain")], lambda m: -gain(m, "self", "strain")
        )
        self.rally = _best(
            [m for m in alone if raises(m, "self", "resolve")], lambda m: gain(m, "self", "resolve")
        )
        self.align_business = _best(
            [m for m in alone if raises(m, "self", "alignment")],
            lambda m: gain(m, "self", "alignment"),
        )
        self.digital = _best(
            [m for m in alone if cuts(m, "digital_exposure")],
            lambda m: -gain(m, "self", "digital_exposure"),
        )
        self.mend_coalition = _best(
            [m for m in alone if raises(m, "coalition", "cohesion")],
            lambda m: gain(m, "coalition", "cohesion"),
        )
        # Against China's military-civil fusion: the measure that harms its own side least.
        self.counter_fusion = _best(
            [m for m in alone if m.target in ("none", "domain") and gain(m, "china", "fusion") < 0],
            lambda m: -harm(m),
        )
        # Investment in the allies' own technology.
        self.research = _best(
            [m for m in plain if m.target == "domain" and raises(m, "self", "tech")],
            lambda m: gain(m, "self", "tech"),
        )
        self.talent = _best(
            [
                m
                for m in alone
                if m.target == "none"
                and (raises(m, "self", "talent") or raises(m, "self", "tech"))
                and not cuts(m, "talent")
            ],
            lambda m: gain(m, "self", "talent") + gain(m, "self", "tech"),
        )
        claimed = set(self.fix_sector)
        # Other joint moves with no target that do their own side good: proposed in turn.
        self.joint_extras = _ids(
            [
                m
                for m in plain
                if m.joint and m.target == "none" and m.id not in claimed and _helps(m)
            ]
        )

    def first(self, role: str) -> str | None:
        """The best move of a role, or None if the scenario has none."""
        ids: list[str] = getattr(self, role)
        return ids[0] if ids else None


def _helps(move: Move) -> bool:
    """Whether a move does its own side some good: it strengthens the coalition or the
    government, or weakens China, in at least one effect."""
    good = {
        ("self", "tech"): 1,
        ("self", "talent"): 1,
        ("self", "resolve"): 1,
        ("self", "alignment"): 1,
        ("self", "resilience"): 1,
        ("self", "digital_exposure"): -1,
        ("self", "export_exposure"): -1,
        ("self", "import_dependence"): -1,
        ("self", "strain"): -1,
        ("coalition", "cohesion"): 1,
        ("coalition", "standards"): 1,
        ("china", "fusion"): -1,
        ("china", "tech"): -1,
        ("china", "capacity"): -1,
    }
    return any(e.amount * good.get((e.who, e.var), 0) > 0 for e in move.effects)


def _ids(moves: list[Move]) -> list[str]:
    return [m.id for m in moves]


def _best(moves: list[Move], value: Callable[[Move], float]) -> list[str]:
    """Move ids by value (largest first), then least harm, then cheapest, then file order."""
    order = sorted(
        range(len(moves)),
        key=lambda i: (-value(moves[i]), harm(moves[i]), moves[i].pc, moves[i].budget, i),
    )
    return [moves[i].id for i in order]


_cache: list[Roles] = []  # the last scenario's


def roles(scenario: Scenario) -> Roles:
    """The roles of a scenario's moves (worked out once per scenario object)."""
    if not _cache or _cache[0].scenario is not scenario:
        _cache[:] = [Roles(scenario)]
    return _cache[0]
