"""The Textual application: screens are pushed on a stack; the session holds the game."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from game.session import Session


class ResilienceApp(App[None]):
    """Collective Resilience in the terminal."""

    TITLE = "Collective Resilience"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help"),
    ]

    def __init__(self, scenarios_dirs: list[Path] | None = None) -> None:
        super().__init__()
        self.scenarios_dirs = scenarios_dirs or []
        self.session: Session | None = None

    def on_mount(self) -> None:
        from game.tui.screens.title import TitleScreen

        self.push_screen(TitleScreen())

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.session.scenario if self.session else None))

    def begin(self, session: Session) -> None:
        """Start playing a session: the dashboard replaces every screen above the base."""
        from game.tui.screens.dashboard import DashboardScreen

        self.session = session
        self._unwind()
        self.switch_screen(DashboardScreen())

    def go_title(self) -> None:
        """Back to the title screen (the game in progress is left)."""
        from game.tui.screens.title import TitleScreen

        self._unwind()
        self.switch_screen(TitleScreen())

    def _unwind(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
