"""The main dashboard: allies, exposure heat map, China and its signals, the news."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

import game.safe_text as safe
from game.engine import GameError
from game.session import Session, TurnRecord
from game.tui.access import app_of, session_of
from game.tui.counters import counters
from game.tui.fitting import fit
from game.tui.standing import objectives, score_line
from game.tui.widgets.allies import AlliesTable
from game.tui.widgets.china import ChinaPanel
from game.tui.widgets.clock_bar import ClockBar
from game.tui.widgets.exposure import ExposureMap
from game.tui.widgets.news import NewsLog

WIDE = 150  # columns from which the allies and the heat map sit side by side


def hint_for(session: Session) -> str:
    """A first-game tip for where the game stands (t hides tips)."""
    state = session.state
    if state.turn == 1:
        return (
            "Tip: o gives orders. Joint moves (J) are proposed now and joined next quarter; "
            "read China's signals on the right. t hides tips."
        )
    if any(p.turn < state.turn for p in state.proposals):
        return "Tip: there are invitations to join: they appear first in your orders."
    signal = next((sig for sig in state.signals if sig.ally in session.humans), None)
    if signal is not None:
        s = session.scenario
        tool = next(t for t in s.tools if t.id == signal.tool)
        target = next(a.name for a in s.allies if a.id == signal.ally)
        blunt = counters(s, tool)[:3]
        tip = f"Tip: China is likely to use {tool.name} against {target} this {s.turn_label}"
        if not blunt:
            return tip + "; nothing in your orders blunts it."
        return tip + f": {' or '.join(blunt)} would blunt it."
    return "Tip: c charts any figure; w explains why a figure moved. t hides tips."


class DashboardScreen(Screen[None]):
    """Where a turn starts: read the briefing, then give orders."""

    DEFAULT_CSS = """
    DashboardScreen #status { height: auto; padding: 0 1; background: $primary 20%; }
    DashboardScreen #objective { height: auto; padding: 0 1; }
    DashboardScreen #hint { height: auto; padding: 0 1; color: $warning; }
    DashboardScreen #top { height: auto; }
    DashboardScreen #left { width: 2fr; height: auto; }
    DashboardScreen #allies { height: auto; max-height: 10; }
    DashboardScreen #exposure-box { height: auto; }
    DashboardScreen #china-box { width: 1fr; min-width: 28; max-width: 64; height: auto; }
    DashboardScreen #allies-group, DashboardScreen #exposure-group { height: auto; }
    /* wide terminals: allies and the heat map side by side (the class is set on resize) */
    DashboardScreen.-wide #left { layout: horizontal; }
    DashboardScreen.-wide #allies-group { width: 1fr; padding-right: 2; }
    DashboardScreen.-wide #exposure-group { width: 1fr; }
    DashboardScreen #news-box { height: auto; }
    """
    BINDINGS = [
        Binding("o", "orders", "Orders"),
        Binding("enter", "orders", "Orders", show=False),
        Binding("s", "save", "Save"),
        Binding("g", "standing", "Standing"),
        Binding("c", "app.charts", "Charts"),
        Binding("w", "app.why", "Why?"),
        Binding("t", "app.toggle_hints", "Tips", show=False),
        Binding("i", "toggle_exposure", "Exports/imports", show=False),
        Binding("h", "app.help", "Help", show=False),
        Binding("f", "facilitator", "Facilitator"),
        Binding("q", "quit_game", "Title"),
    ]

    resolving = False

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield ClockBar()
        yield Static(id="objective")
        yield Static(id="hint")
        with VerticalScroll():
            with Horizontal(id="top"):
                with Vertical(id="left"):
                    with Vertical(id="allies-group"):
                        yield Static(
                            Text("Allies  ★ human team · ⚠ coerced · ✘ accommodated"),
                            classes="panel-title",
                        )
                        yield AlliesTable(id="allies")
                    with Vertical(id="exposure-group"):
                        yield ExposureMap(id="exposure-box")  # its title says what it shows
                with Vertical(id="china-box", classes="panel"):
                    yield Static(Text("China"), classes="panel-title")
                    yield ChinaPanel(id="china")
            yield NewsLog(id="news-box", classes="panel")
        yield Footer()

    @property
    def session(self) -> Session:
        return session_of(self)

    def on_mount(self) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        self.refresh_view()

    def on_screen_resume(self) -> None:
        if not self.resolving:  # a turn being resolved is shown by its own screen first
            self.refresh_view()

    def refresh_view(self) -> None:
        """Show the session's current state."""
        s = self.session
        state = s.state
        waiting = s.waiting_for()
        status = [
            f"{s.scenario.turn_label.capitalize()} {state.turn}/{s.scenario.turns}",
            score_line(s),
            f"cohesion {state.coalition.cohesion:.0f}",
        ]
        if state.over:
            status.append("game over: o for the result")
        elif len(s.humans) > 1 and waiting:
            status.append(f"orders due: {', '.join(s.team_name(a) for a in waiting)}")
        elif not waiting and s.seminar is not None:
            status.append("all orders in: the facilitator resolves the turn (f)")
        elif not waiting:
            status.append("o resolves the turn")
        width = max(20, self.size.width - 2)
        self.query_one("#status", Static).update(safe.text(fit(status, width)))
        goals = [safe.text(o.line() if len(s.humans) > 1 else o.short()) for o in objectives(s)]
        self.query_one("#objective", Static).update(Text("\n").join(goals))
        hint = self.query_one("#hint", Static)
        hint.display = bool(getattr(self.app, "hints", False)) and not state.over
        hint.update(safe.text(hint_for(s)))
        self.query_one(AlliesTable).show(s)
        self.query_one(ExposureMap).show(s)
        self.query_one(ChinaPanel).show(s)
        self.query_one(NewsLog).show(s)

    def action_toggle_exposure(self) -> None:
        """Switch the heat map between export exposure and import dependence."""
        self.query_one(ExposureMap).toggle(self.session)

    def action_orders(self) -> None:
        s = self.session
        if s.state.over:
            from game.tui.screens.end import EndScreen

            self.app.push_screen(EndScreen())
            return
        waiting = s.waiting_for()
        if not waiting:
            self.resolve_or_wait()
            return
        team = waiting[0]
        from game.tui.screens.orders import OrdersScreen

        def proceed() -> None:
            if not s.waiting_for():
                self.resolve_or_wait()
            else:
                self.refresh_view()
                self.call_after_refresh(self.action_orders)

        def after_orders(done: bool | None) -> None:
            if done and s.seminar is not None:  # the team notes why, for the debrief
                from game.tui.screens.facilitator_access import ask_team_note

                ask_team_note(self, team, proceed)
            elif done:
                proceed()

        orders = OrdersScreen(team)
        if len(s.humans) > 1:
            from game.tui.screens.handover import HandoverScreen

            def after_handover(_: None) -> None:
                self.app.push_screen(orders, after_orders)

            self.app.push_screen(HandoverScreen(team), after_handover)
        else:
            self.app.push_screen(orders, after_orders)

    def resolve_or_wait(self) -> None:
        """Resolve the turn, or, with a facilitator, leave it to the console."""
        if self.session.seminar is None:
            self.resolve()
        else:
            self.refresh_view()
            self.notify(
                "All orders are in: the facilitator resolves the turn from the console (f)."
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The facilitator's key shows only in a game with a facilitator."""
        if action == "facilitator":
            return app_of(self).playing and self.session.seminar is not None
        return True

    def action_facilitator(self) -> None:
        from game.tui.screens.facilitator_access import open_console

        open_console(self)

    def resolve(self) -> None:
        """Resolve the turn in a worker thread, so no key press waits on the engine."""
        if self.resolving:
            return
        self.resolving = True
        self.run_worker(self._resolve_in_thread, thread=True, exclusive=True, group="resolve")

    def _resolve_in_thread(self) -> None:
        record = self.session.resolve()
        problem = None
        if not self.session.state.over:
            try:
                self.session.autosave()  # at the start of every turn
            except (GameError, OSError) as exc:
                problem = f"autosave failed: {exc}"
        self.app.call_from_thread(self._show_resolution, record, problem)

    def _show_resolution(self, record: TurnRecord, problem: str | None = None) -> None:
        from game.tui.screens.resolution import ResolutionScreen

        self.resolving = False
        if problem:
            self.notify(safe.clean(problem), severity="warning", markup=False)
        # The dashboard refreshes when it is shown again (on_screen_resume), not behind this.
        self.app.push_screen(ResolutionScreen(record))

    def action_standing(self) -> None:
        from game.tui.screens.standing import StandingScreen

        self.app.push_screen(StandingScreen())

    def action_save(self) -> None:
        from game.tui.screens.saves import SaveScreen

        s = self.session
        if s.log is None:
            self.notify("This game cannot be saved.", severity="warning")
            return

        def chosen(name: str | None) -> None:
            if not name:
                return
            try:
                path = s.save(name)
            except (GameError, OSError) as exc:
                self.notify(safe.clean(exc), title="Not saved", severity="error", markup=False)
                return
            self.notify(safe.clean(f"Saved to {path}"), markup=False)

        suggestion = f"{s.scenario.id}-{s.scenario.turn_label}-{s.state.turn}"
        self.app.push_screen(SaveScreen(suggestion), chosen)

    def action_quit_game(self) -> None:
        app_of(self).go_title()
