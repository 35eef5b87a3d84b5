"""Whether an order is legal, why not, and what it costs: the one source of legality.

:meth:`Legality.assess` answers for one order of one ally in one state. Everything else
derives from it: :func:`check_orders` (a turn's orders together), :func:`legal_orders` and
:func:`order_options` (the menu), the AI policies' plans and the orders screen.
"""

from __future__ import annotations

from attrs import frozen

from game.engine.errors import IllegalOrderError
from game.engine.index import scenario_index
from game.engine.measures import target_phrase
from game.engine.orders import Order
from game.engine.scenario import Move, Scenario
from game.engine.state import GameState, Proposal
from game.engine.tomlreader import did_you_mean

EPSILON = 1e-9  # budgets are floats: a cost within this of the treasury is affordable


Candidate = tuple[str, str | None, str, str | None]  # move, target, kind, proposal


class _Shared:
    """What the legality checks of one state share (kept for the last state asked about:
    the AI policies, check_orders and the turn's payments all ask about the same one)."""

    __slots__ = ("cooling", "join_discount", "proposals", "scenario", "state", "views")

    def __init__(self, scenario: Scenario | None, state: GameState | None) -> None:
        self.scenario = scenario
        self.state = state
        self.views: dict[str, Legality] = {}
        # ally -> (move, target) -> the turn it is legal again, for cooldowns still running
        self.cooling: dict[str, dict[tuple[str, str], int]] = {}
        self.proposals: dict[str | None, Proposal] = {}  # open proposals by id (the first)
        self.join_discount = 1.0  # what a joined move's budget is multiplied by (see cost)
        if scenario is not None and state is not None:
            for c_ally, c_move, c_target, until in state.cooldowns:
                if state.turn < until:
                    self.cooling.setdefault(c_ally, {}).setdefault((c_move, c_target), until)
            for p in state.proposals:
                self.proposals.setdefault(p.id, p)
            if state.coalition.institutions:
                self.join_discount = scenario.tuning.institution_join_discount


_last = _Shared(None, None)


def _shared(scenario: Scenario, state: GameState) -> _Shared:
    global _last
    if _last.state is not state or _last.scenario is not scenario:
        _last = _Shared(scenario, state)
    return _last


@frozen
class OrderOption:
    """One order an ally could give, what it costs, and why it is not legal (None if it is)."""

    order: Order
    pc: int
    budget: float
    problem: str | None

    @property
    def legal(self) -> bool:
        """True if the order is legal on its own this turn."""
        return self.problem is None


