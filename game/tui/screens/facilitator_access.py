"""The way into the facilitator's console (its passphrase), and a team's note on its orders."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from game.tui.access import session_of
from game.tui.screens.form import Field, FormScreen

WRONG = "That is not the facilitator's passphrase."


def open_console(screen: Screen[None]) -> None:
    """Ask for the facilitator's passphrase; open the console only when it matches."""
    session = session_of(screen)
    seminar = session.seminar
    if seminar is None:
        screen.notify("This game has no facilitator (choose one at New game).")
        return

    def check(values: list[str]) -> str | None:
        return None if seminar.unlocks(values[0]) else WRONG

    def opened(values: list[str] | None) -> None:
        if values is not None:
            from game.tui.screens.console import ConsoleScreen

            screen.app.push_screen(ConsoleScreen())

    screen.app.push_screen(
        FormScreen(
            "Facilitator's console",
            [Field("Passphrase", password=True)],
            check,
            "For the facilitator only. Esc goes back to the game.",
        ),
        opened,
    )


def ask_team_note(screen: Screen[None], team: str, then: Callable[[], None]) -> None:
    """Ask the team that just gave its orders why it chose them (optional), then go on."""
    session = session_of(screen)
    name = session.team_name(team)

    def noted(values: list[str] | None) -> None:
        if values:
            session.add_note(team, values[0])
        then()

    screen.app.push_screen(
        FormScreen(
            f"{name}: why these orders?",
            [Field("Note for the debrief (optional: Enter to skip)")],
        ),
        noted,
    )
