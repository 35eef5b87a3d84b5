"""Game commands in Textual's command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from game.tui.access import app_of


class GameCommands(Provider):
    """New game, orders, charts, why, help, hints, title."""

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = app_of(self.screen)
        out: list[tuple[str, str, Callable[[], object]]] = [
            (
                "New game",
                "choose a scenario, governments, difficulty and seed",
                app.action_new_game,
            ),
            ("Help: how to play", "rules, glossary, keys and sources", app.action_help),
            ("Toggle first-game hints", "show or hide the tips line", app.action_toggle_hints),
            ("Title screen", "leave the game in progress", app.go_title),
        ]
        if app.playing:
            out[1:1] = [
                ("Orders", "give this turn's orders", app.action_orders),
                ("Save game", "save under a name", app.action_save),
                ("Charts", "any figure over the turns", app.action_charts),
                ("Why did it change?", "every cause of a figure's moves", app.action_why),
            ]
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
