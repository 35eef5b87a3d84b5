"""Allied moves: legality of orders, their costs, and their resolution (alone or jointly)."""

from __future__ import annotations

from typing import Final

from game.engine import tuning
from game.engine.builders import new_measure, new_proposal
from game.engine.doctrine import total_gdp
from game.engine.effects import apply_effects
from game.engine.errors import IllegalOrderError
from game.engine.index import scenario_index
from game.engine.orders import ORDER_KINDS, Order
from game.engine.scenario import Move, Scenario
from game.engine.state import AllyState, GameState, Measure, Proposal
from game.engine.tomlreader import did_you_mean
from game.engine.work import WAlly, Work

_ORDER_KINDS: Final = ORDER_KINDS  # a constant the compiled engine reads directly


def political_capital(scenario: Scenario, state: GameState, ally_id: str) -> int:
    """Political capital an ally may spend this turn (less while its resolve is low)."""
    i = scenario_index(scenario).ally_index[ally_id]
    pc = scenario.allies[i].political_capital
    return max(0, pc - 1) if state.allies[i].resolve < tuning.LOW_RESOLVE_PC else pc


def order_cost(scenario: Scenario, state: GameState, order: Order) -> tuple[int, float]:
    """Political capital and budget an order costs."""
    return order_cost_of(scenario, state, order.move, order.kind, order.proposal)


def order_cost_of(
    scenario: Scenario, state: GameState, move_id: str, kind: str, proposal: str | None
) -> tuple[int, float]:
    """:func:`order_cost` of an order given by its fields (no :class:`Order` built)."""
    moves = scenario_index(scenario).moves
    if kind == "join":
        p = _tables(state).proposals.get(proposal)
        if p is None:
            return 0, 0.0
        return _cost(state, kind, moves[p.move])
    return _cost(state, kind, moves[move_id])


def _cost(state: GameState, kind: str, move: Move) -> tuple[int, float]:
    if kind == "join":
        discount = tuning.INSTITUTION_JOIN_DISCOUNT if state.coalition.institutions else 1.0
        return move.pc, move.budget * discount
    return move.pc, move.budget


class _MoveInfo:
    """What legal_cost_of reads of a move, as plain attributes (built once per scenario)."""

    __slots__ = ("budget", "defiant", "id", "joint", "min_alignment", "pc", "target_kind")

    def __init__(self, move: Move) -> None:
        self.id = move.id
        self.target_kind = move.target
        self.joint = move.joint
        self.defiant = move.defiance > 0
        self.min_alignment = move.min_alignment
        self.pc = move.pc
        self.budget = move.budget


class _AllyView:
    """What legal_cost_of reads of one ally in one state: its political capital as
    political_capital() gives it and its treasury, as _cooldown_and_cost reads them."""

    __slots__ = ("accommodated", "alignment", "id", "known", "pc", "treasury")

    def __init__(self, scenario: Scenario, state: GameState, ally_id: str) -> None:
        self.id = ally_id
        i = scenario_index(scenario).ally_index.get(ally_id)
        self.known = i is not None
        self.accommodated = False
        self.alignment = 0.0
        self.pc = 0
        self.treasury = 0.0
        if i is None:
            return
        a = _ally(state, i, ally_id)
        pc = scenario_index(scenario).political_capital[i]
        if state.allies[i].resolve < tuning.LOW_RESOLVE_PC:
            pc = max(0, pc - 1)
        self.accommodated = a.accommodated
        self.alignment = a.alignment
        self.pc = pc
        self.treasury = state.allies[i].treasury


