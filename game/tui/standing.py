"""Where the game stands, in words: the coalition's score against its tiers, each team's
national objective with its progress, and the measures in force with the turns they have left.

The dashboard shows the short forms; the standing screen (g) shows them in full.
"""

from __future__ import annotations

from attrs import frozen

from game.engine import Measure, coalition_score, objective_met, objective_value, tier_of
from game.session import Session

# Objective metrics kept as shares 0..1 (shown as percentages) and as percent points.
_SHARES = frozenset({"max_export_exposure", "max_import_dependence"})
_PERCENT = frozenset({"gdp_gap"})
_OP_WORDS = {">=": "at least", ">": "above", "<=": "at most", "<": "below", "==": "", "!=": "not"}


def tiers(session: Session) -> list[tuple[str, float]]:
    """The victory tiers from the top, each with the score it starts at."""
    v = session.scenario.victory
    return [("decisive", v.decisive), ("marginal", v.marginal), ("stalemate", v.stalemate)]


def score_line(session: Session) -> str:
    """``score 54 stalemate (marginal from 78.5)``: the next tier up and where it starts."""
    score, _ = coalition_score(session.scenario, session.state)
    tier = tier_of(session.scenario, score)
    line = f"score {score:.0f} {tier}"
    above = [(name, at) for name, at in tiers(session) if at > score]
    if above:
        name, at = above[-1]
        line += f" ({name} from {at:g})"
    return line


def metric_figure(metric: str, value: float) -> str:
    """An objective's figure as its text states it (shares as percentages)."""
    if metric in _SHARES:
        return f"{100 * value:.0f}%"
    if metric in _PERCENT:
        return f"{value:.2f}%"
    return f"{value:.0f}"


@frozen
class ObjectiveProgress:
    """One government's national objective and where it stands now."""

    ally: str
    name: str
    text: str
    now: str  # the current figure, formatted as the objective states it
    target: str  # e.g. "at least 80"
    met: bool

    def mark(self) -> str:
        return "✔ met" if self.met else "✘ not met"

    def line(self) -> str:
        """``Japan: Cut rare-earth dependence below 45% · now 52% ✘ not met``."""
        return f"{self.name}: {self.text} · now {self.now} {self.mark()}"

    def short(self) -> str:
        """The line for a single team, whose name the status already gives."""
        return f"Your objective: {self.text} · now {self.now} {self.mark()}"


def objectives(session: Session, allies: tuple[str, ...] | None = None) -> list[ObjectiveProgress]:
    """National objectives of ``allies`` (default: the human teams), in scenario order."""
    s, state = session.scenario, session.state
    wanted = session.humans if allies is None else allies
    out = []
    for i, spec in enumerate(s.allies):
        if spec.id not in wanted:
            continue
        o = spec.objective
        value = objective_value(s, state, i)
        target = f"{_OP_WORDS.get(o.op, o.op)} {metric_figure(o.metric, o.value)}".strip()
        out.append(
            ObjectiveProgress(
                spec.id,
                spec.name,
                o.text,
                metric_figure(o.metric, value),
                target,
                objective_met(s, state, i),
            )
        )
    return out


def turns_left(session: Session, measure: Measure) -> int | None:
    """Turns a measure stays in force counting this one (None: until lifted)."""
    if measure.expires == 0:
        return None
    return max(0, measure.expires - session.state.turn + 1)


def measure_line(session: Session, measure: Measure) -> str:
    """``Export controls (Semiconductors) · US, Japan · 2 quarters left``."""
    from game.engine import target_phrase

    s = session.scenario
    names = {a.id: a.name for a in s.allies}
    left = turns_left(session, measure)
    label = s.turn_label
    if left is None:
        when = "until lifted"
    elif left <= 1:
        when = f"lapses after this {label}"
    else:
        when = f"{left} {label}s left"
    members = ", ".join(names[m] for m in measure.members)
    return f"{s.move(measure.move).name}{target_phrase(s, measure.target)} · {members} · {when}"


def measures(session: Session) -> list[Measure]:
    """Measures in force, the soonest to lapse first (those until lifted last)."""
    return sorted(
        session.state.measures, key=lambda m: (m.expires == 0, m.expires, m.move, m.target or "")
    )


def renewals(session: Session, ally: str) -> list[Measure]:
    """This ally's measures that lapse this turn or next: renewing them keeps them in force
    (a joint one proposed now is enacted next turn)."""
    turn = session.state.turn
    return [
        m for m in measures(session) if ally in m.members and m.expires and m.expires <= turn + 1
    ]
