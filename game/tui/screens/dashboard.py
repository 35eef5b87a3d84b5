"""The main dashboard: allies, exposure heat map, China and its signals, the news."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

import game.safe_text as safe
from game.engine import GameError, Order
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
from game.tui.widgets.score_chart import WIDE as CHART_WIDE
from game.tui.widgets.score_chart import ScoreChart

WIDE = 150  # columns from which the chart sits beside the news
SIDE_BY_SIDE = 185  # columns from which the allies and the heat map sit side by side (below
# that, the allies' figures named in full would not fit beside the heat map)


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
    /* very wide terminals: allies and the heat map side by side (set on resize) */
    DashboardScreen.-side-by-side #left { layout: horizontal; }
    DashboardScreen.-side-by-side #allies-group { width: 1fr; padding-right: 2; }
    DashboardScreen.-side-by-side #exposure-group { width: 1fr; }
    DashboardScreen #news-box { height: auto; }
    DashboardScreen #trend { height: auto; }
    DashboardScreen #bottom { height: auto; layout: vertical; }
    DashboardScreen.-wide #bottom { layout: horizontal; }
    DashboardScreen.-wide #news-box, DashboardScreen.-wide #trend { width: 1fr; }
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
    last_done: tuple[int, str] = (0, "")  # (turn, team): the last team to give its orders

    def __init__(self) -> None:
        super().__init__()
        # orders chosen but not yet given, per (turn, team): kept when a team looks away
        self.drafts: dict[tuple[int, str], tuple[Order, ...]] = {}

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
            with Horizontal(id="bottom"):  # the chart beside the news from 150 columns
                yield NewsLog(id="news-box", classes="panel")
                yield ScoreChart(id="trend", classes="panel")  # from 120 columns
        yield Footer()

    @property
    def session(self) -> Session:
        return session_of(self)

    def on_mount(self) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        self.set_class(self.size.width >= SIDE_BY_SIDE, "-side-by-side")
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
        trend = self.query_one(ScoreChart)
        trend.display = self.size.width >= CHART_WIDE
        if trend.display:  # beside the news from 150 columns, under it from 120
            wide = self.size.width >= WIDE
            width = (self.size.width // 2 if wide else self.size.width) - 6
            trend.show(s, width, max(12, min(22, self.size.height - 38)))

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
        if not waiting and s.seminar is not None:
            self.choose_team_to_amend()
            return
        if not waiting:
            self.resolve_or_wait()
            return
        self.open_orders(waiting[0])

    def choose_team_to_amend(self) -> None:
        """All orders are in and the facilitator resolves the turn: until then a team may
        change its orders (o, then the team)."""
        from game.tui.screens.orders import TargetScreen

        s = self.session
        names = {a.id: a.name for a in s.scenario.allies}
        for a in s.humans:  # the group's name first, as the handover screen calls it
            if s.team_name(a) != names[a]:
                names[a] = f"{s.team_name(a)} ({names[a]})"
        question = (
            "All orders are in: the facilitator resolves the turn (f). Until then a team may "
            "change its orders. Which team? (Esc: none)"
        )

        def chosen(team: str | None) -> None:
            if team is not None:
                self.open_orders(team, handover=False)  # the team asked: it is at the keyboard

        choices: list[tuple[str, str, str, str | None]] = [
            (a, names[a], "", None) for a in s.humans
        ]
        self.app.push_screen(TargetScreen(question, choices), chosen)

    def open_orders(self, team: str, handover: bool = True) -> None:
        """The orders screen of ``team``; in pass-and-play behind a hand-over screen, from
        which the team that has just given its orders may go back and change them."""
        from game.tui.screens.orders import OrdersScreen

        s = self.session

        def proceed() -> None:
            if not s.waiting_for():
                self.resolve_or_wait()
            else:
                self.refresh_view()
                self.call_after_refresh(self.action_orders)

        def after_orders(done: bool | None) -> None:
            if done:
                self.last_done = (s.state.turn, team)
            if done and s.seminar is not None:  # the team notes why, for the debrief
                from game.tui.screens.facilitator_access import ask_team_note

                ask_team_note(self, team, proceed)
            elif done:
                proceed()

        orders = OrdersScreen(team, self.drafts)
        if len(s.humans) > 1 and handover:
            from game.tui.screens.handover import HandoverScreen

            turn, last = self.last_done
            previous = last if turn == s.state.turn and last in s.pending else None

            def after_handover(ready: bool | None) -> None:
                if ready is False and previous is not None:
                    self.open_orders(previous, handover=False)  # still at the keyboard
                else:
                    self.app.push_screen(orders, after_orders)

            self.app.push_screen(HandoverScreen(team, previous), after_handover)
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
        self.drafts.clear()  # a new turn: last turn's unfinished choices are gone
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
