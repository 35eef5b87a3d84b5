"""The seminar's clock, shown to every team on the dashboard: the phase and the time left.

One timer per app ticks every second (:func:`start_ticking`): it refreshes every clock bar
and, when the orders phase runs out, fills in the late teams' orders (pass or the AI policy,
as set at New game) so the facilitator can resolve the turn."""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.widgets import Static

from game.safe_text import clean, text
from game.tui.access import app_of


class ClockBar(Static):
    """``⏱ Orders 04:32`` while a phase is timed; hidden otherwise."""

    DEFAULT_CSS = """
    ClockBar { height: 1; padding: 0 1; background: $accent 30%; }
    """

    def on_mount(self) -> None:
        app = app_of(self)
        if app.playing and app.session.seminar is not None:  # no timer in other games
            start_ticking(self.app)
        self.show_clock()

    def show_clock(self) -> None:
        from game.seminar.clock import now

        app = app_of(self)
        seminar = app.session.seminar if app.playing else None
        clock = seminar.clock if seminar is not None else None
        self.display = clock is not None
        if clock is not None:
            left = clock.remaining(now())
            line = Text("⏱ ")
            shown = text(clock.label(now()).removesuffix(" (paused)") + " left")
            if left < 60:  # the last minute
                shown.stylize("bold")
            line.append_text(shown)
            if clock.paused:
                line.append(" · paused by the facilitator")
            self.update(line)


def start_ticking(app: App[None]) -> None:
    """Tick the seminar's clock once a second (once per app)."""
    if getattr(app, "_seminar_ticking", False):
        return
    setattr(app, "_seminar_ticking", True)  # noqa: B010 - one timer per app
    app.set_interval(1.0, lambda: tick(app))


def tick(app: App[None]) -> None:
    """Move the clock on; when the orders' time is up, fill in the late teams' orders."""
    from game.seminar.clock import now

    resilience = app_of(app.screen)
    if not resilience.playing or resilience.session.seminar is None:
        return
    session = resilience.session
    seminar = session.seminar
    assert seminar is not None
    ended = seminar.tick(now())
    if ended == "discussion":
        app.notify("Discussion time is over: give your orders.", timeout=8)
    elif ended == "orders":
        late = session.fill_missing()
        if late:
            one = len(late) == 1
            if seminar.no_orders == "policy":
                how = "plays the AI's orders" if one else "play the AI's orders"
            else:
                how = "passes" if one else "pass"
            names = ", ".join(session.team_name(a) for a in late)
            app.notify(clean(f"Time is up: {names} {how} this turn."), timeout=8, markup=False)
        else:
            app.notify("Time is up for the orders.", timeout=8)
    for screen in app.screen_stack:
        for bar in screen.query(ClockBar):
            bar.show_clock()
        refresh = getattr(screen, "refresh_view" if ended else "refresh_clock", None)
        if refresh is not None:
            refresh()
