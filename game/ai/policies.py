"""AI policies for allied governments: solo play's AI allies and the simulator's strategies.

A policy follows :class:`game.engine.Policy`: ``(scenario, state, ally_id, rng) ->
list[Order]``. It reads only the game state (what any government could see) and is
deterministic: its random choices come from ``rng`` (:func:`game.engine.policy_rng`), never
advancing the game's own generator.
"""

from __future__ import annotations

from typing import Any

from game.ai.plan import Plan
from game.ai.planner import Planner
from game.ai.roles import fixed_sectors, gain, roles
from game.ai.signals import answer_signals
from game.engine import (
    GameState,
    Order,
    Policy,
    Rng,
    Scenario,
    unhedged,
)


def _agenda(scenario: Scenario, state: GameState) -> list[tuple[str, str | None, str]]:
    """The joint agenda with each item's proposer, items already proposed left out:
    (move, target, proposer). Every ally's coordinated policy reads it alike, so the last
    state's agenda is kept (states and scenarios are immutable)."""
    if _last_agenda[0] is state and _last_agenda[1] is scenario:
        agenda: list[tuple[str, str | None, str]] = _last_agenda[2]
        return agenda
    agenda = _agenda_of(scenario, state)
    _last_agenda[:] = [state, scenario, agenda]
    return agenda


_last_agenda: list[Any] = [None, None, None]


def _agenda_of(scenario: Scenario, state: GameState) -> list[tuple[str, str | None, str]]:
    active = [x.id for x in state.allies if not x.accommodated]
    agenda: list[tuple[str, str | None, str]] = []
    proposed = {(p.move, p.target) for p in state.proposals}
    for move, target in _joint_agenda(scenario, state):
        if (move, target) in proposed:
            continue
        agenda.append((move, target, active[(state.turn + _index(move, target)) % len(active)]))
    return agenda


class _Facts:
    """What the policies read of a scenario again and again, worked out once per scenario:
    each ally's sector weights and the domain where it has most of world supply."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.weights = [tuple(p.weight for p in spec.sectors) for spec in scenario.allies]
        self.best_domain = [
            scenario.domains[
                max(range(len(spec.supply_share)), key=spec.supply_share.__getitem__)
            ].id
            for spec in scenario.allies
        ]
        # per move id: whether it is joint, and whether it takes a target
        self.joint = {m.id: m.joint for m in reversed(scenario.moves)}
        self.targeted = {m.id: m.target != "none" for m in reversed(scenario.moves)}
        self.on_domain = {m.id: m.target == "domain" for m in reversed(scenario.moves)}
        # per move id: the quarters until its last own-technology gain lands, and the delay
        # of its first own technology or talent gain (None: it has none)
        self.return_span = {m.id: _return_span(scenario, m.id) for m in scenario.moves}
        self.first_gain = {m.id: _first_gain(scenario, m.id) for m in scenario.moves}
        self.builds_tech = {m.id: _builds_tech(scenario, m.id) for m in scenario.moves}
        # the sector (its index) whose inputs each fix_sector move fixes
        self.fixed_sector = {
            move: scenario.sector_index(_fixed_sector(scenario, move))
            for move in roles(scenario).fix_sector
        }


_facts: list[_Facts] = []  # the last scenario's


def _facts_of(scenario: Scenario) -> _Facts:
    if not _facts or _facts[0].scenario is not scenario:
        _facts[:] = [_Facts(scenario)]
    return _facts[0]


def _ally_index(scenario: Scenario, ally_id: str) -> int:
    return scenario.ally_index(ally_id)


def _stake(scenario: Scenario, state: GameState, ally_id: str) -> list[tuple[float, str]]:
    """Sectors by the share of GDP at China's mercy (exports plus inputs), largest first."""
    i = _ally_index(scenario, ally_id)
    a = state.allies[i]
    out = []
    for k, (p, sec) in enumerate(zip(scenario.allies[i].sectors, scenario.sectors, strict=True)):
        stake = p.weight * (a.export_exposure[k] + a.import_dependence[k]) * (1 - a.resilience[k])
        out.append((stake, sec.id))
    return sorted(out, reverse=True)