class _StateTables:
    """Lookups derived from one game state for the legality checks (built once per state)."""

    __slots__ = (
        "allies", "cooldowns", "cooling", "domains", "join_discount", "moves", "over",
        "proposals", "scenario", "sectors", "state", "turn",
    )  # fmt: skip

    def __init__(self, state: GameState) -> None:
        self.state = state
        self.turn = state.turn
        self.over = state.outcome is not None
        # what _cost multiplies a joined move's budget by
        self.join_discount = (
            tuning.INSTITUTION_JOIN_DISCOUNT if state.coalition.institutions else 1.0
        )
        self.scenario: Scenario | None = None  # the scenario of the tables below
        self.allies: dict[str, _AllyView] = {}  # ally id -> legal_cost_of's view of the ally
        self.moves: dict[str, _MoveInfo] = {}
        self.domains: dict[str, int] = {}
        self.sectors: dict[str, int] = {}
        self.proposals: dict[str | None, Proposal] = {}  # the first proposal with each id
        for p in state.proposals:
            self.proposals.setdefault(p.id, p)
        # (ally, move, target) -> the turn named by the first cooldown entry still running
        self.cooldowns: dict[tuple[str, str, str], int] = {}
        self.cooling: dict[str, set[str]] = {}  # ally -> moves with a cooldown running
        turn = state.turn
        for c_ally, c_move, c_target, until in state.cooldowns:
            if turn < until:
                self.cooldowns.setdefault((c_ally, c_move, c_target), until)
                self.cooling.setdefault(c_ally, set()).add(c_move)

    def use(self, scenario: Scenario) -> None:
        """Read the tables of this scenario (the ally views depend on it too)."""
        index = scenario_index(scenario)
        infos = index.extra.get("move_infos")
        if infos is None:
            infos = index.extra["move_infos"] = {k: _MoveInfo(m) for k, m in index.moves.items()}
        self.scenario = scenario
        self.allies = {}
        self.moves = infos
        self.domains = index.domain_index
        self.sectors = index.sector_index

    def view(self, scenario: Scenario, ally_id: str) -> _AllyView:
        """legal_cost_of's view of an ally (built on first use)."""
        if self.scenario is not scenario:
            self.use(scenario)
        view = self.allies.get(ally_id)
        if view is None:
            view = self.allies[ally_id] = _AllyView(scenario, self.state, ally_id)
        return view

    def cost(
        self,
        view: _AllyView,
        move_id: str,
        target: str | None,
        kind: str,
        proposal: str | None,
    ) -> tuple[int, float] | None:
        """:func:`legal_cost_of` for an ally's view from :meth:`view` (callers that check
        many orders of one ally keep the tables and the view)."""
        if self.over or not view.known or kind not in _ORDER_KINDS:
            return None
        ally_id = view.id
        if kind == "join":
            p = self.proposals.get(proposal)
            if p is None or p.turn >= self.turn or ally_id in p.members or view.accommodated:
                return None
            info = self.moves[p.move]
            if view.alignment < info.min_alignment:
                return None
            target = p.target
            budget = info.budget * self.join_discount
        else:
            found = self.moves.get(move_id)
            if found is None:
                return None
            info = found
            target_kind = info.target_kind
            if target_kind == "none":
                if target is not None:
                    return None
            elif target is None or target not in (
                self.domains if target_kind == "domain" else self.sectors
            ):
                return None
            if kind == "propose" and (not info.joint or view.accommodated):
                return None
            if view.accommodated and info.defiant:
                return None
            if view.alignment < info.min_alignment:
                return None
            budget = info.budget
        # as _cooldown_and_cost (most moves of most allies have no cooldown running)
        cooling = self.cooling.get(ally_id)
        if (
            cooling is not None
            and info.id in cooling
            and (ally_id, info.id, target or "") in self.cooldowns
        ):
            return None
        if info.pc > view.pc or budget > view.treasury + 1e-9:
            return None
        return info.pc, budget


_last_tables: _StateTables | None = None


def _tables(state: GameState) -> _StateTables:
    """The tables of this state; the policies and check_orders ask many times per state, so
    the last state's tables are kept (states are immutable, and the entry holds the state)."""
    global _last_tables
    tables = _last_tables
    if tables is None or tables.state is not state:
        tables = _last_tables = _StateTables(state)
    return tables


def order_problem(scenario: Scenario, state: GameState, order: Order) -> str | None:
    """Why this single order is illegal now, or None if it is legal on its own."""
    return order_problem_of(
        scenario, state, order.ally, order.move, order.target, order.kind, order.proposal
    )


