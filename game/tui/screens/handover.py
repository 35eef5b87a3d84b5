"""Pass-and-play hand-over: a blank screen between teams so no one sees another's orders."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

import game.safe_text as safe
from game.tui.access import session_of


class HandoverScreen(Screen[None]):
    """Hides everything until the next team is at the keyboard."""

    DEFAULT_CSS = """
    HandoverScreen { align: center middle; }
    HandoverScreen Vertical { width: 60; height: auto; border: heavy $accent; padding: 1 2; }
    HandoverScreen Static { text-align: center; width: 100%; }
    """
    BINDINGS = [("enter", "ready", "Ready")]

    def __init__(self, team: str) -> None:
        super().__init__()
        self.team = team

    def compose(self) -> ComposeResult:
        session = session_of(self)
        name = session.team_name(self.team)
        government = next(a.name for a in session.scenario.allies if a.id == self.team)
        if name != government:  # a group named at New game: its government too
            name = f"{name} ({government})"
        with Vertical():
            yield Static(safe.text(f"Pass the keyboard to the team of\n\n{name}", style="bold"))
            yield Static(Text("\nOther teams' orders stay secret until the turn resolves."))
            with Center():
                yield Button("Ready (Enter)", id="ready", variant="primary")

    def on_button_pressed(self) -> None:
        self.action_ready()

    def action_ready(self) -> None:
        self.dismiss(None)
