"""The scenarios the game can find, with their briefings; invalid ones with their error."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

import game.safe_text as safe
from game.engine import ScenarioError
from game.scenarios import discover, load, origin_label
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
                text.append(
                    safe.clean(f"{found.name} ({origin_label(found)}): INVALID\n"), style="bold red"
                )
                text.append(safe.clean(f"  {exc.problems[0].format(exc.file)}\n\n"))
                continue
            text.append(safe.clean(f"{s.title}"), style="bold")
            text.append(
                safe.clean(f"  {found.name}, {origin_label(found)}: {s.turns} {s.turn_label}s, ")
            )
            text.append(safe.clean(f"{len(s.allies)} allies\n"))
            text.append(safe.clean(f"{s.briefing}\n\n"))
        return text