class Legality:
    """What one ally may order in one state. Build it once and ask about many orders
    (:meth:`of` keeps the last state's, which the AI policies and check_orders share)."""

    __slots__ = (
        "accommodated", "alignment", "ally_id", "cooling", "found", "index", "join_discount",
        "known", "moves", "name", "over", "pc", "proposals", "scenario", "state", "treasury",
    )  # fmt: skip

    @staticmethod
    def of(scenario: Scenario, state: GameState, ally_id: str) -> Legality:
        """The legality of an ally's orders in a state, built once per state and ally."""
        view = _last.views.get(ally_id)
        if view is None or view.state is not state or view.scenario is not scenario:
            view = _shared(scenario, state).views[ally_id] = Legality(scenario, state, ally_id)
        return view

    def __init__(self, scenario: Scenario, state: GameState, ally_id: str) -> None:
        shared = _shared(scenario, state)
        self.scenario = scenario
        self.state = state
        self.ally_id = ally_id
        self.index = index = scenario_index(scenario)
        self.moves = index.moves
        i = index.ally_index.get(ally_id)
        self.known = i is not None
        self.proposals = shared.proposals
        # (move, target) -> the turn it is legal again, for this ally's cooldowns still running
        self.cooling: dict[tuple[str, str], int] = shared.cooling.get(ally_id, {})
        self.over = state.outcome is not None
        self.join_discount = shared.join_discount
        # Orders already found legal (the AI's plans note the ones they give), with their
        # cost: check_orders reads these instead of assessing the same order again.
        self.found: dict[Candidate, tuple[int, float]] = {}
        if i is None:
            self.name = ally_id  # for the reasons
            self.pc = 0
            self.treasury = 0.0
            self.accommodated = False
            self.alignment = 0.0
        else:
            a = state.allies[i]
            spec = scenario.allies[i]
            self.name = spec.name
            pc = spec.political_capital
            self.pc = max(0, pc - 1) if a.resolve < scenario.tuning.low_resolve_pc else pc
            self.treasury = a.treasury
            self.accommodated = a.accommodated
            self.alignment = a.alignment

    def cost(self, move: Move, kind: str) -> tuple[int, float]:
        """Political capital and budget an order of this move and kind costs: joining is
        cheaper once the coalition has founded an institution."""
        return move.pc, move.budget * self.join_discount if kind == "join" else move.budget

    def assess(
        self,
        move_id: str,
        target: str | None = None,
        kind: str = "act",
        proposal: str | None = None,
        why: bool = True,
    ) -> tuple[int, float] | str | None:
        """The cost ``(pc, budget)`` of a legal order, or why it is illegal (with ``why``
        false, None instead: nothing is formatted).

        Every rule of legality is written here once, in the order its reason is given (the
        AI asks this many times a turn, so the rules are inline rather than helpers)."""
        if self.over:
            return "the game is over" if why else None
        ally_id = self.ally_id
        if not self.known:
            ids = [a.id for a in self.scenario.allies]
            return f"unknown ally '{ally_id}'{did_you_mean(ally_id, ids)}" if why else None
        if kind == "join":
            p = self.proposals.get(proposal)
            if p is None:
                if not why:
                    return None
                open_ids = [q.id for q in self.state.proposals]
                return f"no open proposal '{proposal}'{did_you_mean(str(proposal), open_ids)}"
            if p.turn >= self.state.turn:
                return (
                    f"proposal {p.id} was made this turn; it can be joined next turn"
                    if why
                    else None
                )
            if ally_id in p.members:
                if not why:
                    return None
                if p.proposer == ally_id:
                    return f"{self.name} proposed it; the others may join it this turn"
                return f"{self.name} has already joined it"
            if self.accommodated:
                return (
                    f"{self.name} has accommodated China and joins no joint moves" if why else None
                )
            move = self.moves[p.move]
            target = p.target
        elif kind == "act" or kind == "propose":
            found = self.moves.get(move_id)
            if found is None:
                if not why:
                    return None
                ids = [m.id for m in self.scenario.moves]
                return f"unknown move '{move_id}'{did_you_mean(move_id, ids)}"
            move = found
            kind_of_target = move.target
            if kind_of_target == "none":
                fits = target is None
            elif kind_of_target == "domain":
                fits = target in self.index.domain_index
            else:
                fits = target in self.index.sector_index
            if not fits:
                return self._target_problem(move, target, why)[1]
            # The ally's stance: may it take this move in this way at all?
            if kind == "propose":
                if not move.joint:
                    return f"{move.name} is not a joint move; use act" if why else None
                if self.accommodated:
                    if not why:
                        return None
                    return f"{self.name} has accommodated China and proposes no joint moves"
            elif self.accommodated and move.defiance > 0:
                if not why:
                    return None
                return f"{self.name} has accommodated China and takes no defiant moves"
        else:
            return f"unknown order kind '{kind}' (use act, propose or join)" if why else None
        if self.alignment < move.min_alignment:
            if not why:
                return None
            return (
                f"{move.name} needs business alignment of at least {move.min_alignment:g} "
                f"(now {self.alignment:.0f})"
            )
        if kind == "propose":
            problem = self._duplicate_problem(move, target, why)
            if problem is not None:
                return problem if why else None
        if self.cooling:  # most allies have no cooldown running
            until = self.cooling.get((move.id, target or ""))
            if until is not None:
                if not why:
                    return None
                return f"{move.name} was used recently; available again on turn {until}"
        # what it costs: joining is cheaper once the coalition has founded an institution
        pc = move.pc
        budget = move.budget * self.join_discount if kind == "join" else move.budget
        if pc > self.pc:
            return f"needs {pc} political capital (has {self.pc})" if why else None
        if budget > self.treasury + EPSILON:
            if not why:
                return None
            return f"needs a budget of {budget:g} (treasury {self.treasury:.1f})"
        return pc, budget

    # The rules assess() reads from helpers (rarely reached: a proposal, a wrong target).

    def _duplicate_problem(self, move: Move, target: str | None, why: bool) -> str | None:
        """Whether a proposal would repeat one still open (join it instead) or a measure
        already in force for every ally beyond the turn the proposal would be enacted."""
        twin = self._open_twin(move, target)
        if twin is not None:
            if not why:
                return ""
            proposer = self.scenario.allies[self.index.ally_index[twin.proposer]].name
            on = target_phrase(self.scenario, target)
            return f"{move.name}{on} is already proposed by {proposer}: join it instead"
        if self._in_force_for_all(move, target):
            if not why:
                return ""
            on = target_phrase(self.scenario, target)
            return f"{move.name}{on} is already in force for every ally"
        return None

    def _open_twin(self, move: Move, target: str | None) -> Proposal | None:
        """The open proposal (made on an earlier turn) of the same move on the same target."""
        for p in self.state.proposals:
            if p.move == move.id and p.target == target and p.turn < self.state.turn:
                return p
        return None

    def _in_force_for_all(self, move: Move, target: str | None) -> bool:
        """True if the move's measure covers every ally until after a proposal made now would
        be enacted (next turn): proposing it again would change nothing."""
        coalition = self.state.coalition
        every = {a.id for a in self.scenario.allies}
        if move.measure == "institution":
            return move.id in coalition.institutions
        if move.measure == "pledge":
            return every <= set(coalition.pledge)
        if move.measure == "none":
            return False
        enacted = self.state.turn + 1
        for m in self.state.measures:
            if (
                m.kind == move.measure
                and m.target == target
                and every <= set(m.members)
                and (m.expires == 0 or m.expires > enacted)
            ):
                return True
        return False

    def _target_problem(self, move: Move, target: str | None, why: bool) -> tuple[bool, str | None]:
        """Whether a target suits a move, and if not why (None without ``why``)."""
        if move.target == "none":
            if target is None:
                return True, None
            return False, f"{move.name} takes no target" if why else None
        known = self.index.domain_index if move.target == "domain" else self.index.sector_index
        if target is not None and target in known:
            return True, None
        if not why:
            return False, None
        ids = list(known)
        if target is None:
            return False, f"{move.name} needs a {move.target} target ({', '.join(ids)})"
        return False, f"unknown {move.target} '{target}'{did_you_mean(target, ids)}"

    def legal_candidates(self) -> list[Candidate]:
        """The candidates that are legal on their own, in the same order:
        ``[c for c in candidates() if assess(*c) is legal]``."""
        if self.over or not self.known:
            return []
        assess = self.assess
        return [c for c in self.candidates() if isinstance(assess(*c, why=False), tuple)]

    def targets(self, move: Move) -> list[str | None]:
        """The targets a move may take: every domain, every sector, or none."""
        if move.target == "domain":
            return list(self.index.domain_index)
        if move.target == "sector":
            return list(self.index.sector_index)
        return [None]

    def candidates(self) -> list[Candidate]:
        """Every order worth asking about, as (move, target, kind, proposal): joining each
        open proposal, then each move on each of its targets, acted alone and, for joint
        moves, proposed."""
        out: list[Candidate] = [(p.move, p.target, "join", p.id) for p in self.state.proposals]
        for move in self.scenario.moves:
            for target in self.targets(move):
                out.append((move.id, target, "act", None))
                if move.joint:
                    out.append((move.id, target, "propose", None))
        return out


