"""Allied moves carried out: orders paid for, acted alone or proposed, joint moves enacted
with everyone who joined, and each move graded for the debrief."""

from __future__ import annotations

from attrs import evolve

from game.engine.doctrine import total_gdp
from game.engine.effects import apply_effects
from game.engine.legality import Legality
from game.engine.measures import coverage, establish, screened_share, target_phrase
from game.engine.orders import Order
from game.engine.scenario import Move
from game.engine.state import new_proposal
from game.engine.wording import lead_in
from game.engine.work import Work, WorkingAlly

Graded = tuple[int, Move, list[str], float]  # event index, move, member ids, efficacy


def resolve_moves(w: Work, orders: list[Order]) -> list[Graded]:
    """Pay for and carry out every order; enact proposals that matured. Return the graded
    moves."""
    s = w.scenario
    index = w.index
    graded: list[Graded] = []
    proposals_by_id = {p.id: p for p in w.proposals}
    joined: dict[str, list[str]] = {}  # proposal id -> the allies who joined it this turn
    views: dict[str, Legality] = {}  # each ordering ally's legality view, for the costs
    for order in orders:
        a = w.by_id[order.ally]
        kind, target = order.kind, order.target
        view = views.get(a.id)
        if view is None:
            view = views[a.id] = Legality.of(s, w.state, a.id)
        if kind == "join":
            p = proposals_by_id[order.proposal or ""]
            cost = view.cost(index.moves[p.move], kind)
            w.ally_change(a, "treasury", -cost[1])
            joined.setdefault(p.id, []).append(a.id)
            if w.explain:
                w.emit(
                    "moves",
                    "join",
                    "move",
                    p.move,
                    a.id,
                    f"{a.name} joins {index.moves[p.move].name}{target_phrase(s, p.target)} "
                    f"proposed by {w.by_id[p.proposer].name}",
                )
            continue
        move = index.moves[order.move]
        w.ally_change(a, "treasury", -view.cost(move, kind)[1])
        if kind == "propose":
            twin = next(
                (
                    p
                    for p in proposals_by_id.values()
                    if p.turn == w.turn and p.move == move.id and p.target == target
                ),
                None,
            )
            if twin is not None:  # the same joint move proposed twice this turn: one proposal
                proposals_by_id[twin.id] = evolve(twin, members=(*twin.members, a.id))
                if w.explain:
                    w.emit(
                        "moves",
                        "propose",
                        "move",
                        move.id,
                        a.id,
                        f"{a.name} also proposes {move.name}{target_phrase(s, target)}: "
                        f"it joins the proposal by {w.by_id[twin.proposer].name} ({twin.id})",
                    )
                continue
            w.next_proposal += 1
            pid = f"P{w.next_proposal}"
            proposals_by_id[pid] = new_proposal(pid, move.id, target, a.id, w.turn, (a.id,))
            if w.explain:
                w.emit(
                    "moves",
                    "propose",
                    "move",
                    move.id,
                    a.id,
                    f"{a.name} proposes {lead_in('a joint', move.name)}"
                    f"{target_phrase(s, target)} "
                    f"({pid}); others may join next turn",
                )
            continue
        graded.append(enact(w, move, target, [a], joint=False))
    w.proposals = []
    for p in proposals_by_id.values():
        extra = joined.get(p.id)
        member_ids = p.members if extra is None else (*p.members, *extra)
        if p.turn < w.turn:
            members = [w.by_id[m] for m in member_ids if not w.by_id[m].accommodated]
            if members:
                graded.append(enact(w, index.moves[p.move], p.target, members, joint=True))
        elif extra is None:
            w.proposals.append(p)
        else:  # joined, but not due yet (check_orders allows no such join)
            w.proposals.append(evolve(p, members=member_ids))
    return graded


