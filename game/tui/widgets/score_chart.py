"""The dashboard's chart on wide terminals (from 120 columns, below the news): the coalition
score and cohesion over the turns played, with axes, and the score's tier thresholds named,
so a player sees at a glance whether the coalition is winning and which way it is going."""

from __future__ import annotations

from textual.widgets import Static

import game.safe_text as safe
from game.engine import coalition_score
from game.session import Session
from game.tui.standing import tiers
from game.tui.widgets.line_chart import line_chart

WIDE = 120  # columns from which the dashboard shows this chart


class ScoreChart(Static):
    """Coalition score and cohesion by turn (0 = the start)."""

    def show(self, session: Session, width: int, height: int) -> None:
        """Draw the chart in ``width`` columns and about ``height`` rows."""
        s = session.scenario
        states = session.states()
        score = [coalition_score(s, st)[0] for st in states]
        cohesion = [st.coalition.cohesion for st in states]
        thresholds = " · ".join(f"{name} from {at:g}" for name, at in tiers(session))
        text = safe.text(f"Coalition score and cohesion by {s.turn_label}", style="bold")
        text.append_text(safe.text(f"   tiers: {thresholds}\n", style="grey62"))
        series = [("coalition score", score), ("cohesion", cohesion)]
        text.append_text(line_chart(series, width, height - 1, s.turn_label))
        self.update(text)
