"""The "why" inspector: every cause that moved a figure, this turn and over the game."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

import game.safe_text as safe
from game.engine import possessive
from game.session import Session
from game.tui.access import session_of
from game.tui.figures import figures, subject_name
from game.tui.numbers import num

CAUSE_KIND = {
    "move": "move",
    "rule": "China's rule",
    "event": "event",
    "world": "the model",
    "facilitator": "facilitator",
}


class WhyScreen(Screen[None]):
    """Pick a figure: see each event that changed it, by turn, with before and after."""

    DEFAULT_CSS = """
    WhyScreen #why-list { width: 36; height: 1fr; }
    WhyScreen #why-box { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, subject: str | None = None) -> None:
        super().__init__()
        self.start_subject = subject

    @property
    def session(self) -> Session:
        return session_of(self)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="why-list")
            with VerticalScroll(id="why-box"):
                yield Static(id="why")
        yield Footer()

    def on_mount(self) -> None:
        s = self.session.scenario
        options: list[Option | None] = []
        current = None
        start = 0
        for f in figures(s):
            if f.subject != current:
                current = f.subject
                options.append(
                    Option(safe.text(subject_name(s, f.subject), style="bold"), disabled=True)
                )
                if f.subject == self.start_subject:
                    start = len(options)
            options.append(Option(safe.text("  " + f.label), id=f"{f.subject}|{f.var}"))
        why_list = self.query_one("#why-list", OptionList)
        why_list.add_options([o for o in options if o is not None])
        why_list.highlighted = start or 1
        why_list.focus()

    @on(OptionList.OptionHighlighted, "#why-list")
    def explain(self, event: OptionList.OptionHighlighted) -> None:
        ident = event.option.id
        if not ident:
            return
        subject, var = ident.split("|", 1)
        s = self.session
        figure = next(f for f in figures(s.scenario) if f.subject == subject and f.var == var)
        labels = {var} if var != "output" else {"gap", "scar"}
        owner = possessive(subject_name(s.scenario, subject))
        text = safe.text(f"Why did {owner} {figure.label} move?\n", style="bold")
        values = [figure.read(st) for st in s.states()]
        start = values[0]
        if var != "output":
            # the first state is the one shown before turn 1's orders: the opening briefing's
            # news and the facilitator's changes came before it, and are listed below
            early = [
                d.before
                for e in s.history[0].events
                if e.cause_kind == "facilitator" or e.phase == "briefing"
                for d in e.deltas
                if d.subject == subject and d.var == var
            ]
            start = early[0] if early else start
        text.append(f"Start {num(start)}, now {num(values[-1])}.\n")
        if var == "output":
            text.append(
                "Each cause below is its change to output (percent of baseline): this turn's "
                "loss (gap) and lasting damage (scar) lower it.\n",
                style="grey62",
            )
        found = False
        by_turn: dict[int, list[Text]] = {}
        for e in s.all_events():
            for d in e.deltas:
                if d.subject == subject and d.var in labels:
                    kind = CAUSE_KIND.get(e.cause_kind, e.cause_kind)
                    if var == "output":  # a loss raises gap or scar and lowers output
                        line = Text(f"  {num(-d.change, signed=True)} ")
                        line.append(f"({d.var} {num(d.before)} → {num(d.after)}) ", style="grey62")
                    else:
                        line = Text(
                            f"  {num(d.change, signed=True)} ({num(d.before)} → {num(d.after)}) "
                        )
                    line.append_text(safe.text(e.text))
                    line.append(safe.clean(f"  [{kind}: {e.cause}]"), style="grey62")
                    by_turn.setdefault(e.turn, []).append(line)
        for turn in sorted(by_turn, reverse=True):
            found = True
            text.append(
                safe.clean(f"\n{s.scenario.turn_label.capitalize()} {turn}\n"),
                style="bold underline",
            )
            for line in by_turn[turn]:
                text.append_text(line)
                text.append("\n")
        if not found:
            text.append("\nNothing has changed it yet.\n", style="grey62")
        self.query_one("#why", Static).update(text)
