"""Resolution: the turn revealed step by step, each move graded, China's choices explained."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

import game.safe_text as safe
from game.engine import RAW_RULE
from game.session import TurnRecord
from game.tui.access import session_of
from game.tui.widgets.news import event_line

STEPS = (
    ("Allied moves", ("moves",)),
    ("China responds", ("china",)),
    ("The world moves", ("world", "politics")),
    ("What comes next", ("briefing", "end")),
)
ROUTINE = {"tech", "firms", "politics", "economy", "china", "cohesion", "delayed"}


class ResolutionScreen(Screen[None]):
    """Space reveals the next step, a reveals all, v shows routine updates, Enter continues."""

    DEFAULT_CSS = """
    ResolutionScreen #heading { height: auto; padding: 0 1; background: $primary 20%; }
    ResolutionScreen #steps { padding: 0 1; }
    """
    BINDINGS = [
        Binding("space", "next", "Next step"),
        Binding("a", "all", "Show all"),
        Binding("v", "verbose", "Routine updates"),
        Binding("r", "raw", "Rules as written"),
        Binding("w", "app.why", "Why?"),
        Binding("enter", "continue", "Continue"),
    ]

    def __init__(self, record: TurnRecord) -> None:
        super().__init__()
        self.record = record
        self.shown = 1
        self.verbose = False
        self.raw = False  # China's rules as written, beside the sentences

    def compose(self) -> ComposeResult:
        yield Static(id="heading")
        with VerticalScroll(id="steps"):
            yield Static(id="body")
        yield Footer()

    def on_mount(self) -> None:
        self.render_steps()

    def render_steps(self) -> None:
        scenario = session_of(self).scenario
        self.query_one("#heading", Static).update(
            safe.text(
                f"Resolution of {scenario.turn_label} {self.record.turn} · step "
                f"{self.shown} of {len(STEPS)} · space: next · a: all · Enter: continue"
            )
        )
        parts: list[RenderableType] = []
        for number, (title, phases) in enumerate(STEPS[: self.shown], 1):
            parts.append(safe.text(f"{number}. {title}", style="bold underline"))
            events = [e for e in self.record.events if e.phase in phases]
            shown = 0
            for e in events:
                if e.kind in ROUTINE and not self.verbose:
                    continue
                shown += 1
                # wrapped lines keep their indent: an event under its step, its details under it
                parts.append(Padding(event_line(e), (0, 0, 0, 2)))
                for line in e.details:
                    if line.startswith(RAW_RULE) and not self.raw:
                        continue
                    parts.append(Padding(safe.text(line, style="grey62"), (0, 0, 0, 6)))
            if not shown:
                parts.append(Text("  (nothing of note; v shows routine updates)", style="grey50"))
            parts.append(Text(""))
        self.query_one("#body", Static).update(Group(*parts))

    def action_next(self) -> None:
        if self.shown < len(STEPS):
            self.shown += 1
            self.render_steps()
            self.query_one("#steps", VerticalScroll).scroll_end(animate=False)

    def action_all(self) -> None:
        self.shown = len(STEPS)
        self.render_steps()

    def action_raw(self) -> None:
        self.raw = not self.raw
        self.render_steps()

    def action_verbose(self) -> None:
        self.verbose = not self.verbose
        self.render_steps()

    def action_continue(self) -> None:
        if self.shown < len(STEPS):
            self.action_next()
            return
        session = session_of(self)
        self.dismiss(None)
        if session.state.over:
            from game.tui.screens.end import EndScreen

            self.app.push_screen(EndScreen())
