"""Charts: any figure over the turns, per ally side by side, or China's and the coalition's."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

import game.safe_text as safe
from game.session import Session
from game.tui.abbrev import abbreviate
from game.tui.access import session_of
from game.tui.figures import figures, subject_name
from game.tui.numbers import num
from game.tui.widgets.chart import bar_chart, sparkline


class ChartsScreen(Screen[None]):
    """Pick a figure on the left; its history is drawn on the right."""

    DEFAULT_CSS = """
    ChartsScreen #figure-list { width: 34; height: 1fr; }
    ChartsScreen #chart-box { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="figure-list")
            with VerticalScroll(id="chart-box"):
                yield Static(id="chart")
        yield Footer()

    @property
    def session(self) -> Session:
        return session_of(self)

    def on_mount(self) -> None:
        s = self.session.scenario
        seen: list[str] = []
        options = []
        for f in figures(s):
            key = f.var if f.subject not in ("china", "coalition") else f"{f.subject}:{f.var}"
            if key in seen:
                continue
            seen.append(key)
            prefix = {"china": "China: ", "coalition": "Coalition: "}.get(f.subject, "Allies: ")
            options.append(Option(safe.text(prefix + f.label), id=key))
        figure_list = self.query_one("#figure-list", OptionList)
        figure_list.add_options(options)
        figure_list.highlighted = 0
        figure_list.focus()

    @on(OptionList.OptionHighlighted, "#figure-list")
    def draw(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id or ""
        s = self.session
        states = s.states()
        chart = self.query_one("#chart", Static)
        turns = f"{s.scenario.turn_label}s 0..{len(states) - 1} (0: the start)"
        if ":" in key:
            subject, var = key.split(":", 1)
            f = next(f for f in figures(s.scenario) if f.subject == subject and f.var == var)
            values = [f.read(st) for st in states]
            text = safe.text(f"{subject_name(s.scenario, subject)}: {f.label}\n", style="bold")
            text.append(safe.clean(f"{turns}\n\n"))
            text.append_text(bar_chart(values))
            chart.update(text)
            return
        rows = [
            f
            for f in figures(s.scenario)
            if f.var == key and f.subject not in ("china", "coalition")
        ]
        text = safe.text(f"Allies: {rows[0].label}\n", style="bold")
        text.append(safe.clean(f"{turns}; every ally on the same scale\n\n"))
        series = [[f.read(st) for st in states] for f in rows]
        low = min(min(v) for v in series)
        high = max(max(v) for v in series)
        for f, values in zip(rows, series, strict=True):
            name = subject_name(s.scenario, f.subject)
            text.append(safe.clean(f"{abbreviate(name, 16):16s} "))
            text.append(sparkline(values, low, high), style="cyan")
            text.append(f"  {num(values[0], 1)} → {num(values[-1], 1)}\n")
        text.append(f"\nscale {num(low, 1)} (▁) to {num(high, 1)} (█)\n", style="grey62")
        chart.update(text)