def order_problem_of(
    scenario: Scenario,
    state: GameState,
    ally_id: str,
    move_id: str,
    target: str | None = None,
    kind: str = "act",
    proposal: str | None = None,
) -> str | None:
    """:func:`order_problem` of an order given by its fields (no :class:`Order` built)."""
    if state.outcome is not None:
        return "the game is over"
    index = scenario_index(scenario)
    i = index.ally_index.get(ally_id)
    if i is None:
        ally_ids = [a.id for a in scenario.allies]
        return f"unknown ally '{ally_id}'{did_you_mean(ally_id, ally_ids)}"
    if kind not in ORDER_KINDS:
        return f"unknown order kind '{kind}' (use act, propose or join)"
    ally = _ally(state, i, ally_id)
    if kind == "join":
        p = _tables(state).proposals.get(proposal)
        if p is None:
            open_ids = [q.id for q in state.proposals]
            return f"no open proposal '{proposal}'{did_you_mean(str(proposal), open_ids)}"
        if p.turn >= state.turn:
            return f"proposal {p.id} was made this turn; it can be joined next turn"
        if ally_id in p.members:
            return f"{ally_id} is already a member of {p.id}"
        if ally.accommodated:
            return f"{ally_id} has accommodated China and joins no joint moves"
        move = index.moves[p.move]
        if ally.alignment < move.min_alignment:
            return _alignment_problem(move, ally.alignment)
        return _cooldown_and_cost(scenario, state, ally_id, kind, i, move, p.target)
    move = index.moves.get(move_id)  # type: ignore[assignment]
    if move is None:
        move_ids = [m.id for m in scenario.moves]
        return f"unknown move '{move_id}'{did_you_mean(move_id, move_ids)}"
    problem = _target_problem(scenario, move, target)
    if problem:
        return problem
    if kind == "propose":
        if not move.joint:
            return f"{move.name} is not a joint move; use act"
        if ally.accommodated:
            return f"{ally_id} has accommodated China and proposes no joint moves"
    if ally.accommodated and move.defiance > 0:
        return f"{ally_id} has accommodated China and takes no defiant moves"
    if ally.alignment < move.min_alignment:
        return _alignment_problem(move, ally.alignment)
    return _cooldown_and_cost(scenario, state, ally_id, kind, i, move, target)


def legal_cost_of(
    scenario: Scenario,
    state: GameState,
    ally_id: str,
    move_id: str,
    target: str | None = None,
    kind: str = "act",
    proposal: str | None = None,
) -> tuple[int, float] | None:
    """The cost of a legal order given by its fields, or None if it is illegal.

    Exactly ``order_cost_of(...)`` when ``order_problem_of(...)`` is None, and None
    otherwise, without formatting the reason (the policies test hundreds of orders a turn
    and only need to know whether each one is legal). ``tests/test_moves_fast.py`` checks the
    equivalence on every order of many reached states.
    """
    tables = _tables(state)
    return tables.cost(tables.view(scenario, ally_id), move_id, target, kind, proposal)


def legality(scenario: Scenario, state: GameState, ally_id: str) -> tuple[_StateTables, _AllyView]:
    """The legality tables of a state and an ally's view, for callers that check many of
    its orders: ``tables.cost(view, move, target, kind, proposal)`` is
    :func:`legal_cost_of`. Raises KeyError for an unknown ally."""
    tables = _tables(state)
    view = tables.view(scenario, ally_id)
    if not view.known:
        raise KeyError(ally_id)
    return tables, view


def _cooldown_and_cost(
    scenario: Scenario,
    state: GameState,
    ally_id: str,
    kind: str,
    i: int,
    move: Move,
    target: str | None,
) -> str | None:
    """Why a move cannot be afforded or repeated yet, or None."""
    until = _tables(state).cooldowns.get((ally_id, move.id, target or ""))
    if until is not None:
        return f"{move.name} was used recently; available again on turn {until}"
    pc = scenario.allies[i].political_capital
    if state.allies[i].resolve < tuning.LOW_RESOLVE_PC:
        pc = max(0, pc - 1)
    cost_pc, cost_budget = _cost(state, kind, move)
    if cost_pc > pc:  # more than political_capital()
        return f"needs {cost_pc} political capital (has {pc})"
    treasury = state.allies[i].treasury
    if cost_budget > treasury + 1e-9:
        return f"needs a budget of {cost_budget:g} (treasury {treasury:.1f})"
    return None


def _ally(state: GameState, i: int, ally_id: str) -> AllyState:
    """``state.ally(ally_id)``, looked up by the scenario's position ``i`` first."""
    if i < len(state.allies):
        a = state.allies[i]
        if a.id == ally_id:
            return a
    return state.ally(ally_id)


def _alignment_problem(move: Move, alignment: float) -> str:
    return (
        f"{move.name} needs business alignment of at least {move.min_alignment:g} "
        f"(now {alignment:.0f})"
    )


