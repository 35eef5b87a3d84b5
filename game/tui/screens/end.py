"""End of game: the tier, the coalition score and its parts, each government's score and
national objective, and the turning points."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

import game.safe_text as safe
from game.engine import WIN_TIERS
from game.report.turning import RULE as TURNING_RULE
from game.report.words import PART_NAMES
from game.session import Session
from game.tui.access import app_of, session_of


def turning_lines(session: Session) -> list[Text]:
    """The turning points, by the report's rule and in order: the turn, the score, why it
    counts, and the events that moved the coalition most."""
    from game.report.data import key_events
    from game.report.turning import turning_points

    events = [r.events for r in session.history]
    label = session.scenario.turn_label.capitalize()
    out = []
    for p in turning_points(session.scenario, session.states(), events):
        line = safe.text(f"• {label} {p.turn}: score {p.before:.1f} → {p.after:.1f}", "bold")
        line.append_text(safe.text(f" ({'; '.join(p.why)})\n", style="italic"))
        for e in key_events(events[p.turn], 3):
            line.append_text(safe.text(f"    {e.text}\n"))
        out.append(line)
    return out


class EndScreen(Screen[None]):
    """The result, for the debrief."""

    DEFAULT_CSS = """
    EndScreen VerticalScroll { padding: 0 1; }
    """
    BINDINGS = [
        Binding("r", "report", "After-action report"),
        Binding("d", "debrief", "Debrief"),
        Binding("q", "title", "Title"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def action_debrief(self) -> None:
        """Walk the game turn by turn: the replay, with the seminar's record of each turn."""
        from game.tui.screens.replay import ReplayScreen

        self.app.push_screen(ReplayScreen(session_of(self), debrief=True))

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="result")
        yield Footer()

    def on_mount(self) -> None:
        session = session_of(self)
        o = session.state.outcome
        assert o is not None
        won = o.tier in WIN_TIERS
        text = Text()
        text.append(
            safe.clean(f"{o.tier.upper()}: coalition score {o.score:.0f} of 100\n"),
            style="bold green" if won else "bold red",
        )
        text.append(safe.clean(f"The game ended because {o.reason}.\n\n"))
        parts = Table(title="The coalition's score", title_justify="left", box=None)
        parts.add_column("part")
        parts.add_column("0–1", justify="right")
        for name, value in o.parts:
            parts.add_row(safe.text(PART_NAMES.get(name, name)), Text(f"{value:.2f}"))
        # one line per government, its national objective on the next: a long objective
        # wraps under itself rather than in a narrow column
        allies = Text("Governments (score; national objective)\n", style="italic")
        scores = dict(o.ally_scores)
        met = dict(o.objectives_met)
        for spec in session.scenario.allies:
            mark = "✔ met: " if met[spec.id] else "✘ not met: "
            allies.append_text(safe.text(("★ " if spec.id in session.humans else "  ") + spec.name))
            allies.append(f"  {scores[spec.id]:.0f}\n")
            allies.append_text(
                safe.text(
                    f"    {mark}{spec.objective.text}\n", style="green" if met[spec.id] else "red"
                )
            )
        points = Text("\nTurning points\n", style="bold")
        points.append_text(Text(TURNING_RULE + "\n", style="grey62"))
        for line in turning_lines(session):
            points.append_text(line)
        if len(points.plain.splitlines()) <= 2:
            points.append("The coalition score moved steadily; no single turn stands out.\n")
        from rich.console import Group

        self.query_one("#result", Static).update(Group(text, parts, Text(""), allies, points))

    def action_report(self) -> None:
        """Save the finished game and write its after-action report (HTML) beside it."""
        from game.engine import GameError
        from game.report import write_report

        session = session_of(self)
        if session.log is None:
            self.notify("This game cannot be saved, so it has no report.", severity="warning")
            return
        name = f"{session.log.id}-final"
        try:
            path = session.save(name)
            out = path.with_suffix(".html")
            write_report(str(path), "html", str(out))
        except (GameError, OSError) as exc:
            self.notify(safe.clean(exc), title="No report", severity="error", markup=False)
            return
        self.notify(f"Report written to {out} (save: {path.name})", timeout=8, markup=False)

    def action_title(self) -> None:
        app_of(self).go_title()
