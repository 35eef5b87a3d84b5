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
from game.report.charts import nice_ticks, tick_label
from game.session import Session
from game.tui.abbrev import abbreviate
from game.tui.access import session_of
from game.tui.figures import figures, subject_name
from game.tui.numbers import num
from game.tui.widgets.chart import bar_chart, sparkline
from game.tui.widgets.line_chart import line_chart

WIDE = 120  # columns from which charts are drawn with axes, filling the room they have
LIST_WIDTH = {False: 34, True: 44}  # the figure list's width, narrow and wide (CSS)


class ChartsScreen(Screen[None]):
    """Pick a figure on the left; its history is drawn on the right."""

    DEFAULT_CSS = """
    ChartsScreen #figure-list { width: 34; height: 1fr; }
    ChartsScreen.-wide #figure-list { width: 44; }  /* LIST_WIDTH */
    ChartsScreen #chart-box { height: 1fr; padding: 0 1; }
    """
    key = ""  # the figure drawn
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

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        if self.key:
            self.call_after_refresh(self.show, self.key)

    @on(OptionList.OptionHighlighted, "#figure-list")
    def draw(self, event: OptionList.OptionHighlighted) -> None:
        self.show(event.option.id or "")

    def show(self, key: str) -> None:
        """Draw the figure ``key``: a chart with axes where there is room for one (from
        120 columns), else a compact one (a column chart, or a line of blocks per ally)."""
        self.key = key
        s = self.session
        states = s.states()
        chart = self.query_one("#chart", Static)
        full = self.size.width >= WIDE
        # the room beside the figure list (CSS above), worked out from the screen's size so
        # that a resize draws at once to the new size; a scrollbar is never needed
        width = self.size.width - LIST_WIDTH[full] - 4
        height = self.size.height - 1 - 4  # the footer, the title lines
        turns = f"{s.scenario.turn_label}s 0..{len(states) - 1} (0: the start)"
        if ":" in key:
            subject, var = key.split(":", 1)
            f = next(f for f in figures(s.scenario) if f.subject == subject and f.var == var)
            values = [f.read(st) for st in states]
            text = safe.text(f"{subject_name(s.scenario, subject)}: {f.label}\n", style="bold")
            if full:
                text.append("\n")
                label = s.scenario.turn_label
                text.append_text(line_chart([(f.label, values)], width, height, label))
            else:
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
        series = [[f.read(st) for st in states] for f in rows]
        if full:
            text.append("every ally on the same scale\n\n", style="grey62")
            named = [
                (subject_name(s.scenario, f.subject), v) for f, v in zip(rows, series, strict=True)
            ]
            text.append_text(line_chart(named, width, height, s.scenario.turn_label))
            chart.update(text)
            return
        text.append(safe.clean(f"{turns}; every ally on the same scale\n\n"))
        ticks = nice_ticks(min(min(v) for v in series), max(max(v) for v in series))
        low, high = ticks[0], ticks[-1]  # a round scale: 30 to 80, not 34.8 to 70.3
        for f, values in zip(rows, series, strict=True):
            name = subject_name(s.scenario, f.subject)
            text.append(safe.clean(f"{abbreviate(name, 16):16s} "))
            text.append(sparkline(values, low, high), style="cyan")
            text.append(f"  {num(values[0], 1)} → {num(values[-1], 1)}\n")
        scale = f"\nscale {tick_label(low, ticks)} (▁) to {tick_label(high, ticks)} (█)\n"
        text.append(scale, style="grey62")
        chart.update(text)
