"""The debrief panel of the replay: for the turn shown, how the coalition score moved and
the events that moved it most, the facilitator's interventions, the teams' notes on their
orders and the facilitator's observations (shown only in a game that has any)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.report.data import key_events, score_series
from game.report.seminar import seminar_record
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
        out = Text("Debrief", style="bold")
        if at > 0:
            scores = score_series(scenario, tuple(session.states()))
            change = scores[at] - scores[at - 1]
            out.append(
                f" · {scenario.turn_label} {at}: coalition score {scores[at - 1]:.1f} → "
                f"{scores[at]:.1f} ({change:+.1f})"
            )
        if at == 0:
            out.append("\nThe start: step forward (→) through the turns.", style="grey62")
            self.update(out)
            return
        from game.report.turning import turning_points

        events = [r.events for r in session.history]
        for point in turning_points(scenario, session.states(), events):
            if point.turn == at:
                out.append("\n  Turning point: ")
                out.append_text(text("; ".join(point.why)))
                for e in key_events(events[at], 3):
                    out.append("\n    ")
                    out.append_text(text(e.text))
        record = {r.turn: r for r in seminar_record(session.log, scenario.turn_label)}
        r = record.get(at)
        if r is None:
            out.append("\n  Nothing was noted in this turn.", style="grey62")
        else:
            for x in r.interventions:
                out.append("\n  Facilitator: ")
                out.append_text(text(x))
            for team, note in r.notes:
                out.append("\n  ")
                out.append_text(text(f"{team}'s note: {note}"))
            for x in r.observations:
                out.append("\n  Observation: ")
                out.append_text(text(x))
        self.update(out)
