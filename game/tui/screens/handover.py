"""Pass-and-play hand-over: a blank screen between teams so no one sees another's orders."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

import game.safe_text as safe
from game.tui.access import session_of


class HandoverScreen(Screen[bool]):
    """Hides everything until the next team is at the keyboard. Until that team starts, the
    team that has just given its orders (``previous``) may go back and change them: the
    screen is dismissed with True when the next team is ready, False to go back."""

    DEFAULT_CSS = """
    HandoverScreen { align: center middle; }
    HandoverScreen Vertical { width: 60; height: auto; border: heavy $accent; padding: 1 2; }
    HandoverScreen Static { text-align: center; width: 100%; }
    """
    BINDINGS = [("enter", "ready", "Ready"), ("escape", "amend", "Change orders")]

    def __init__(self, team: str, previous: str | None = None) -> None:
        super().__init__()
        self.team = team
        self.previous = previous

    def compose(self) -> ComposeResult:
        session = session_of(self)
        names = {a.id: a.name for a in session.scenario.allies}
        name = session.team_name(self.team)
        if name != names[self.team]:  # a group named at New game: its government too
            name = f"{name} ({names[self.team]})"
        previous = None if self.previous is None else session.team_name(self.previous)
        with Vertical():
            yield Static(safe.text(f"Pass the keyboard to the team of\n\n{name}", style="bold"))
            yield Static(Text("\nOther teams' orders stay secret until the turn resolves."))
            if self.previous is not None:
                yield Static(
                    safe.text(
                        f"\n{previous}: Esc goes back to change your orders "
                        "(until the next team starts).",
                        style="grey62",
                    ),
                    id="amend",
                )
            with Center():
                yield Button("Ready (Enter)", id="ready", variant="primary")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc (change orders) only when a team has just given its orders."""
        return action != "amend" or self.previous is not None

    def on_button_pressed(self) -> None:
        self.action_ready()

    def action_ready(self) -> None:
        self.dismiss(True)

    def action_amend(self) -> None:
        self.dismiss(False)
