"""SVG snapshots of every screen at 80x24, 120x40 and 200x60 (pytest-textual-snapshot), and
a check that no screen at 80x24 shows a label whose figure is cut off (made in the same app
run as the 80x24 snapshot, just before the screenshot).

Update after a deliberate change of look with ``pytest tests/test_snapshots.py
--snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import pytest
from rich.console import Console

from game.scenarios import builtin_dir, load, load_data
from game.session import Session
from game.tui.app import ResilienceApp

SIZES = [(80, 24), (120, 40), (200, 60)]
CHECKED_FOR_CUTS = (80, 24)  # the smallest size: where figures get cut
_TMP = Path(tempfile.mkdtemp(prefix="snapshot-saves-"))  # autosaves go here, not into saves/


def _session(humans: tuple[str, ...] = ("us",)) -> Session:
    path = builtin_dir() / "collective-resilience.toml"
    scenario = load(path)
    return Session.start(scenario, 7, "assertive", humans, data=load_data(path), saves_dir=_TMP)


async def _title(pilot) -> None:
    await pilot.pause()


async def _new_game(pilot) -> None:
    await pilot.press("n")
    await pilot.pause()


async def _dashboard(pilot) -> None:
    pilot.app.begin(_session())
    await pilot.pause()


async def _orders(pilot) -> None:
    await _dashboard(pilot)
    await pilot.press("o")
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def _target(pilot) -> None:
    await _dashboard(pilot)
    await pilot.press("o")
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()


async def _resolution(pilot) -> None:
    await _dashboard(pilot)
    await pilot.press("o", "d", "enter")  # enter: done with political capital unspent
    await pilot.app.workers.wait_for_complete()
    from game.tui.screens.resolution import ResolutionScreen

    for _ in range(100):  # the turn resolves in a worker thread
        await pilot.pause(0.05)
        if isinstance(pilot.app.screen, ResolutionScreen):
            break
    await pilot.press("a")
    await pilot.pause()


async def _handover(pilot) -> None:
    pilot.app.begin(_session(("us", "japan")))
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()


async def _end(pilot) -> None:
    session = _session()
    while not session.state.over:
        session.resolve()
    pilot.app.begin(session)
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()


async def _help(pilot) -> None:
    await _dashboard(pilot)
    await pilot.press("f1")
    await pilot.pause()


def _played(turns: int = 4) -> Session:
    session = _session()
    for _ in range(turns):
        session.resolve()
    return session


async def _charts(pilot) -> None:
    pilot.app.begin(_played())
    await pilot.pause()
    await pilot.press("c", "down")
    await pilot.pause()


async def _why(pilot) -> None:
    pilot.app.begin(_played())
    await pilot.pause()
    await pilot.press("w", "down")
    await pilot.pause()


async def _load(pilot) -> None:
    await pilot.press("l")
    await pilot.pause()


async def _save(pilot) -> None:
    pilot.app.begin(_played(1))
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    _steady_cursor(pilot)


def _steady_cursor(pilot) -> None:
    """The focused text field's cursor shown and still, as recorded: a blinking cursor
    (every 0.5 s) made the snapshot depend on how long the run took on a busy machine."""
    from textual.widgets import Input

    field = pilot.app.screen.query_one(Input)
    field.cursor_blink = False
    field._cursor_visible = True  # noqa: SLF001 - textual's own flag; no public way to show it


async def _replay(pilot) -> None:
    from game.tui.screens.replay import ReplayScreen

    session = _played(4)
    pilot.app.session = session
    await pilot.app.push_screen(ReplayScreen(session))
    await pilot.press("right", "right")
    await pilot.pause()


async def _standing(pilot) -> None:
    pilot.app.begin(_played(2))
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()


async def _confirm(pilot) -> None:
    await _dashboard(pilot)
    await pilot.press("o", "d")  # done with political capital unspent: the warning
    await pilot.pause()


async def _invitations(pilot) -> None:
    pilot.app.begin(_played(1))
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()


async def _scenarios(pilot) -> None:
    await pilot.press("down", "enter")
    await pilot.pause()


SCREENS = {
    "title": _title,
    "new_game": _new_game,
    "dashboard": _dashboard,
    "orders": _orders,
    "invitations": _invitations,
    "confirm": _confirm,
    "standing": _standing,
    "target": _target,
    "handover": _handover,
    "resolution": _resolution,
    "end": _end,
    "help": _help,
    "charts": _charts,
    "why": _why,
    "load": _load,
    "save": _save,
    "replay": _replay,
    "scenarios": _scenarios,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(snap_compare, screen: str, size: tuple[int, int]) -> None:
    """The screen looks as recorded; at 80x24 no label ends in a cut figure either."""
    app = ResilienceApp(saves_dir=Path("no-saves-here"))  # a folder that does not exist
    cut: list[str] = []

    async def run_before(pilot) -> None:
        await SCREENS[screen](pilot)
        if size == CHECKED_FOR_CUTS:
            await pilot.pause()
            cut.extend(_cut_figures(pilot.app))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
    assert cut == []  # no label at 80x24 ends in a cut figure


def test_every_snapshot_file_is_a_screen_and_size_compared_here() -> None:
    """syrupy fails a serial run that leaves a snapshot unused, but not a run under
    pytest-xdist (as `make test` runs): this does the same check in both."""
    folder = Path(__file__).parent / "__snapshots__" / "test_snapshots"
    expected = {f"test_screen_snapshot[{s}-{w}x{h}].svg" for s in SCREENS for w, h in SIZES}
    assert {p.name for p in folder.iterdir()} == expected


# A label at the end of a line whose figure starts the next line in the same panel was
# wrapped away from it; a figure followed by an ellipsis was cut.
_LABEL = re.compile(r"\b(below|above|of|budget|capital|now|lead|is|at|from|left)\s*$")
_FIGURE = re.compile(r"^[+\-−]?\d")
_ELLIPSIS = re.compile(r"\d…")
_FRAME = "│┃▊▎▍▏▕|╭╮╰╯─━▔▁▄▅▇█ "


def _screen_lines(app: ResilienceApp) -> list[str]:
    """The text on the terminal, line by line (as the SVG snapshot renders it)."""
    console = Console(width=app.size.width, file=io.StringIO(), record=True, force_terminal=True)
    console.print(app.screen._compositor.render_update(full=True))  # noqa: SLF001
    return console.export_text().splitlines()


def _cut_figures(app: ResilienceApp) -> list[str]:
    """The labels on the screen shown that end a line whose figure was wrapped away or cut."""
    bad = []
    # each panel of a line on its own: a frame character ends one
    rows = [[p.strip(_FRAME) for p in re.split(r"[│┃▊▎▍▏]", line)] for line in _screen_lines(app)]
    for row, below in zip(rows, [*rows[1:], []], strict=True):
        for k, text in enumerate(row):
            nxt = below[k] if k < len(below) and len(below) == len(row) else ""
            if _ELLIPSIS.search(text) or (_LABEL.search(text) and _FIGURE.search(nxt)):
                bad.append(f"{text} / {nxt}")
    return bad