def enact(
    w: Work, move: Move, target: str | None, members: list[WorkingAlly], joint: bool
) -> Graded:
    """Carry out one move for its members; return (event index, move, member ids, efficacy)."""
    s = w.scenario
    t = w.tuning
    n = len(members)
    synergy = move.synergy + (t.institution_synergy if w.coalition.institutions and joint else 0.0)
    factors = {"members": 1.0 + synergy * (n - 1)}
    ids = [m.id for m in members]
    covered = 0.0  # world supply of the domain, or allied GDP (added in order, as sum() does)
    if move.target == "domain" and target:
        d = w.index.domain_index[target]
        for m in members:
            covered += s.allies[m.index].supply_share[d]
        factors["coverage"] = min(1.0, covered)
    else:
        for m in members:
            covered += s.allies[m.index].gdp
        factors["coverage"] = covered / total_gdp(s)
    harmonised = joint and n > 1
    room = _room(w, move, target, members) if w.explain else 1.0
    establish(w, move, target, ids, harmonised)
    before = len(w.deltas)
    apply_effects(w, move.effects, members, target, factors, move.id, per_member=True)
    forewarned = _forewarned(w, move, target, members)
    after = len(w.deltas)  # the changes the move's own effects made: w.deltas[before:after]
    share = max(1.0, n**t.defiance_sharing)
    for m in members:
        w.ally_change(m, "defiance", move.defiance / share)
    if move.cooldown:  # unavailable to each member for the next `cooldown` turns
        move_id, on = move.id, target or ""
        w.cooldowns = [
            c for c in w.cooldowns if not (c[1] == move_id and c[2] == on and c[0] in ids)
        ]
        until = w.turn + move.cooldown + 1
        for m_id in ids:
            w.cooldowns.append((m_id, move_id, on, until))
    if not w.explain:  # the efficacy only grades the event
        return -1, move, ids, 1.0
    changed = (
        move.measure != "none"
        or any(e.delay > 0 or e.turns > 1 for e in move.effects)
        or any(d.before != d.after for d in w.deltas[before:after])
    )
    efficacy = _efficacy(w, move, target, members, joint)
    if not changed:
        efficacy = 0.0
    elif room < 1.0:
        efficacy = min(efficacy, room / t.grade_room)
    names = ", ".join(m.name for m in members)
    if joint and len(members) > 1:
        boost = f"; effect ×{factors['members']:.2f}" if factors["members"] != 1.0 else ""
        how = f"jointly ({names}{boost})"
    elif joint:
        how = f"by {names} alone (no ally joined)"
    else:
        how = f"by {names}"
    details = []
    if forewarned:
        details.append(
            f"Forewarned by China's signal, {', '.join(forewarned)} prepared: extra resilience "
            f"{w.tuning.forewarned_resilience:.0%} in the sector."
        )
    if move.measure == "export_control" and target:
        cov = coverage(w, w.index.domain_index[target])
        details.append(f"coverage of world supply{target_phrase(s, target)} now {cov:.0%}")
    graded = grade(w, efficacy)
    if graded != "success" and not changed:
        details.append(
            "Why it fell short: it changed nothing (every figure it moves was at its limit)."
        )
    elif graded != "success" and room < t.grade_room:
        details.append(
            f"Why it fell short: little was left to act on ({room:.0%} of the sector's starting "
            "exposure to China): a repeat changes little."
        )
    elif graded == "failed":
        details.append("Why it fell short: " + _shortfall(w, move, target, members, joint) + ".")
    w.emit(
        "moves",
        "joint" if joint else "move",
        "move",
        move.id,
        members[0].id,
        f"{move.name}{target_phrase(s, target)} enacted {how}",
        tuple(details),
        graded,
    )
    return len(w.events) - 1, move, ids, efficacy


_SECTOR_SCALES = ("exposure", "dependence", "stake")


