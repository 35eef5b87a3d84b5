"""A small modal form: a title, a few labelled one-line fields, Enter to confirm and Esc to
cancel. The facilitator's console asks for passphrases, reasons, figures and injects with it;
teams write their notes with it. ``check`` may refuse the values with a message shown in the
form (the form stays open)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from attrs import frozen
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from game.safe_text import text


@frozen
class Field:
    """One field: its label, starting value, placeholder, and whether it is a password."""

    label: str
    value: str = ""
    placeholder: str = ""
    password: bool = False


class FormScreen(ModalScreen[list[str] | None]):
    """Ask for a few values; dismiss with them (or None on Esc)."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical { width: 76; max-width: 100%; height: auto; border: heavy $accent;
        padding: 0 1; }
    FormScreen .form-label { color: $text-muted; }
    FormScreen #form-problem { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        check: Callable[[list[str]], str | None] | None = None,
        help_text: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.check = check
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            if self.help_text:
                yield Static(text(self.help_text), classes="form-label")
            for i, f in enumerate(self.fields):
                yield Static(text(f.label), classes="form-label")
                yield Input(
                    value=f.value, placeholder=f.placeholder, password=f.password, id=f"field-{i}"
                )
            yield Static(id="form-problem")
            yield Static(Text("Enter: next field / confirm · Esc: cancel", style="grey62"))

    def values(self) -> list[str]:
        """The fields' values, in order."""
        return [self.query_one(f"#field-{i}", Input).value for i in range(len(self.fields))]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        index = int((event.input.id or "field-0").split("-")[1])
        if index + 1 < len(self.fields):
            self.query_one(f"#field-{index + 1}", Input).focus()
            return
        values = self.values()
        problem = self.check(values) if self.check else None
        if problem:
            self.query_one("#form-problem", Static).update(text(problem))
            for i, f in enumerate(self.fields):
                if f.password:  # a refused passphrase is typed again, not edited
                    self.query_one(f"#field-{i}", Input).value = ""
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
