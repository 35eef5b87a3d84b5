"""Saving a game under a name, and the list of saves to load one from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

import game.safe_text as safe
from game.engine import GameError
from game.saves.store import list_saves, load_save, saves_folder
from game.session import Session
from game.tui.access import app_of


class SaveScreen(ModalScreen[str | None]):
    """Ask for a save name (sanitised by the store: nothing is written outside the folder)."""

    DEFAULT_CSS = """
    SaveScreen { align: center middle; }
    SaveScreen Vertical { width: 64; height: auto; border: heavy $accent; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Save the game as (Enter saves, Esc cancels):", style="bold"))
            yield Input(value=safe.clean(self.suggestion, newlines=False), id="save-name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadScreen(Screen[None]):
    """Every save in the saves folder, newest first, with scenario, turn, teams and date."""

    DEFAULT_CSS = """
    LoadScreen #saves { height: 1fr; }
    LoadScreen #load-info { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Static(id="load-info")
        yield OptionList(id="saves")
        yield Footer()

    def on_mount(self) -> None:
        folder = getattr(self.app, "saves_dir", None)
        saves = list_saves(folder, include_autosaves=True)
        self.paths = [info.path for info in saves]
        options = []
        for i, info in enumerate(saves):
            label = Text()
            if info.problem:
                label.append(
                    safe.clean(f"{info.path.name}: cannot be loaded: {info.problem}"), style="red"
                )
            else:
                auto = "autosave · " if "autosave" in info.path.parts else ""
                state = "game over" if info.over else f"turn {info.turn} of {info.turns}"
                label.append(safe.clean(f"{info.scenario}"), style="bold")
                label.append(
                    safe.clean(f" · {auto}{state} · {info.saved_at}\n   {'; '.join(info.teams)}")
                )
            options.append(Option(label, id=str(i), disabled=bool(info.problem)))
        where = saves_folder(folder)
        heading = f"Saves in {where} (Enter loads; the log is replayed and checked)"
        if not options:
            heading = f"No saves in {where} yet: press s during a game to save it."
        self.query_one("#load-info", Static).update(safe.text(heading))
        saves_list = self.query_one("#saves", OptionList)
        saves_list.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is not None:
            saves_list.highlighted = first
        saves_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        path = self.paths[int(event.option.id or 0)]
        try:
            loaded = load_save(path, explain=True)
        except GameError as exc:
            self.notify(
                safe.clean(exc), title="Cannot load", severity="error", timeout=10, markup=False
            )
            return
        folder = getattr(self.app, "saves_dir", None)
        app_of(self).begin(Session.from_loaded(loaded, folder))
        self.app.notify(
            safe.clean(f"Loaded {path.name}: the replay reproduces the saved game."), markup=False
        )
