"""Replay: watch a saved game turn by turn, forward and back, as it was; branch from any turn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

import game.safe_text as safe
from game.engine import GameError
from game.session import Session
from game.tui.access import app_of
from game.tui.widgets.allies import AlliesTable
from game.tui.widgets.china import ChinaPanel
from game.tui.widgets.debrief import DebriefPanel
from game.tui.widgets.exposure import ExposureMap
from game.tui.widgets.news import NewsLog


class ReplayScreen(Screen[None]):
    """The dashboard of any past turn; the resolution and charts as they were."""

    DEFAULT_CSS = """
    ReplayScreen #replay-status { height: 1; padding: 0 1; background: $secondary 30%; }
    ReplayScreen #left { width: 1fr; height: auto; }
    ReplayScreen #allies { height: auto; max-height: 10; }
    ReplayScreen #china-box { width: 30; height: auto; }
    ReplayScreen #top { height: auto; }
    """
    BINDINGS = [
        Binding("left,p", "back", "Back a turn"),
        Binding("right,n", "forward", "Forward"),
        Binding("r", "resolution", "Resolution"),
        Binding("c", "charts", "Charts"),
        Binding("b", "branch", "Branch here"),
        Binding("i", "toggle_exposure", "Exports/imports", show=False),
        Binding("escape,q", "leave", "Leave"),
    ]

    def __init__(self, session: Session, debrief: bool = False) -> None:
        super().__init__()
        self.full = session
        self.debrief = debrief  # opened from the end screen: leaving goes back to it
        self.turns = len(session.history) - 1
        self.at = 0

    def compose(self) -> ComposeResult:
        yield Static(id="replay-status")
        with VerticalScroll():
            yield DebriefPanel(id="debrief", classes="panel")
            with Horizontal(id="top"):
                with Vertical(id="left"):
                    yield AlliesTable(id="allies")
                    yield ExposureMap(id="exposure-box")
                with Vertical(id="china-box", classes="panel"):
                    yield ChinaPanel(id="china")
            yield NewsLog(id="news-box", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        view = self.full.view(self.at)
        s = view.scenario
        where = "the start" if self.at == 0 else f"after {s.turn_label} {self.at}"
        status = f"Replay · {where} ({self.at} of {self.turns}) · ←/→ step · b branches from here"
        if self.debrief:
            status = f"Debrief · {where} ({self.at} of {self.turns}) · ←/→ step · Esc: the result"
        if view.state.over and view.state.outcome is not None:
            status += f" · game over: {view.state.outcome.tier} ({view.state.outcome.score:.0f})"
        self.query_one("#replay-status", Static).update(safe.text(status))
        self.query_one(AlliesTable).show(view)
        self.query_one(ExposureMap).show(view)
        self.query_one(ChinaPanel).show(view)
        self.query_one(NewsLog).show(view)
        self.query_one(DebriefPanel).show(self.full, self.at)

    def action_toggle_exposure(self) -> None:
        """Switch the heat map between export exposure and import dependence."""
        self.query_one(ExposureMap).toggle(self.full.view(self.at))

    def action_back(self) -> None:
        if self.at > 0:
            self.at -= 1
            self.show()

    def action_forward(self) -> None:
        if self.at < self.turns:
            self.at += 1
            self.show()

    def action_resolution(self) -> None:
        from game.tui.screens.resolution import ResolutionScreen

        if self.at == 0:
            self.notify("The start has no resolution: step forward a turn.")
            return
        app_of(self).session = self.full.view(self.at)
        self.app.push_screen(ResolutionScreen(self.full.history[self.at]), self._restore)

    def action_charts(self) -> None:
        from game.tui.screens.charts import ChartsScreen

        app_of(self).session = self.full.view(self.at)
        self.app.push_screen(ChartsScreen(), self._restore)

    def _restore(self, _: object = None) -> None:
        app_of(self).session = self.full

    def action_branch(self) -> None:
        branch = self.full.branch(self.at)
        if branch.state.over:
            self.notify("The game is over at this point: step back to branch.", severity="warning")
            return
        path = None
        if branch.log is not None:
            try:
                path = branch.save(f"{branch.scenario.id}-branch-from-turn-{self.at}")
            except (GameError, OSError) as exc:  # an unwritable saves folder: play on, unsaved
                self.notify(
                    safe.clean(f"Branch not saved: {exc}"), severity="warning", markup=False
                )
        app_of(self).begin(branch)
        where = f"; saved as {path}" if path else ""
        self.app.notify(safe.clean(f"A new game from {self.at} turns in{where}."), markup=False)

    def action_leave(self) -> None:
        if self.debrief:
            self.dismiss()
        else:
            app_of(self).go_title()
