"""The TUI and the save commands under attack: every screen driven over a scenario and saves
whose every text carries markup and control sequences; arbitrary bytes and arbitrary JSON fed
as saves to ``load --check``, ``saves`` and the Load screen (hypothesis)."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_data import EVIL, write_hostile_save, write_hostile_scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import OptionList

from game.cli import main
from game.saves.canonical import content_hash
from game.saves.format import with_checksum
from game.saves.store import load_save
from game.session import Session
from game.tui.app import ResilienceApp
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.new_game import NewGameScreen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.saves import LoadScreen
from game.tui.screens.scenarios import ScenariosScreen

SIZE = (100, 40)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile-tui")
    saves = root / "saves"
    unfinished = write_hostile_save(saves, turns=2, name="unfinished")
    finished = write_hostile_save(saves, turns=99, name="finished")
    shutil.copy(unfinished, saves / "seminar[a=b:c]final.json")
    shutil.copy(unfinished, saves / "\x1b]0;title\x07[b]x[-].json")
    (saves / "[b]broken.json").write_bytes(b"[/]\x1b[2J")
    return {
        "scenarios": write_hostile_scenario(root / "scenarios").parent,
        "saves": saves,
        "unfinished": unfinished,
        "finished": finished,
    }


class Shots:
    """Screenshots of every screen shown: none may hold a raw escape byte."""

    def __init__(self, app: ResilienceApp) -> None:
        self.app = app
        self.seen: list[str] = []

    def check(self, expected: type | None = None) -> None:
        if expected is not None:
            assert isinstance(self.app.screen, expected), self.app.screen
        svg = self.app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg and "\u202e" not in svg
        self.seen.append(type(self.app.screen).__name__)
        self.seen.append(svg)


def _pick(app: ResilienceApp, list_id: str, wanted: str) -> None:
    """Highlight the option whose id (or label) contains ``wanted``."""
    options = app.screen.query_one(list_id, OptionList)
    for i in range(options.option_count):
        option = options.get_option_at_index(i)
        if wanted in (option.id or "") or wanted in str(option.prompt):
            options.highlighted = i
            return
    raise AssertionError(f"no option {wanted!r}")


async def _play_screens(hostile: dict[str, Path]) -> list[str]:
    app = ResilienceApp(saves_dir=hostile["saves"], scenarios_dirs=[hostile["scenarios"]])
    shots = Shots(app)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ScenariosScreen())
        await pilot.pause()
        shots.check(ScenariosScreen)
        await pilot.press("escape", "l")
        await pilot.pause()
        shots.check(LoadScreen)
        _pick(app, "#saves", "turn 3 of 12")
        await pilot.press("enter")
        await pilot.pause()
        shots.check(DashboardScreen)
        for key in ("o", "w", "c", "h"):  # orders, why, charts, help; each and back
            await pilot.press(key)
            await pilot.pause()
            shots.check()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("s", "end", "ctrl+u", *"[/]", "enter")  # markup as a save name
        await pilot.pause()
        shots.check(DashboardScreen)
        await pilot.press("o", "d", "enter")  # enter: done with political capital unspent
        await app.workers.wait_for_complete()
        deadline = time.monotonic() + 5
        while not isinstance(app.screen, ResolutionScreen) and time.monotonic() < deadline:
            await pilot.pause()
        shots.check(ResolutionScreen)
        await pilot.press("a", "enter")
        await pilot.pause()
        shots.check(DashboardScreen)
        app.go_title()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        _pick(app, "#scenario-list", "evil")
        await pilot.pause()
        shots.check(NewGameScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        shots.check(DashboardScreen)

    session = Session.from_loaded(load_save(hostile["finished"], explain=True))
    app = ResilienceApp(saves_dir=hostile["saves"], session=session, replay=True)
    shots.app = app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shots.check(ReplayScreen)
        await pilot.press("right", "right", "r")
        await pilot.pause()
        shots.check(ResolutionScreen)

    app = ResilienceApp(saves_dir=hostile["saves"], session=session)
    shots.app = app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        shots.check(EndScreen)
    return shots.seen


def test_every_screen_shows_hostile_text_escaped_and_nothing_crashes(
    hostile: dict[str, Path], quick_idle: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.scenarios

    monkeypatch.setattr(game.scenarios, "user_dir", lambda: hostile["scenarios"])  # New game
    seen = asyncio.run(_play_screens(hostile))
    assert sum("\\x1b" in s for s in seen) >= 10  # the data is there, as visible escapes


# -- arbitrary bytes and JSON as saves ------------------------------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            out += _paths(v, (*path, i))
    return out


@pytest.fixture(scope="module")
def good_doc(hostile: dict[str, Path]) -> dict[str, Any]:
    return json.loads(hostile["unfinished"].read_bytes())


def mutated(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> bytes:
    """The save with ``value`` at ``path``, its hashes made to match again (so the checks
    behind them are reached)."""
    doc = json.loads(json.dumps(doc))
    if not path:
        return json.dumps(value).encode()
    holder = doc
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    scenario = doc.get("game", {}).get("scenario") if isinstance(doc.get("game"), dict) else None
    if isinstance(scenario, dict) and isinstance(scenario.get("data"), dict):
        scenario["hash"] = content_hash(scenario["data"])
    return json.dumps(with_checksum(doc)).encode()


def _check_cli(folder: Path, raw: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "attack.json"
    path.write_bytes(raw)
    code = main(["load", str(path), "--check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "\x1b" not in out + err
    assert (code, err) == (0, "") or (code == 1 and err.count("\n") == 1), (code, err)
    assert main(["saves", "--saves-dir", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "attack" in out and err == ""  # listed by name (the file name if unreadable)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_save_give_one_message(
    raw: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check_cli(Path(folder), raw, capsys)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), value=JSON)
def test_arbitrary_json_anywhere_in_a_save_gives_one_message(
    data: st.DataObject, value: Any, good_doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = data.draw(st.sampled_from(_paths(good_doc)))
    with tempfile.TemporaryDirectory() as folder:
        _check_cli(Path(folder), mutated(good_doc, path, value), capsys)


async def _load_screen(folder: Path) -> None:
    app = ResilienceApp(saves_dir=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "\x1b" not in app.export_screenshot()


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), raw=st.binary(max_size=100), values=st.lists(JSON, min_size=4, max_size=4))
def test_the_load_screen_lists_and_loads_arbitrary_saves_without_crashing(
    data: st.DataObject, raw: bytes, values: list[Any], good_doc: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "bytes.json").write_bytes(raw)
        for i, value in enumerate(values):
            path = data.draw(st.sampled_from(_paths(good_doc)))
            (folder / f"{EVIL.replace('/', '')}{i}.json").write_bytes(
                mutated(good_doc, path, value)
            )
        asyncio.run(_load_screen(folder))


# -- Textual crashes worked around ------------------------------------------------------------


async def _tiny_option_list() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets.option_list import Option

    import game.tui.textual_fixes  # noqa: F401 - what the game's app imports

    class Tiny(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*(Option(f"option {i}") for i in range(5)))

    app = Tiny()
    async with app.run_test(size=(20, 5)) as pilot:
        options = app.query_one(OptionList)
        options.styles.height = 0  # no room to lay the options out
        options.highlighted = 2
        options.focus()
        await pilot.pause()
        await pilot.press("pagedown", "pageup", "pageup")
        assert options.highlighted == 1


def test_page_keys_in_an_option_list_with_no_room_raise_nothing() -> None:
    asyncio.run(_tiny_option_list())


async def _back_to_title_from_anywhere() -> None:
    from game.tui.screens.help import HelpScreen
    from game.tui.screens.title import TitleScreen

    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        help_screen = HelpScreen(None)
        app.push_screen(help_screen)
        await pilot.pause()
        app.pop_screen()  # only the first screen (the title) is left
        await pilot.pause()
        help_screen.dismiss()  # a stale dismiss: ignored
        app.go_title()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and len(app.screen_stack) == 2


def test_the_title_screen_comes_back_even_from_an_empty_screen_stack() -> None:
    asyncio.run(_back_to_title_from_anywhere())
