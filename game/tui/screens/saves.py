"""Saving a game under a name, and the list of saves to load one from."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

import game.safe_text as safe
from game.engine import GameError
from game.saves.listing import grouped, when, where
from game.saves.store import SaveInfo, list_saves, load_save, saves_folder
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


def _save_label(info: SaveInfo, name: str) -> Text:
    """``seminar-test`` then ``Collective Resilience · turn 5 of 12 · 2026-11-30 04:02 UTC``."""
    label = Text()
    if info.problem:
        label.append_text(safe.text(f"{info.path.name}: cannot be loaded: {info.problem}", "red"))
        return label
    label.append_text(safe.text(name, "bold"))
    label.append_text(safe.text(f"\n   {where(info)} · {when(info.saved_at)}"))
    label.append_text(safe.text(f"\n   {'; '.join(info.teams)}", "grey62"))
    return label


class LoadScreen(Screen[None]):
    """Saves by name, newest first, with scenario, turn and date; below them the autosaves,
    one line per game (its newest), all of them on request."""

    DEFAULT_CSS = """
    LoadScreen #saves { height: 1fr; }
    LoadScreen #load-info { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("e", "expand", "All autosaves"),
    ]

    expanded = False

    def compose(self) -> ComposeResult:
        yield Static(id="load-info")
        yield OptionList(id="saves")
        yield Footer()

    def on_mount(self) -> None:
        self.show_saves()

    def action_expand(self) -> None:
        self.expanded = not self.expanded
        self.show_saves()

    def show_saves(self) -> None:
        folder = getattr(self.app, "saves_dir", None)
        named, games = grouped(list_saves(folder, include_autosaves=True))
        self.paths: list[Path] = []
        options: list[Option] = []

        def add(info: SaveInfo, label: Text) -> None:
            options.append(Option(label, id=str(len(self.paths)), disabled=bool(info.problem)))
            self.paths.append(info.path)

        for info in named:
            add(info, _save_label(info, info.path.stem))
        if games:
            hint = "e folds them" if self.expanded else "the newest of each game; e shows all"
            options.append(Option(Text(f"Autosaves ({hint})", style="bold"), disabled=True))
        for game in games:
            shown = game.saves if self.expanded else game.saves[:1]
            for info in shown:
                older = len(game.saves) - 1
                more = f"  (+{older} older)" if older and not self.expanded else ""
                add(info, _save_label(info, f"autosave of {game.game_id}{more}"))
        place = saves_folder(folder)
        heading = f"Saves in {place} (Enter loads; the log is replayed and checked)"
        if not options:
            heading = f"No saves in {place} yet: press s during a game to save it."
        self.query_one("#load-info", Static).update(safe.text(heading))
        saves_list = self.query_one("#saves", OptionList)
        saves_list.clear_options()
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