def order_problem(scenario: Scenario, state: GameState, order: Order) -> str | None:
    """Why this single order is illegal now, or None if it is legal on its own."""
    result = Legality(scenario, state, order.ally).assess(
        order.move, order.target, order.kind, order.proposal
    )
    return result if isinstance(result, str) else None


def order_cost(scenario: Scenario, state: GameState, order: Order) -> tuple[int, float]:
    """Political capital and budget an order costs (legal or not; nothing for unknown ones)."""
    legality = Legality(scenario, state, order.ally)
    move_id = order.move
    if order.kind == "join":
        p = legality.proposals.get(order.proposal)
        if p is None:
            return 0, 0.0
        move_id = p.move
    move = scenario_index(scenario).moves.get(move_id)
    return (0, 0.0) if move is None else legality.cost(move, order.kind)


def order_options(scenario: Scenario, state: GameState, ally_id: str) -> list[OrderOption]:
    """Every order this ally could consider this turn, legal or not, with cost and problem."""
    legality = Legality(scenario, state, ally_id)
    out = []
    for move, target, kind, proposal in legality.candidates():
        order = Order(ally_id, move, target, kind, proposal)
        result = legality.assess(move, target, kind, proposal)
        pc, budget = order_cost(scenario, state, order)
        out.append(OrderOption(order, pc, budget, result if isinstance(result, str) else None))
    return out