def _target_problem(scenario: Scenario, move: Move, target: str | None) -> str | None:
    if move.target == "none":
        return None if target is None else f"{move.name} takes no target"
    index = scenario_index(scenario)
    known = index.domain_index if move.target == "domain" else index.sector_index
    if target is not None and target in known:
        return None
    ids = (
        [d.id for d in scenario.domains]
        if move.target == "domain"
        else [s.id for s in scenario.sectors]
    )
    if target is None:
        return f"{move.name} needs a {move.target} target ({', '.join(ids)})"
    return f"unknown {move.target} '{target}'{did_you_mean(target, ids)}"


def check_orders(scenario: Scenario, state: GameState, orders: list[Order]) -> None:
    """Raise :class:`IllegalOrderError` for the first illegal order, naming it and why."""
    spent: dict[str, tuple[int, float]] = {}
    seen: set[tuple[str, str, str]] = set()
    tables = _tables(state)
    for n, order in enumerate(orders, 1):
        ally, kind, target = order.ally, order.kind, order.target
        view = tables.view(scenario, ally)
        cost = tables.cost(view, order.move, target, kind, order.proposal)
        problem = None if cost is not None else order_problem(scenario, state, order)
        if problem is None:
            if kind == "join":
                key = (ally, "join", order.proposal or "")
            else:
                key = (ally, order.move, target or "")
            if key in seen:
                problem = "the same order is given twice this turn"
            seen.add(key)
        if problem is None:
            pc, budget = cost  # type: ignore[misc]  # = order_cost(scenario, state, order)
            used_pc, used_budget = spent.get(ally, (0, 0.0))
            used_pc, used_budget = used_pc + pc, used_budget + budget
            spent[ally] = (used_pc, used_budget)
            available, treasury = view.pc, view.treasury  # = political_capital(...), its treasury
            if used_pc > available:
                problem = f"orders need {used_pc} political capital; {ally} has {available}"
            elif used_budget > treasury + 1e-9:
                problem = f"orders need a budget of {used_budget:g}; {ally} has {treasury:.1f}"
        if problem:
            raise IllegalOrderError(f"order {n} ({ally}: {order.describe()}): {problem}")


def legal_orders(scenario: Scenario, state: GameState, ally_id: str) -> list[Order]:
    """Every order this ally could give on its own this turn (costs checked one at a time)."""
    return [Order(ally_id, *fields) for fields in legal_order_fields(scenario, state, ally_id)]


OrderFields = tuple[str, str | None, str, str | None]  # move, target, kind, proposal


def legal_order_fields(scenario: Scenario, state: GameState, ally_id: str) -> list[OrderFields]:
    """:func:`legal_orders` as ``(move, target, kind, proposal)`` tuples, in the same order.

    The same orders as checking every open proposal and every move x target x kind with
    :func:`order_problem`; the checks that do not depend on the target are made once a move.
    """
    out: list[OrderFields] = []
    for p in state.proposals:
        if order_problem_of(scenario, state, ally_id, p.move, p.target, "join", p.id) is None:
            out.append((p.move, p.target, "join", p.id))
    index = scenario_index(scenario)
    i = index.ally_index.get(ally_id)
    if state.outcome is not None or i is None:
        return out  # no act or propose order is legal
    ally = _ally(state, i, ally_id)
    pc = political_capital(scenario, state, ally_id)
    treasury = state.allies[i].treasury
    cooldowns = _tables(state).cooldowns
    domains = [d.id for d in scenario.domains]
    sectors = [s.id for s in scenario.sectors]
    for entry in scenario.moves:
        targets: list[str | None]
        if entry.target == "domain":
            targets = domains  # type: ignore[assignment]
        elif entry.target == "sector":
            targets = sectors  # type: ignore[assignment]
        else:
            targets = [None]
        move = index.moves[entry.id]
        if move is not entry or entry.target not in ("none", "domain", "sector"):
            # a duplicate id or an unknown target kind: check each order in full
            for target in targets:
                for kind in ("act", "propose") if entry.joint else ("act",):
                    if order_problem_of(scenario, state, ally_id, entry.id, target, kind) is None:
                        out.append((entry.id, target, kind, None))
            continue
        if ally.accommodated and move.defiance > 0:
            continue
        if ally.alignment < move.min_alignment:
            continue
        cost_pc, cost_budget = _cost(state, "act", move)
        if cost_pc > pc or cost_budget > treasury + 1e-9:
            continue
        propose = move.joint and not ally.accommodated
        for target in targets:
            if (ally_id, move.id, target or "") in cooldowns:
                continue
            out.append((move.id, target, "act", None))
            if propose:
                out.append((move.id, target, "propose", None))
    return out