def _most(scenario: Scenario, state: GameState, ally_id: str, imports: bool) -> str:
    i = _ally_index(scenario, ally_id)
    a = state.allies[i]
    values = a.import_dependence if imports else a.export_exposure
    resilience = a.resilience
    # max(range(n), key=weight[k] * values[k] * (1 - resilience[k])): the first largest
    weights = _facts_of(scenario).weights[i]
    best = 0
    top = None
    for k in range(len(scenario.sectors)):
        v = weights[k] * values[k] * (1 - resilience[k])
        if top is None or v > top:
            best, top = k, v
    if top is None:
        raise ValueError("max() arg is an empty sequence")
    return scenario.sectors[best].id


def _in_force(
    state: GameState, kind: str, ally_id: str, target: str | None, turn_margin: int
) -> bool:
    for m in state.measures:
        mine = m.kind == kind and ally_id in m.members and m.target == target
        if mine and (not m.expires or m.expires > state.turn + turn_margin):
            return True
    return False


def passive(
    scenario: Scenario, state: GameState, ally_id: str, rng: Rng | None = None
) -> list[Order]:
    """Do nothing: the baseline every strategy must beat."""
    return []


def unilateral(
    scenario: Scenario, state: GameState, ally_id: str, rng: Rng | None = None
) -> list[Order]:
    """A hawk acting alone: lasting export controls where it supplies the world, screening,
    digital exclusion, measures against China's military-civil fusion, research in its
    strongest domain; never proposing or joining."""
    plan = Plan(scenario, state, ally_id)
    r = roles(scenario)
    spec = scenario.allies[_ally_index(scenario, ally_id)]
    a = state.ally(ally_id)
    domains = sorted(
        ((share, d.id) for share, d in zip(spec.supply_share, scenario.domains, strict=True)),
        reverse=True,
    )
    for share, domain in domains:
        if share >= 0.05 and not _in_force(state, "export_control", ally_id, domain, 0):
            for move in r.controls:
                plan.add(move, _target(scenario, move, domain))
    if not _in_force(state, "investment_screening", ally_id, None, 0):
        for move in r.screening:
            plan.add(move)
    if a.digital_exposure > 20:
        for move in r.digital:
            plan.add(move)
    _add_first(plan, r.counter_fusion, domains[0][1])
    _add_first(plan, r.research, domains[0][1])
    _add_first(plan, r.rally)
    return plan.orders


def decouple(
    scenario: Scenario, state: GameState, ally_id: str, rng: Rng | None = None
) -> list[Order]:
    """Decouple the sectors most exposed to China, one after another, with the scenario's
    decoupling move (one that cuts both a sector's exports to and inputs from China)."""
    plan = Plan(scenario, state, ally_id)
    r = roles(scenario)
    for stake, sector in _stake(scenario, state, ally_id):
        if stake > 0.002:
            _add_first(plan, r.decouple, sector)
    _add_first(plan, r.rally)
    return plan.orders


