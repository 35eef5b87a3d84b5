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
from game.session import Session
from game.tui.access import app_of, session_of

PART_NAMES = {
    "gdp": "Output against the no-coercion baseline",
    "tech": "Technology lead over China",
    "leverage": "China's leverage cut",
    "cohesion": "Coalition cohesion",
    "accommodation": "No ally accommodated",
}


def turning_points(session: Session, count: int = 5) -> list[tuple[float, str]]:
    """The events that moved output, resolve or cohesion most, largest first."""
    points: list[tuple[float, str]] = []
    for record in session.history[1:]:
        for e in record.events:
            if e.cause_kind == "world" and e.kind in ("economy", "tech", "firms", "politics"):
                continue
            swing = 0.0
            for d in e.deltas:
                if d.var in ("resolve", "cohesion"):
                    swing += abs(d.change)
                elif d.var in ("gap", "scar"):
                    swing += 10 * abs(d.change)
            if swing > 0:
                points.append((swing, f"{session.scenario.turn_label} {record.turn}: {e.text}"))
    points.sort(key=lambda p: -p[0])
    return points[:count]


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

        self.app.push_screen(ReplayScreen(session_of(self)))

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
        allies = Table(title="Governments", title_justify="left", box=None)
        allies.add_column("government")
        allies.add_column("score", justify="right")
        allies.add_column("national objective")
        scores = dict(o.ally_scores)
        met = dict(o.objectives_met)
        for spec in session.scenario.allies:
            mark = "✔ " if met[spec.id] else "✘ "
            allies.add_row(
                safe.text(("★ " if spec.id in session.humans else "") + spec.name),
                Text(f"{scores[spec.id]:.0f}"),
                safe.text(mark + spec.objective.text, style="green" if met[spec.id] else "red"),
            )
        points = Text("\nTurning points\n", style="bold")
        for _, line in turning_points(session):
            points.append(safe.clean(f"• {line}\n"))
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
