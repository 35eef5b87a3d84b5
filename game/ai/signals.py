"""Answering China's signals: the part of the AI governments' play that reads the telegraph.

Each quarter's briefing signals China's likely actions (``state.signals``); each coercion tool
names the moves that answer it (``Tool.answers``, scenario data). A government that orders
one of them in the signalled quarter (on the signalled sector, for a move aimed at a sector)
meets the action softened (``tuning.forewarned_blunting``) and, for a sector move, keeps extra
resilience there (``tuning.forewarned_resilience``). The policies read the answers from the
scenario, so a custom scenario's tools are answered the same way.
"""

from __future__ import annotations

from game.ai.plan import Plan
from game.ai.roles import roles
from game.engine import GameState, Order, Scenario, Signal

# Strain this far above tuning.strain_safe erodes resolve fast enough that a government keeps
# the capital for its workers before preparing for China's next blow.
URGENT_STRAIN = 10.0


def answer_signals(plan: Plan, scenario: Scenario, state: GameState, ally_id: str) -> None:
    """Order, for each signal against ``ally_id`` not yet answered by the plan's orders, the
    first of its tool's answers that is legal and affordable: joining an open proposal of
    it, else acting (or proposing a joint move, unless the tool is aimed at this ally
    alone). Under urgent strain the capital a
    programme for the workers needs is kept back for it."""
    reserve = _workers_first(plan, scenario, state, ally_id)
    plan.pc -= reserve
    try:
        _answer_all(plan, scenario, state, ally_id)
    finally:
        plan.pc += reserve


def _workers_first(plan: Plan, scenario: Scenario, state: GameState, ally_id: str) -> int:
    """The political capital to keep for relieving strain: that of the best strain relief
    move if the ally's strain is urgent and the move is legal now, else 0."""
    a = state.ally(ally_id)
    if a.strain <= scenario.tuning.strain_safe + URGENT_STRAIN:
        return 0
    for move in roles(scenario).relieve_strain[:1]:
        cost = plan.legality.assess(move, None, "act", None, why=False)
        if isinstance(cost, tuple):
            return cost[0]
    return 0


def _answer_all(plan: Plan, scenario: Scenario, state: GameState, ally_id: str) -> None:
    for signal in state.signals:
        if signal.ally != ally_id or _answered(scenario, state, signal, plan.orders):
            continue
        for move_id in _answers(scenario, signal):
            move = scenario.move(move_id)
            if move.target == "domain":
                continue  # no domain is signalled: a domain move cannot answer on its own
            target = signal.sector if move.target == "sector" else None
            if move.target == "sector" and target is None:
                continue
            if _join(plan, state, move_id, target):
                break
            # A tool aimed at one ally's trade (its ``target``: Australia's barley, wine and
            # coal) is answered alone and at once: partners have nothing of theirs to prepare,
            # and a joint move waits a quarter for them to join and makes each pay for a
            # sector that only this ally needs (the stress probe "trade diversification
            # forbidden" beat the proposal by 17 points of win rate in australia-2020; acting
            # alone scores 1.9 points above proposing there). A tool China may turn on any
            # ally is answered together, where it can be.
            joint = move.joint and scenario.tool(signal.tool).target is None
            if plan.add(move_id, target, "propose" if joint else "act"):
                break


def _answers(scenario: Scenario, signal: Signal) -> tuple[str, ...]:
    """The moves that answer a signal, best first: its tool's ``answers``; for a tool that
    names none (a custom scenario's), the sector moves that prepare for its kind of blow (a
    stockpile before an input cut-off, new buyers before a boycott or tariff), which still
    earn ``forewarned_resilience``."""
    tool = scenario.tool(signal.tool)
    if tool.answers or not signal.sector:
        return tool.answers
    r = roles(scenario)
    if tool.kind == "input_cutoff":
        return tuple(r.stockpile[:1])
    if tool.kind in ("boycott", "tariff"):
        return tuple(r.diversify_exports[:1])
    return ()


def _join(plan: Plan, state: GameState, move: str, target: str | None) -> bool:
    """Join an open proposal of ``move`` on ``target``, if there is one; whether joined."""
    for p in state.proposals:
        if (
            p.move == move
            and p.target == target
            and p.turn < state.turn
            and plan.add(move, target, "join", p.id)
        ):
            return True
    return False


def _answered(scenario: Scenario, state: GameState, signal: Signal, orders: list[Order]) -> bool:
    """Whether one of ``orders`` already answers ``signal`` (the engine's test)."""
    answers = _answers(scenario, signal)
    proposals = {p.id: p for p in state.proposals}
    for o in orders:
        p = proposals.get(o.proposal or "") if o.kind == "join" else None
        move, target = (p.move, p.target) if p else (o.move, o.target)
        if move in answers and (scenario.move(move).target != "sector" or target == signal.sector):
            return True
    return False