# -- resolution -----------------------------------------------------------------------------


def resolve_moves(w: Work, orders: list[Order]) -> list[tuple[int, Move, list[str], float]]:
    """Pay for and carry out every order; enact proposals that matured. Return graded moves:
    (event index, move, participants, efficacy)."""
    s = w.scenario
    index = scenario_index(s)
    graded: list[tuple[int, Move, list[str], float]] = []
    proposals_by_id = {p.id: p for p in w.proposals}
    joined: dict[str, list[str]] = {}  # proposal id -> the allies who joined it this turn
    for order in orders:
        a = w.by_id[order.ally]
        kind, target, proposal = order.kind, order.target, order.proposal
        pc, budget = order_cost_of(s, w.state, order.move, kind, proposal)
        w.ally_change(a, "treasury", -budget)
        if kind == "join":
            p = proposals_by_id[proposal]  # type: ignore[index]
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
        if kind == "propose":
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
                    f"{a.name} proposes a joint {move.name}{target_phrase(s, target)} "
                    f"({pid}); others may join next turn",
                )
            continue
        graded.append(enact(w, move, target, [a], joint=False))
    w.proposals = []
    turn = w.turn
    for p in proposals_by_id.values():
        extra = joined.get(p.id)
        member_ids = p.members if extra is None else (*p.members, *extra)
        if p.turn < turn:
            members = [w.by_id[m] for m in member_ids if not w.by_id[m].accommodated]
            if members:
                graded.append(enact(w, index.moves[p.move], p.target, members, joint=True))
        elif extra is None:
            w.proposals.append(p)
        else:  # joined, but not due yet (check_orders allows no such join)
            w.proposals.append(new_proposal(p.id, p.move, p.target, p.proposer, p.turn, member_ids))
    return graded


def target_phrase(scenario: Scenario, target: str | None) -> str:
    """`` on <name>`` for a domain or sector id (plain text), or nothing."""
    if not target:
        return ""
    index = scenario_index(scenario)
    if target in index.domain_index:
        return f" on {scenario.domains[index.domain_index[target]].name}"
    if target in index.sector_index:
        return f" on {scenario.sectors[index.sector_index[target]].name}"
    return f" on {target}"


def coverage(w: Work, domain: int) -> float:
    """Effective share of world supply of a technology under export control (0..1)."""
    domain_index = scenario_index(w.scenario).domain_index
    best: dict[str, float] = {}
    for m in w.measures:
        if m.kind != "export_control" or domain_index[m.target] != domain:  # type: ignore[index]
            continue
        weight = 1.0 if m.harmonised else tuning.UNILATERAL_EFFICACY
        for member in m.members:
            if not w.by_id[member].accommodated:
                best[member] = max(best.get(member, 0.0), weight)
    total = 0.0
    supply = scenario_index(w.scenario).supply_share
    for member, weight in best.items():
        total += supply[w.by_id[member].index][domain] * weight
    return min(1.0, total)


def screened_share(w: Work) -> float:
    """Share of allied GDP whose inward investment is screened (harmonised counts fully)."""
    best: dict[str, float] = {}
    for m in w.measures:
        if m.kind != "investment_screening":
            continue
        weight = 1.0 if m.harmonised else tuning.UNILATERAL_EFFICACY
        for member in m.members:
            if not w.by_id[member].accommodated:
                best[member] = max(best.get(member, 0.0), weight)
    allies = w.scenario.allies
    return sum((allies[w.by_id[m].index].gdp * x for m, x in best.items()), 0.0) / total_gdp(
        w.scenario
    )


