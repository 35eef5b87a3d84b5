"""The Textual application: screens are pushed on a stack; the session holds the game."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from game.tui import textual_fixes  # noqa: F401 - works around Textual bugs before any widget

if TYPE_CHECKING:  # the engine is imported when a game starts, not before the title screen
    from textual.command import Provider
    from textual.screen import Screen

    from game.session import Session
    from game.tui.screens.dashboard import DashboardScreen


class NoGameError(RuntimeError):
    """The app was asked for its session while no game is in progress."""


def _game_commands() -> type[Provider]:  # a lazy provider keeps start-up light
    from game.tui.commands import GameCommands

    return GameCommands


class ResilienceApp(App[None]):
    """Collective Resilience in the terminal."""

    TITLE = "Collective Resilience"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_game_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("f1", "help", "Help"),
    ]

    def __init__(
        self,
        scenarios_dirs: list[Path] | None = None,
        hints: bool = True,
        saves_dir: Path | None = None,
        session: Session | None = None,
        replay: bool = False,
        ai_policy: str | None = None,
    ) -> None:
        super().__init__()
        self.ai_policy = ai_policy  # `play --ai-policy SPEC`: offered first on the new game screen
        self.scenarios_dirs = scenarios_dirs or []
        self.saves_dir = saves_dir
        self._session: Session | None = None
        self.hints = hints
        self.initial_session = session
        self.replay = replay
        self.crash_report: tuple[Path | None, Path | None] = (None, None)  # report, autosave

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected exception: write the crash report, then let Textual restore the
        terminal and end the app with exit code 1 (see game.tui.crash)."""
        if self.crash_report == (None, None):
            from game.tui.crash import write_crash_report

            self.crash_report = write_crash_report(self, error)
        super()._handle_exception(error)

    @property
    def session(self) -> Session:
        """The game in progress (:class:`NoGameError` if none: see :attr:`playing`)."""
        if self._session is None:
            raise NoGameError("no game in progress")
        return self._session

    @session.setter
    def session(self, session: Session | None) -> None:
        self._session = session

    @property
    def playing(self) -> bool:
        """True while a game is in progress (there is a session)."""
        return self._session is not None

    def get_default_screen(self) -> Screen[None]:
        """The title is the app's first screen (not pushed over Textual's blank default
        screen: laying out and styling one screen instead of two starts the game sooner)."""
        from game.tui.screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        if self.no_color:  # focus and selection drawn without colour (app.tcss)
            self.add_class("-mono")

        if self.initial_session is not None and self.replay:
            from game.tui.screens.replay import ReplayScreen

            self.session = self.initial_session
            self.push_screen(ReplayScreen(self.initial_session))
        elif self.initial_session is not None:
            self.begin(self.initial_session)

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.session.scenario if self.playing else None))

    def action_new_game(self) -> None:
        from game.tui.screens.new_game import NewGameScreen

        self.push_screen(NewGameScreen(self.scenarios_dirs))

    def action_toggle_hints(self) -> None:
        self.hints = not self.hints
        self.notify("First-game hints on" if self.hints else "First-game hints off")
        refresh = getattr(self.screen, "refresh_view", None)
        if refresh:
            refresh()

    def _dashboard(self) -> DashboardScreen | None:
        from game.tui.screens.dashboard import DashboardScreen

        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                return screen
        return None

    def action_orders(self) -> None:
        dashboard = self._dashboard()
        if dashboard is not None and self.screen is dashboard:
            dashboard.action_orders()

    def action_save(self) -> None:
        dashboard = self._dashboard()
        if dashboard is not None:
            dashboard.action_save()

    def action_charts(self) -> None:
        from game.tui.screens.charts import ChartsScreen

        if self.playing and not isinstance(self.screen, ChartsScreen):
            self.push_screen(ChartsScreen())

    def action_why(self) -> None:
        from game.tui.screens.why import WhyScreen

        if self.playing and not isinstance(self.screen, WhyScreen):
            self.push_screen(WhyScreen())

    def begin(self, session: Session) -> None:
        """Start playing a session: the dashboard replaces every screen above the base."""
        from game.tui.screens.dashboard import DashboardScreen

        self.session = session
        self._show_base(DashboardScreen())

    def go_title(self) -> None:
        """Back to the title screen (the game in progress is left)."""
        from game.tui.screens.title import TitleScreen

        self._show_base(TitleScreen())

    def _show_base(self, screen: Screen[None]) -> None:
        """Make ``screen`` the only screen above the first one (the title, see
        :meth:`get_default_screen`): every screen above the base is popped, then the base
        replaced (pushed if only the first screen is left)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:  # switch_screen would pop the default screen, which has no result callback
            self.push_screen(screen)