def _forewarned(w: Work, move: Move, target: str | None, members: list[WorkingAlly]) -> list[str]:
    """Members whose sector move answers a signal China sent against them on that sector
    this turn: the preparation adds ``forewarned_resilience`` there. Returns their names."""
    extra = w.tuning.forewarned_resilience
    if move.target != "sector" or not target or not extra or not w.signals:
        return []
    k = w.index.sector_index[target]
    names = []
    for m in members:
        for s in w.signals:
            if s.ally == m.id and s.sector == target:
                w.ally_change(m, "resilience", extra, k)
                names.append(m.name)
                break
    return names


def _room(w: Work, move: Move, target: str | None, members: list[WorkingAlly]) -> float:
    """How much is left for a sector move to act on: for its own effects scaled by the
    sector's exposure, dependence or stake, the figure now against the ally's starting one
    (the largest over effects and members; 1 when no effect reads such a figure). Decoupling
    a sector already decoupled has almost nothing left to cut."""
    if move.target != "sector" or not target:
        return 1.0
    k = w.index.sector_index[target]
    shares: list[float] = []
    for e in move.effects:
        if e.who != "self" or e.scale not in _SECTOR_SCALES:
            continue
        for m in members:
            p = w.scenario.allies[m.index].sectors[k]
            if e.scale == "exposure":
                now, start = m.export_exposure[k], p.export_exposure
            elif e.scale == "dependence":
                now, start = m.import_dependence[k], p.import_dependence
            else:
                now = m.export_exposure[k] + m.import_dependence[k]
                start = p.export_exposure + p.import_dependence
            if start > 0:
                shares.append(min(1.0, now / start))
    return max(shares) if shares else 1.0


def _shortfall(
    w: Work, move: Move, target: str | None, members: list[WorkingAlly], joint: bool
) -> str:
    """Why a move graded failed did little, in one clause (the same tests as _efficacy)."""
    t = w.tuning
    partial = t.grade_partial
    if move.measure == "export_control" and target:
        domain = w.index.domain_index[target]
        cov = coverage(w, domain)
        return (
            f"controls cover {cov:.0%} of world supply{target_phrase(w.scenario, target)}; "
            f"they bite from about {partial * t.grade_coverage:.0%}, with more allies joining"
        )
    if move.measure == "investment_screening":
        return (
            f"screening covers {screened_share(w):.0%} of allied output; it counts from about "
            f"{partial * t.grade_screened:.0%}, with more allies joining"
        )
    if joint:
        active = max(1, len(w.active_allies()))
        if len(members) > 1:
            needed = partial * t.grade_joint_share * active
            return (
                f"{len(members)} of {active} allies took part; a joint move counts from about "
                f"{needed:.0f}"
            )
        return "no ally joined, and a joint move taken alone does little"
    mean = sum((m.alignment for m in members), 0.0) / len(members)
    return (
        f"business alignment is {mean:.0f}; firms follow guidance from about "
        f"{partial * t.grade_alignment:.0f}"
    )


def _efficacy(
    w: Work, move: Move, target: str | None, members: list[WorkingAlly], joint: bool
) -> float:
    t = w.tuning
    if move.measure == "export_control" and target:
        domain = w.index.domain_index[target]
        return min(1.0, coverage(w, domain) / t.grade_coverage)
    if move.measure == "investment_screening":
        return min(1.0, screened_share(w) / t.grade_screened)
    if joint:
        active = max(1, len(w.active_allies()))
        if len(members) > 1:
            return min(1.0, len(members) / (t.grade_joint_share * active))
        return t.grade_lone_joint
    if move.min_alignment > 0 or any(e.scale == "alignment" for e in move.effects):
        mean = sum((m.alignment for m in members), 0.0) / len(members)
        return min(1.0, mean / t.grade_alignment)
    return 1.0


def grade(w: Work, efficacy: float) -> str:
    """A move's grade for the debrief from its efficacy."""
    if efficacy >= w.tuning.grade_success:
        return "success"
    if efficacy >= w.tuning.grade_partial:
        return "partial"
    return "failed"
