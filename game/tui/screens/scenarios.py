"""The scenarios the game can find, with their briefings; invalid ones with their error."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from game.engine import ScenarioError
from game.scenarios import discover, load
from game.tui.screens.document import DocumentScreen


class ScenariosScreen(DocumentScreen):
    """A list of every scenario found: shipped, per-user and --scenarios-dir."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def document(self) -> Text:
        text = Text()
        for found in discover(getattr(self.app, "scenarios_dirs", [])):
            try:
                s = load(found.path)
            except ScenarioError as exc:
                text.append(f"{found.name} ({found.origin}): INVALID\n", style="bold red")
                text.append(f"  {exc.problems[0].format(exc.file)}\n\n")
                continue
            text.append(f"{s.title}", style="bold")
            text.append(f"  {found.name}, {found.origin}: {s.turns} {s.turn_label}s, ")
            text.append(f"{len(s.allies)} allies\n")
            text.append(f"{s.briefing}\n\n")
        return text