def enact(
    w: Work, move: Move, target: str | None, members: list[WAlly], joint: bool
) -> tuple[int, Move, list[str], float]:
    """Carry out one move for its members; return (event index, move, member ids, efficacy)."""
    s = w.scenario
    n = len(members)
    synergy = move.synergy + (tuning.INSTITUTION_SYNERGY if w.institutions and joint else 0.0)
    factors = {"members": 1.0 + synergy * (n - 1)}
    ids = [m.id for m in members]
    if move.target == "domain" and target:
        d = scenario_index(s).domain_index[target]
        supply = scenario_index(s).supply_share
        factors["coverage"] = min(1.0, sum((supply[m.index][d] for m in members), 0.0))
    else:
        gdp = scenario_index(s).gdp
        factors["coverage"] = sum((gdp[m.index] for m in members), 0.0) / total_gdp(s)
    harmonised = joint and n > 1
    _establish(w, move, target, ids, harmonised)
    apply_effects(w, move.effects, members, target, factors, move.id, per_member=True)
    share = max(1.0, n**tuning.DEFIANCE_SHARING)
    for m in members:
        w.ally_change(m, "defiance", move.defiance / share)
        if move.cooldown:
            w.cooldowns = [
                c
                for c in w.cooldowns
                if not (c[0] == m.id and c[1] == move.id and c[2] == (target or ""))
            ]
            w.cooldowns.append((m.id, move.id, target or "", w.turn + move.cooldown))
    if not w.explain:  # the efficacy only grades the event
        return -1, move, ids, 1.0
    efficacy = _efficacy(w, move, target, members, joint)
    names = ", ".join(m.name for m in members)
    if joint and len(members) > 1:
        boost = f"; effect ×{factors['members']:.2f}" if factors["members"] != 1.0 else ""
        how = f"jointly ({names}{boost})"
    elif joint:
        how = f"by {names} alone (no ally joined)"
    else:
        how = f"by {names}"
    details = []
    if move.measure == "export_control" and target:
        cov = coverage(w, scenario_index(s).domain_index[target])
        details.append(f"coverage of world supply{target_phrase(s, target)} now {cov:.0%}")
    w.emit(
        "moves",
        "joint" if joint else "move",
        "move",
        move.id,
        members[0].id,
        f"{move.name}{target_phrase(s, target)} enacted {how}",
        tuple(details),
        _grade(efficacy),
    )
    return len(w.events) - 1, move, ids, efficacy


def _establish(w: Work, move: Move, target: str | None, ids: list[str], harmonised: bool) -> None:
    kind = move.measure
    if kind == "none":
        return
    if kind == "pledge":
        w.pledge = [a.id for a in w.allies if a.id in w.pledge or a.id in ids]
        return
    if kind == "institution":
        if move.id not in w.institutions:
            w.institutions.append(move.id)
        return
    renewed = []
    for m in w.measures:
        if m.kind == kind and m.target == target:
            rest = tuple(x for x in m.members if x not in ids)
            if rest:
                renewed.append(_with_members(m, rest))
        else:
            renewed.append(m)
    expires = w.turn + move.duration - 1 if move.duration else 0
    renewed.append(new_measure(kind, move.id, tuple(ids), target, harmonised, w.turn, expires))
    w.measures = renewed


def _with_members(m: Measure, members: tuple[str, ...]) -> Measure:
    """``evolve(m, members=members)``, built faster."""
    return new_measure(m.kind, m.move, members, m.target, m.harmonised, m.started, m.expires)


def _efficacy(w: Work, move: Move, target: str | None, members: list[WAlly], joint: bool) -> float:
    if move.measure == "export_control" and target:
        return min(1.0, coverage(w, scenario_index(w.scenario).domain_index[target]) / 0.6)
    if move.measure == "investment_screening":
        return min(1.0, screened_share(w) / 0.6)
    if joint:
        active = max(1, len(w.active_allies()))
        return min(1.0, len(members) / (0.5 * active)) if len(members) > 1 else 0.3
    if move.min_alignment > 0 or any(e.scale == "alignment" for e in move.effects):
        return min(1.0, sum((m.alignment for m in members), 0.0) / len(members) / 60.0)
    return 1.0


def _grade(efficacy: float) -> str:
    if efficacy >= 0.999:
        return "success"
    if efficacy >= 0.55:
        return "partial"
    return "failed"


def lift_measures(w: Work, a: WAlly, only_latest: bool) -> list[str]:
    """Remove an ally from its measures (all, or only its latest export control); return what."""
    lifted: list[str] = []
    mine = [m for m in w.measures if a.id in m.members]
    if only_latest:
        controls = [m for m in mine if m.kind == "export_control"]
        mine = controls[-1:] if controls else mine[-1:]
    out = []
    for m in w.measures:
        if m in mine:
            lifted.append(f"{m.kind.replace('_', ' ')}{target_phrase(w.scenario, m.target)}")
            rest = tuple(x for x in m.members if x != a.id)
            if rest:
                out.append(_with_members(m, rest))
        else:
            out.append(m)
    w.measures = out
    if not only_latest and a.id in w.pledge:
        w.pledge = [x for x in w.pledge if x != a.id]
        lifted.append("solidarity pledge")
    return lifted
