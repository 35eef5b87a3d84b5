"""New game's facilitator section: the white cell's passphrase (leave it empty for no
facilitator), the human teams' names, and an inject list to load."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, RadioSet, Static

from game.engine import Scenario
from game.tui.widgets.ticks import Radio

if TYPE_CHECKING:
    from game.seminar.white_cell import Seminar


class FacilitatorSetup(Vertical):
    """The facilitator's passphrase, team names and inject file, read at Start."""

    DEFAULT_CSS = """
    FacilitatorSetup { height: auto; }
    FacilitatorSetup Input { width: 60; max-width: 100%; }
    FacilitatorSetup .clock { height: auto; }
    FacilitatorSetup .clock Input { width: 10; }
    FacilitatorSetup .clock .unit { width: auto; padding: 1 1 0 0; }
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
        yield Static(
            Text("Clock: minutes of discussion, then of orders, each turn (0: untimed)"),
            classes="hint",
        )
        with Horizontal(classes="clock"):
            yield Static(Text("discussion"), classes="unit")
            yield Input(value="0", id="discussion-minutes", type="number")
            yield Static(Text("orders"), classes="unit")
            yield Input(value="0", id="orders-minutes", type="number")
            with RadioSet(id="no-orders"):
                yield Radio("late teams pass", value=True, name="pass")
                yield Radio("late teams play the AI", name="policy")

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
            for field in ("discussion-minutes", "orders-minutes"):
                if self.query_one(f"#{field}", Input).value.strip() not in ("", "0"):
                    raise ValueError("a clock needs a facilitator: set a passphrase")
            return team_names, None
        seminar = Seminar.create(passphrase, scenario)
        late = self.query_one("#no-orders", RadioSet).pressed_button
        try:
            discussion = float(self.query_one("#discussion-minutes", Input).value or "0")
            orders = float(self.query_one("#orders-minutes", Input).value or "0")
        except ValueError:
            raise ValueError("the clock's minutes must be numbers") from None
        seminar.set_clock(discussion, orders, late.name if late and late.name else "pass")
        if inject_file:
            seminar.add_injects(load_injects(Path(inject_file).expanduser(), scenario))
        return team_names, seminar
