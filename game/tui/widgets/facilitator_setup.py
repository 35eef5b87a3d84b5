"""New game's facilitator section: the white cell's passphrase (leave it empty for no
facilitator), the human teams' names, and an inject list to load."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from game.engine import Scenario

if TYPE_CHECKING:
    from game.seminar.white_cell import Seminar


class FacilitatorSetup(Vertical):
    """The facilitator's passphrase, team names and inject file, read at Start."""

    DEFAULT_CSS = """
    FacilitatorSetup { height: auto; }
    FacilitatorSetup Input { width: 60; max-width: 100%; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("Seminar (optional)"), classes="panel-title")
        yield Static(
            Text("Facilitator's passphrase (empty: no facilitator; f opens the console)"),
            classes="hint",
        )
        yield Input(id="facilitator-passphrase", password=True)
        yield Static(
            Text("Team names, in the order of the governments played (comma-separated)"),
            classes="hint",
        )
        yield Input(id="team-names", placeholder="e.g. Group A, Group B")
        yield Static(Text("Inject list to load (.toml or .csv; optional)"), classes="hint")
        yield Input(id="inject-file")

    def settings(
        self, scenario: Scenario, humans: tuple[str, ...]
    ) -> tuple[dict[str, str], Seminar | None]:
        """(team names by ally id, the Seminar or None); ValueError says what is wrong."""
        from game.seminar.inject_files import load_injects
        from game.seminar.white_cell import Seminar

        names = [n.strip() for n in self.query_one("#team-names", Input).value.split(",")]
        names = [n for n in names if n]
        if len(names) > len(humans):
            raise ValueError(f"{len(names)} team names for {len(humans)} human team(s)")
        team_names = dict(zip(humans, names, strict=False))
        passphrase = self.query_one("#facilitator-passphrase", Input).value
        inject_file = self.query_one("#inject-file", Input).value.strip()
        if not passphrase:
            if inject_file:
                raise ValueError("an inject list needs a facilitator: set a passphrase")
            return team_names, None
        seminar = Seminar.create(passphrase, scenario)
        if inject_file:
            seminar.add_injects(load_injects(Path(inject_file).expanduser(), scenario))
        return team_names, seminar
