"""Forewarned is forearmed: a government that answers China's signal in the quarter it was
given meets the action softened.

China telegraphs its likely actions in each quarter's briefing (:mod:`game.engine.telegraph`).
Each coercion tool names the moves that answer it (``answers`` in the scenario: briefed
boardrooms before threats to firms, stockpiles before an input cut-off, new buyers before a
boycott, ...). If the ally China signalled an action against orders one of them that quarter
(acting, proposing or joining; on the signalled sector, for a move aimed at a sector), the
action lands with its intensity cut by ``tuning.forewarned_blunting``.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.orders import Order
from game.engine.scenario import Tool
from game.engine.state import Signal
from game.engine.work import Work


def answers_given(w: Work, orders: Sequence[Order]) -> dict[tuple[str, str], str]:
    """For each signal this quarter that its target answered: (rule, ally) -> the move."""
    if not w.signals or not w.tuning.forewarned_blunting:
        return {}
    proposals = {p.id: p for p in w.state.proposals}
    signalled = {signal.ally for signal in w.signals}  # only their orders can answer
    ordered: list[tuple[str, str, str | None]] = []  # (ally, move, target)
    for o in orders:
        if o.ally not in signalled:
            continue
        p = proposals.get(o.proposal or "") if o.kind == "join" else None
        ordered.append((o.ally, p.move, p.target) if p else (o.ally, o.move, o.target))
    out: dict[tuple[str, str], str] = {}
    for signal in w.signals:
        move = _answer(w, w.index.tools[signal.tool], signal, ordered)
        if move is not None:
            out[(signal.rule, signal.ally)] = move
    return out


def _answer(
    w: Work, tool: Tool, signal: Signal, ordered: list[tuple[str, str, str | None]]
) -> str | None:
    for ally, move, target in ordered:
        if ally != signal.ally or move not in tool.answers:
            continue
        on_sector = w.index.moves[move].target == "sector"
        if not on_sector or target == signal.sector:
            return move
    return None