def coordinated(
    scenario: Scenario, state: GameState, ally_id: str, rng: Rng | None = None
) -> list[Order]:
    """Collective resilience by simple, cheap rules, each learnt from the strategy lab (the
    orders the planner chose instead of this policy's, and the stress probes that beat it;
    docs/ai.md gives the figures). In order of priority:

    1. Prepare for what China telegraphs against us.
    2. The solidarity pledge and investment screening, signed by every government together
       and at once (and screening renewed together as it lapses).
    3. Research in its last call: in the last two quarters in which its whole return still
       lands before the end, research comes before the rest.
    4. Workers first: a worker-transition programme once strain costs a point of resolve a
       quarter.
    5. Join every open joint move: the coalition is the point.
    6. Propose at most one joint move a turn from the common agenda, taking turns.
    7. The government's own weak points: low resolve, business alignment, high digital
       exposure; the coalition's cohesion when it frays, and in the last quarters.
    8. Cut the most unhedged dependence, then invest (research and talent only while their
       return can still land; otherwise cut China's technology at once).
    """
    plan = Plan(scenario, state, ally_id)
    r = roles(scenario)
    i = _ally_index(scenario, ally_id)
    a = state.allies[i]
    facts = _facts_of(scenario)
    tuning = scenario.tuning
    left = scenario.turns - state.turn  # quarters still to play after this one
    if a.accommodated:
        _add_first(plan, r.relieve_strain)
        _add_first(plan, r.rally)
        return plan.orders
    # Prepare for what China telegraphs against us (its tools' answers, game/ai/signals.py),
    # first of all: preparation counts only in the quarter of the signal, and a blow that
    # lands on an unprepared sector costs more than any other order of the quarter gains.
    answer_signals(plan, scenario, state, ally_id)
    # Then the pledge, signed by everyone in the same quarter. Its worth is in being in force
    # when China strikes (a member's lost sales are shared, concession is less likely), and
    # it grows with its members; proposed by one government and joined when the others
    # have capital to spare, it took four quarters to gather the coalition. Two governments
    # proposing the same joint move in the same quarter make one proposal with both as
    # members, so all outside it propose it together (or join the open proposal).
    if r.pledge and ally_id not in state.coalition.pledge:
        _join_or_propose(plan, state, r.pledge[0])
    # Investment screening the same way: China's acquisitions and its military-civil
    # fusion feed on whatever is not screened, so every government renews it together as
    # its own lapses.
    if r.screening and not _in_force(state, "investment_screening", ally_id, None, 0):
        _join_or_propose(plan, state, r.screening[0])
    # Research's return lands over several quarters after a delay, and the technology lead
    # is scored at the end. In the last two quarters in which its whole return still lands
    # before the end (the last call), research comes before joining: ordered later, part
    # of its return is lost; left behind the joins, it never comes in a short game.
    for move in r.research[:1]:
        span = facts.return_span[move]
        if span and span - 1 <= left <= span:
            _add_first(plan, [move], _best_domain(scenario, i))
    # Workers first: strain above the safe level erodes resolve by strain_erosion a point each
    # turn, and in a short game (australia-2020) coercion of older sectors adds strain fast.
    # Relieving a point or two of erosion is worth less than the capital and budget of a
    # worker-transition programme, so it waits until the erosion reaches a point of resolve a
    # turn; then it comes before joining and proposing joint moves (the stress probe
    # "worker-transition first" beat this policy by six points at hard in australia-2020 when
    # it came after them). Before the pledge and screening it would take their capital.
    if tuning.strain_erosion > 0 and a.strain > tuning.strain_safe + 1 / tuning.strain_erosion:
        _add_first(plan, r.relieve_strain)
    # Join every open joint move: the coalition is the point.
    for p in state.proposals:
        if p.turn < state.turn:
            plan.add(p.move, p.target, "join", p.id)
    # Propose at most one joint move a turn, taking turns with the other allies.
    for move, target, proposer in _agenda(scenario, state):
        # The institution serves every ally once anyone founds it: founded alone, at once.
        alone = not facts.joint[move] or move in r.institution
        if proposer == ally_id and plan.add(move, target, "act" if alone else "propose"):
            break
    if plan.spent:  # every order below would be refused
        return plan.orders
    # The ally's own weak points (strain came before the joint agenda, above).
    if a.resolve < 48:
        _add_first(plan, r.rally)
    if a.alignment < 45:
        _add_first(plan, r.align_business)
    if a.digital_exposure >= 30:
        _add_first(plan, r.digital)
    # Cohesion is scored as it stands at the end, and diplomacy mends it at once: mend it
    # when it frays (under 60, where it began in the default scenario) and, in the last three
    # quarters, top it up. (App restrictions are no longer ordered at moderate digital
    # exposure: they cost business alignment for little, and "never restrict apps" was a
    # winning probe.)
    if state.coalition.cohesion < 60 or (left <= 2 and state.coalition.cohesion < 100):
        _add_first(plan, r.mend_coalition)
    if plan.spent:
        return plan.orders
    if unhedged(a.import_dependence, a.resilience) > 0.25:
        _add_first(plan, r.diversify_inputs, _most(scenario, state, ally_id, imports=True))
    for move in r.fix_sector[:1]:
        k = facts.fixed_sector[move]
        if a.import_dependence[k] * (1 - a.resilience[k]) > 0.1:
            plan.add(move)
    # Research pays after a delay: once its first return would land after the last quarter,
    # cut China's technology at once instead (the counter-fusion move). The counter-fusion
    # move also comes first while China's civil-military fusion is at 30 or more (the
    # default scenario starts at 40): the planner added targeted visa screening in one
    # decision in ten over this policy's orders. From 45, the planner scored 2.1 points above
    # this policy at normal (seeds 0-29); from 30, 1.3 (and this policy's mean rose 0.6).
    research = [m for m in r.research if _pays_within(scenario, m, left)]
    if state.china.fusion >= 30 or (r.research and not research):
        _add_first(plan, r.counter_fusion, _best_domain(scenario, i))
    _add_first(plan, research, _best_domain(scenario, i))
    _add_first(plan, [m for m in r.talent if _pays_within(scenario, m, left)])
    return plan.orders


