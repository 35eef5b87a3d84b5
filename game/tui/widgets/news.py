"""The news log: what happened last turn and what the briefing says now."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

import game.safe_text as safe
from game.engine import Event
from game.session import Session

SHOWN = {
    "briefing", "event", "signal", "move", "joint", "propose", "join", "coercion",
    "concession", "accommodation", "recovery", "lapse", "end", "inject", "intervention", "void",
}  # fmt: skip
GRADE_STYLE = {"success": "green", "partial": "yellow", "failed": "red", "backfired": "bold red"}


def event_line(event: Event) -> Text:
    """One event as a line of plain text (scenario text is never read as markup)."""
    line = Text()
    if event.kind in ("coercion", "concession", "accommodation"):
        line.append("■ ", style="red")
    elif event.kind in ("signal",):
        line.append("◆ ", style="yellow")
    elif event.kind in ("briefing", "event"):
        line.append("● ", style="cyan")
    else:
        line.append("· ", style="grey50")
    line.append(safe.clean(event.text))
    if event.grade:
        line.append(safe.clean(f"  [{event.grade}]"), style=GRADE_STYLE[event.grade])
    return line


class NewsLog(Static):
    """The briefing of this turn and the headlines of the last one."""

    def show(self, session: Session) -> None:
        """Render the session's latest events."""
        text = Text()
        text.append(
            safe.clean(f"Briefing, {session.scenario.turn_label} {session.state.turn}\n"),
            style="bold",
        )
        for e in session.briefing:
            if e.kind in SHOWN:
                text.append_text(event_line(e))
                text.append("\n")
        if len(session.history) > 1:
            last = session.history[-1]
            text.append(
                safe.clean(f"\nLast {session.scenario.turn_label} ({last.turn})\n"), style="bold"
            )
            for e in last.events:
                if e.kind in SHOWN and e.phase not in ("briefing", "orders"):
                    text.append_text(event_line(e))
                    text.append("\n")
        self.update(text)
