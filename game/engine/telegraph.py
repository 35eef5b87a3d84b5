"""China's telegraph: the signals of its likely next actions, worked out from the position.

The briefing of every turn telegraphs them (:mod:`game.engine.turn`); a facilitator's change
between turns (:mod:`game.engine.adjudication`) works them out again, so the signals the
teams read always follow from the figures they see."""

from __future__ import annotations

from game.engine import coercion
from game.engine.doctrine import decide, level_of, raw_rule
from game.engine.state import Signal, new_signal
from game.engine.work import Work


def telegraph(w: Work, phase: str = "briefing", changed_only: bool = False) -> None:
    """Set ``w.signals`` to China's likely next actions and emit a ``signal`` event for each
    (with ``changed_only``, only for the signals that were not already given, and one for
    each signal that no longer holds)."""
    s = w.scenario
    level = level_of(s, w.state.difficulty)
    revising = w.explain and changed_only  # events only for what changed
    before = {_what(x) for x in w.signals} if revising else set()
    # China rolls its chances as it signals: what it announces, it means to do. The signals'
    # rules as written are part of the state, so they are built even without explain; the
    # reasons only for the events.
    decisions, _ = decide(w, level, why=w.explain, report=False, rule_raw=True)
    w.signals = []
    for d in decisions:
        tool = w.index.tools[d.rule.tool]
        a = w.by_id[d.target]
        sector = coercion.choose_sector(w, a, tool)
        sector_id = s.sectors[sector].id if sector >= 0 else None
        signal = new_signal(d.rule.id, tool.id, a.id, sector_id, "; ".join(d.raw))
        w.signals.append(signal)
        if not w.explain or (revising and _what(signal) in before):
            continue
        on = f" ({s.sectors[sector].name})" if sector >= 0 else ""
        revised = "Revised signal" if changed_only else "Signal"
        w.emit(
            phase,
            "signal",
            "rule",
            d.rule.id,
            "china",
            f"{revised}: China is likely to use {tool.name} against {a.name}{on}",
            (*d.reasons, raw_rule(d), *_answer_line(w, tool.answers, a.name, on)),
        )
    if not revising:
        return
    now = {_what(x) for x in w.signals}
    for old in w.state.signals:
        if _what(old) not in now:
            name = w.by_id[old.ally].name if old.ally in w.by_id else old.ally
            w.emit(
                phase,
                "signal",
                "rule",
                old.rule,
                "china",
                f"Signal withdrawn: China is no longer likely to use "
                f"{w.index.tools[old.tool].name} against {name}",
            )


def _answer_line(w: Work, answers: tuple[str, ...], ally: str, on: str) -> tuple[str, ...]:
    """How the signalled ally can prepare (:mod:`game.engine.forewarning`), or nothing."""
    if not answers or not w.tuning.forewarned_blunting:
        return ()
    names = " or ".join(w.index.moves[m].name for m in answers)
    return (
        f"Forewarned: if {ally} orders {names}{on} this turn, the blow comes "
        f"{w.tuning.forewarned_blunting:.0%} softer.",
    )


def _what(signal: Signal) -> tuple[str, str, str, str | None]:
    """A signal without its reasons: a revised reason alone does not make a new signal."""
    return signal.rule, signal.tool, signal.ally, signal.sector