def _join_or_propose(plan: Plan, state: GameState, move: str) -> None:
    """Join the open proposal of ``move`` from an earlier quarter, else propose it (unless
    this government is already a member of a proposal of it, waiting to be enacted)."""
    mine = False
    for p in state.proposals:
        if p.move != move:
            continue
        if plan.ally_id in p.members:
            mine = True
        elif p.turn < state.turn:
            plan.add(p.move, p.target, "join", p.id)
            return
    if not mine:
        plan.add(move, None, "propose" if _facts_of(plan.scenario).joint[move] else "act")


def _return_span(scenario: Scenario, move_id: str) -> int:
    """The quarters after it is ordered until a move's last gain in its members' own
    technology has landed (0 if it has none)."""
    return max(
        (
            e.delay + e.turns
            for e in scenario.move(move_id).effects
            if e.who == "self" and e.var == "tech" and e.amount > 0
        ),
        default=0,
    )


def _pays_within(scenario: Scenario, move_id: str, left: int) -> bool:
    """Whether a move's first gain in its members' technology or talent lands within the
    ``left`` quarters still to play (an effect with delay d lands d quarters later)."""
    first = _facts_of(scenario).first_gain[move_id]
    return first is not None and first <= left


def _first_gain(scenario: Scenario, move_id: str) -> int | None:
    """The delay of a move's first gain in its members' technology or talent (None: none)."""
    delays = [
        e.delay
        for e in scenario.move(move_id).effects
        if e.who == "self" and e.var in ("tech", "talent") and e.amount > 0
    ]
    return min(delays) if delays else None


def _add_first(plan: Plan, moves: list[str], target: str | None = None) -> bool:
    """Order the best move of a role (on ``target`` if the move takes one); whether ordered."""
    if not moves:
        return False
    move = moves[0]
    return plan.add(move, target if _facts_of(plan.scenario).targeted[move] else None)


def _target(scenario: Scenario, move_id: str, target: str | None) -> str | None:
    """The target to give a move: ``target`` if the move takes that kind of target, else None."""
    return target if scenario.move(move_id).target != "none" else None


def _fixed_sector(scenario: Scenario, move_id: str) -> str:
    """The sector a move's own input-dependence effect names (see Roles.fix_sector)."""
    return fixed_sectors(scenario.move(move_id), "import_dependence")[0]


def _best_domain(scenario: Scenario, i: int) -> str:
    """The domain with the ally's largest share of world supply (the first of equals)."""
    return _facts_of(scenario).best_domain[i]


def _index(move: str, target: str | None) -> int:
    """A stable number for a joint move, so allies agree who proposes it (not catalogue order)."""
    key = (move, target)
    number = _numbers.get(key)
    if number is None:
        number = _numbers[key] = sum(map(ord, move + (target or "")))
    return number


# (move, target) -> its _index number: a pure function of the text, so shared by scenarios
# (and bounded by them: a scenario's moves times its domains, plus untargeted moves)
_numbers: dict[tuple[str, str | None], int] = {}


