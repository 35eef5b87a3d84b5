"""Saves as a person looks for them: by name first, with scenario, turn and date; autosaves
grouped under their game, newest first."""

from __future__ import annotations

from attrs import frozen
from rich.text import Text

from game.safe_text import text
from game.saves.store import AUTOSAVE_DIR, SaveInfo


def is_autosave(info: SaveInfo) -> bool:
    """True for a save the game wrote itself at the start of a turn."""
    return AUTOSAVE_DIR in info.path.parts


def when(saved_at: str) -> str:
    """``2026-11-30T04:02:46Z`` as ``2026-11-30 04:02 UTC`` (other text unchanged)."""
    if len(saved_at) >= 16 and saved_at[10] == "T":
        return f"{saved_at[:10]} {saved_at[11:16]} UTC"
    return saved_at


def where(info: SaveInfo) -> str:
    """``Collective Resilience · turn 5 of 12`` (or ``game over``)."""
    state = "game over" if info.over else f"turn {info.turn} of {info.turns}"
    return f"{info.scenario} · {state}"


@frozen
class AutosaveGroup:
    """The autosaves of one game, newest first."""

    game_id: str
    saves: tuple[SaveInfo, ...]

    @property
    def newest(self) -> SaveInfo:
        return self.saves[0]


def grouped(infos: list[SaveInfo]) -> tuple[list[SaveInfo], list[AutosaveGroup]]:
    """Named saves (newest first), and the autosaves by game (the newest game first)."""
    named = [i for i in infos if not is_autosave(i)]
    games: dict[str, list[SaveInfo]] = {}
    for info in infos:
        if is_autosave(info):
            games.setdefault(info.game_id, []).append(info)
    groups = [
        AutosaveGroup(game, tuple(sorted(saves, key=lambda i: i.saved_at, reverse=True)))
        for game, saves in games.items()
    ]
    groups.sort(key=lambda g: g.newest.saved_at, reverse=True)
    return named, groups


def listing_text(infos: list[SaveInfo], autosaves: bool) -> Text:
    """The saves as ``resilience saves`` prints them: one block per save, readable at 80
    columns (name, then scenario, turn and date, then the teams); autosaves by game."""
    named, games = grouped(infos)
    out = Text()

    def block(info: SaveInfo, name: str) -> None:
        if info.problem:
            out.append_text(text(f"{info.path.name}: cannot be loaded: ", "bold red"))
            out.append_text(text(info.problem.split(": ", 1)[-1] + "\n\n"))
            return
        out.append_text(text(name + "\n", "bold"))
        out.append_text(text(f"  {where(info)} · saved {when(info.saved_at)}\n"))
        out.append_text(text(f"  {'; '.join(info.teams)}\n\n", "dim"))

    for info in named:
        block(info, info.path.stem)
    if autosaves and games:
        out.append("Autosaves, by game (newest first)\n\n", style="bold underline")
        for game in games:
            for info in game.saves:
                block(info, f"{game.game_id} · {info.path.stem}")
    elif games:
        count = sum(len(g.saves) for g in games)
        out.append(f"{count} autosaves of {len(games)} games: --autosaves lists them.\n", "dim")
    if not infos:
        out.append("No saves yet.\n")
    return out
