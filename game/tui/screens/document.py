"""A screen that shows one scrolling text document (help, the scenario list)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static


class DocumentScreen(Screen[None]):
    """Subclasses say what the document is; this shows it, scrolling, above the footer."""

    DEFAULT_CSS = "DocumentScreen VerticalScroll { padding: 0 1; }"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.document())
        yield Footer()

    def document(self) -> Text:
        """The text shown (plain text: scenario content is never read as markup)."""
        raise NotImplementedError
