"""The title screen: new game, scenarios, how to play, quit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

import game.safe_text as safe
from game.tui.access import app_of

TAGLINE = (
    "A wargame of economic security. Govern allied democracies against a China that\n"
    "turns trade, tourism, critical inputs and networks into leverage. Decoupling is\n"
    "too costly; controls leak unless applied together; no one blunts coercion alone."
)
KEYS = "n new game · l load · F1 help · ctrl+p commands · q quit"
SOURCE = (
    "After “Forget decoupling: ‘collective resilience’ is the strategy to address\n"
    "China’s challenge”, by Eric Sayers and Brad Glosserman (PacNet)."
)


class TitleScreen(Screen[None]):
    """The first screen."""

    DEFAULT_CSS = """
    TitleScreen { align: center middle; }
    TitleScreen #title-box { width: 84; height: auto; max-width: 100%; }
    TitleScreen #name { text-style: bold; color: $accent; text-align: center; width: 100%; }
    TitleScreen #tagline { text-align: center; width: 100%; margin: 1 0; }
    TitleScreen #source { text-align: center; width: 100%; color: $text-muted; }
    TitleScreen #keys { text-align: center; width: 100%; color: $accent; margin-top: 1; }
    TitleScreen #menu { width: 32; height: auto; margin: 1 0; }
    """
    BINDINGS = [("q", "app.quit", "Quit"), ("n", "new_game", "New game"), ("l", "load", "Load")]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(Text("C O L L E C T I V E   R E S I L I E N C E"), id="name")
            yield Static(safe.text(TAGLINE), id="tagline")
            with Center():
                yield OptionList(
                    Option("New game", id="new"),
                    Option("Load game", id="load"),
                    Option("Scenarios", id="scenarios"),
                    Option("How to play", id="help"),
                    Option("Quit", id="quit"),
                    id="menu",
                )
            yield Static(safe.text(SOURCE), id="source")
            yield Static(safe.text(KEYS), id="keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        if choice == "new":
            self.action_new_game()
        elif choice == "load":
            from game.tui.screens.saves import LoadScreen

            self.app.push_screen(LoadScreen())
        elif choice == "scenarios":
            from game.tui.screens.scenarios import ScenariosScreen

            self.app.push_screen(ScenariosScreen())
        elif choice == "help":
            app_of(self).action_help()
        elif choice == "quit":
            self.app.exit()

    def action_load(self) -> None:
        from game.tui.screens.saves import LoadScreen

        self.app.push_screen(LoadScreen())

    def action_new_game(self) -> None:
        from game.tui.screens.new_game import NewGameScreen

        self.app.push_screen(NewGameScreen(getattr(self.app, "scenarios_dirs", [])))
