"""The debrief panel of the replay: for the turn shown, how the coalition score moved and
the events that moved it most, the facilitator's rulings on that turn, the teams' notes on
their orders and the facilitator's observations, then what the facilitator published or
changed before the next turn's orders (it shows in the position and news beside it). Shown
only in a game that has any of these."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.report.data import key_events, score_series
from game.report.seminar import FACILITATOR, intervention_line
from game.safe_text import text
from game.session import Session


class DebriefPanel(Static):
    """What the seminar recorded about one turn."""

    def show(self, session: Session, at: int) -> None:
        """The record of turn ``at`` (the turn just resolved at this point of the replay)."""
        if session.log is None or not (session.interventions or session.notes):
            self.display = False
            return
        self.display = True
        scenario = session.scenario
        label = scenario.turn_label
        out = Text("Debrief", style="bold")
        if at == 0:
            out.append("\nThe start: step forward (→) through the turns.", style="grey62")
        else:
            scores = score_series(scenario, tuple(session.states()))
            change = scores[at] - scores[at - 1]
            out.append(
                f" · {label} {at}: coalition score {scores[at - 1]:.1f} → "
                f"{scores[at]:.1f} ({change:+.1f})"
            )
            self._turn(out, session, at)
        before = [i for i in session.interventions if i.turn == at + 1 and i.phase == "orders"]
        if before:
            out.append(f"\n  Before the orders of {label} {at + 1}:", style="bold")
            for i in before:
                out.append("\n  Facilitator: ")
                out.append_text(text(intervention_line(i, False, scenario)))
        self.update(out)

    def _turn(self, out: Text, session: Session, at: int) -> None:
        from game.report.turning import turning_points

        scenario = session.scenario
        events = [r.events for r in session.history]
        for point in turning_points(scenario, session.states(), events):
            if point.turn == at:
                out.append("\n  Turning point: ")
                out.append_text(text("; ".join(point.why)))
                for e in key_events(events[at], 3):
                    out.append("\n    ")
                    out.append_text(text(e.text))
        rulings = [i for i in session.interventions if i.turn == at and i.phase != "orders"]
        notes = [n for n in session.notes if n.turn == at]
        if not (rulings or notes):
            out.append("\n  Nothing was noted in this turn.", style="grey62")
        for i in rulings:
            out.append("\n  Facilitator: ")
            out.append_text(text(intervention_line(i, True, scenario)))
        for n in notes:
            if n.author != FACILITATOR:
                out.append("\n  ")
                out.append_text(text(f"{session.team_name(n.author)}'s note: {n.text}"))
        for n in notes:
            if n.author == FACILITATOR:
                out.append("\n  Observation: ")
                out.append_text(text(n.text))