def _joint_agenda(scenario: Scenario, state: GameState) -> list[tuple[str, str | None]]:
    """The coalition's common measures still needed, most urgent first: export controls on
    every domain not yet widely controlled, the pledge, an institution, investment screening,
    then the scenario's other untargeted joint moves that build their members' technology.
    Joint moves are proposed (and joined by the others); a measure a scenario makes
    non-joint, and the institution, are ordered alone by the government whose turn it is."""
    r = roles(scenario)
    agenda: list[tuple[str, str | None]] = []
    members_of: dict[str, int] = {}
    for m in state.measures:
        if m.kind == "export_control" and m.target:
            fresh = not m.expires or m.expires > state.turn + 1
            if fresh:
                members_of[m.target] = members_of.get(m.target, 0) + len(m.members)
    active = 0
    for a in state.allies:
        if not a.accommodated:
            active += 1
    on_domain = _facts_of(scenario).on_domain
    for move in r.controls:
        if not on_domain[move]:
            agenda.append((move, None))
            continue
        for d in scenario.domains:
            if members_of.get(d.id, 0) < max(2, active - 2):
                agenda.append((move, d.id))
    if len(state.coalition.pledge) < active:
        agenda.extend((move, None) for move in r.pledge)
    if not state.coalition.institutions:
        agenda.extend((move, None) for move in r.institution)
    screening = {x for m in state.measures if m.kind == "investment_screening" for x in m.members}
    if len(screening) < active - 1:
        agenda.extend((move, None) for move in r.screening)
    # Of the other joint moves, only those that build the members' own technology: measured,
    # a joint move that only constrains China (standards promotion) costs every member's
    # capital more than it returns.
    builds_tech = _facts_of(scenario).builds_tech
    agenda.extend((move, None) for move in r.joint_extras if builds_tech[move])
    return agenda


def _builds_tech(scenario: Scenario, move_id: str) -> bool:
    """Whether a move raises its members' own technology."""
    return gain(scenario.move(move_id), "self", "tech") > 0


def random_policy(scenario: Scenario, state: GameState, ally_id: str, rng: Rng) -> list[Order]:
    """Uniform over legal orders: a random number of random legal orders within the budget."""
    plan = Plan(scenario, state, ally_id)
    legality = plan.legality
    # legal_orders, as (move, target, kind, proposal): no objects built for orders not drawn
    options = legality.legal_candidates()
    wanted = rng.below(plan.pc + 1) if plan.pc > 0 else 0
    tries = 0
    while options and len(plan.orders) < wanted and tries < 20:
        tries += 1
        plan.add(*options[rng.below(len(options))])
    return plan.orders


POLICIES: dict[str, Policy] = {
    "passive": passive,
    "unilateral": unilateral,
    "decouple": decouple,
    "coordinated": coordinated,
    "random": random_policy,
    "planner": Planner(coordinated),
}
# Policies that search (seconds per game rather than milliseconds): the recorded corpus and
# the cheap tests leave them out.
SEARCH_POLICIES = frozenset({"planner"})


def policy_fit(scenario: Scenario, name: str) -> str | None:
    """Why a shipped policy cannot play as itself on this scenario (one sentence, for a
    command or screen to show once before it plays), or None if it can. A policy that
    cannot act still gives legal orders, as many as it can (possibly none): ``decouple``
    on a scenario with no decoupling move plays like ``passive``."""
    r = roles(scenario)
    if name == "decouple" and not r.decouple:
        return (
            "decouple cannot act on this scenario: no move cuts both a sector's exports to "
            "China and its inputs from China"
        )
    if name == "coordinated" and not any(m.joint for m in scenario.moves):
        return "coordinated cannot coordinate on this scenario: it has no joint move"
    if name == "unilateral" and not (
        r.controls or r.screening or r.digital or r.counter_fusion or r.research or r.rally
    ):
        return (
            "unilateral cannot act on this scenario: no export control, screening, digital, "
            "counter-fusion, research or public-support move"
        )
    return None


def policy(name: str) -> Policy:
    """A policy by name; raise UnknownNameError naming the choices."""
    from game.engine import UnknownNameError, did_you_mean

    if name not in POLICIES:
        raise UnknownNameError(
            f"unknown policy '{name}'{did_you_mean(name, POLICIES)}; "
            f"choose from {', '.join(POLICIES)}"
        )
    return POLICIES[name]