def legal_orders(scenario: Scenario, state: GameState, ally_id: str) -> list[OrderOption]:
    """Every order this ally could give on its own this turn, with its cost (each checked
    alone: together they may exceed its political capital or budget)."""
    legality = Legality.of(scenario, state, ally_id)
    out = []
    for move, target, kind, proposal in legality.legal_candidates():
        pc, budget = legality.cost(legality.index.moves[move], kind)
        out.append(OrderOption(Order(ally_id, move, target, kind, proposal), pc, budget, None))
    return out


def check_orders(scenario: Scenario, state: GameState, orders: list[Order]) -> None:
    """Raise :class:`IllegalOrderError` for the first illegal order, naming it and why: each
    order must be legal on its own, given once, and all of an ally's orders together within
    its political capital and budget."""
    spent: dict[str, tuple[int, float]] = {}
    seen: set[tuple[str, str, str]] = set()
    views: dict[str, Legality] = {}
    for n, order in enumerate(orders, 1):
        ally = order.ally
        legality = views.get(ally)
        if legality is None:
            legality = views[ally] = Legality.of(scenario, state, ally)
        result: tuple[int, float] | str | None = legality.found.get(
            (order.move, order.target, order.kind, order.proposal)
        )
        if result is None:
            result = legality.assess(order.move, order.target, order.kind, order.proposal)
        problem = result if isinstance(result, str) else None
        if problem is None:
            if order.kind == "join":
                key = (ally, "join", order.proposal or "")
            else:
                key = (ally, order.move, order.target or "")
            if key in seen:
                problem = "the same order is given twice this turn"
            seen.add(key)
        if problem is None and isinstance(result, tuple):
            used_pc, used_budget = spent.get(ally, (0, 0.0))
            used_pc, used_budget = used_pc + result[0], used_budget + result[1]
            spent[ally] = (used_pc, used_budget)
            if used_pc > legality.pc:
                problem = (
                    f"orders need {used_pc} political capital; {legality.name} has {legality.pc}"
                )
            elif used_budget > legality.treasury + EPSILON:
                has = f"{legality.name} has {legality.treasury:.1f}"
                problem = f"orders need a budget of {used_budget:g}; {has}"
        if problem:
            raise IllegalOrderError(
                f"order {n} ({ally}: {order.describe()}): {problem}", reason=problem, number=n
            )
