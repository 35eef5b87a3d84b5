"""Saves are found by name: named saves first with scenario, turn and date; autosaves grouped
under their game; `resilience saves` readable at 80 columns."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from game.cli import main
from game.scenarios import builtin_dir, load, load_data
from game.session import Session
from game.tui.app import ResilienceApp
from game.tui.screens.saves import LoadScreen

DEFAULT = builtin_dir() / "collective-resilience.toml"


def _folder(tmp_path: Path) -> Path:
    """A named save of turn 3 and three autosaves of the same game."""
    session = Session.start(load(DEFAULT), 3, "assertive", ("us",), data=load_data(DEFAULT))
    session.saves_dir = tmp_path
    for _ in range(3):
        session.resolve()
        session.autosave()
    session.save("seminar-test")
    return tmp_path


def test_resilience_saves_reads_at_80_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    folder = str(_folder(tmp_path))
    assert main(["saves", "--saves-dir", folder]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "seminar-test"  # the name comes first, on its own line
    assert "Collective Resilience · turn 4 of 12 · saved 20" in lines[1]
    assert all(len(line) <= 80 for line in lines)
    assert "3 autosaves of 1 games: --autosaves lists them." in out
    assert main(["saves", "--saves-dir", folder, "--autosaves"]) == 0
    assert capsys.readouterr().out.count("Collective Resilience · turn") == 4


async def _load_list(folder: Path) -> list[str]:
    app = ResilienceApp(saves_dir=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(LoadScreen())
        await pilot.pause()
        screen = app.screen
        saves = screen.query_one("#saves")
        folded = [str(saves.get_option_at_index(i).prompt) for i in range(saves.option_count)]
        await pilot.press("e")
        await pilot.pause()
        return [*folded, "--", *(str(o.prompt) for o in saves.options)]


def test_the_load_list_shows_names_first_and_folds_autosaves(tmp_path: Path) -> None:
    lines = asyncio.run(_load_list(_folder(tmp_path)))
    folded = lines[: lines.index("--")]
    expanded = lines[lines.index("--") + 1 :]
    assert folded[0].startswith("seminar-test\n   Collective Resilience · turn 4 of 12 · ")
    assert folded[1].startswith("Autosaves")
    assert len(folded) == 3 and "(+2 older)" in folded[2]  # one line for the game's autosaves
    assert len(expanded) == 5


def test_a_mid_turn_save_keeps_the_orders_already_given(tmp_path: Path) -> None:
    from game.engine import Order
    from game.saves.store import load_save

    scenario = load(DEFAULT)
    session = Session.start(scenario, 4, "assertive", ("us", "japan"), data=load_data(DEFAULT))
    session.saves_dir = tmp_path
    given = (Order("us", "export-controls", "semiconductors", "propose"),)
    session.submit("us", given)
    path = session.save("between-teams")
    resumed = Session.from_loaded(load_save(path, explain=True), tmp_path)
    assert resumed.pending == {"us": given}
    assert resumed.waiting_for() == ["japan"]  # the United States is not asked again
    resumed.submit("japan", ())
    record = resumed.resolve()
    assert given[0] in record.orders
    # a save with nothing pending is written as before (no new field)
    assert "pending_orders" not in resumed.save("after").read_text(encoding="utf-8")
