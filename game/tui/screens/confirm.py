"""A yes-or-no question over the current screen (Enter or y: yes; Esc or n: no)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask before something that cannot be taken back; dismissed with the answer."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: heavy $warning; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes"),
        Binding("escape,n", "answer(False)", "No"),
    ]

    def __init__(self, question: Text, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            yield Static(Text(f"\nEnter: {self.yes} · Esc: {self.no}", style="bold"))
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
