"""The Textual game driven as a player drives it: keys and clicks through Pilot."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from textual.widgets import OptionList

from game.scenarios import builtin_dir, load
from game.session import Session
from game.tui.app import ResilienceApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.handover import HandoverScreen
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.resolution import ResolutionScreen
from game.tui.screens.title import TitleScreen

SIZE = (100, 40)


async def _resolved(app: ResilienceApp, pilot) -> None:
    """Wait for the turn, resolved in a worker thread, to be shown (at most ~5 s)."""
    await app.workers.wait_for_complete()
    deadline = time.monotonic() + 5
    while not isinstance(app.screen, ResolutionScreen) and time.monotonic() < deadline:
        await pilot.pause()


async def _done(pilot, app: ResilienceApp) -> None:
    """d, and if political capital is left unspent, "done anyway" on the warning."""
    await pilot.press("d")
    await pilot.pause()
    if isinstance(app.screen, ConfirmScreen):
        assert "political capital left unspent" in str(app.screen.question)
        await pilot.press("enter")
        await pilot.pause()


async def _new_game(pilot, app: ResilienceApp) -> None:
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def _test_a_full_solo_game_through_the_interface_reaches_the_end_screen() -> None:
    # Every turn is played through the screens a player uses (dashboard, orders, the target
    # picker once, the resolution's steps); no pause beyond Pilot's own wait after each key.
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        await _new_game(pilot, app)
        assert isinstance(app.screen, DashboardScreen)
        session = app.session
        assert session is not None and session.humans == ("us",)
        first_turn = True
        while not session.state.over:
            turn = session.state.turn
            await pilot.press("o")
            assert isinstance(app.screen, OrdersScreen)
            if first_turn:  # one real order: propose joint export controls on semiconductors
                await pilot.press("p", "enter")  # p asks for the sector; enter picks the first
                assert [o.kind for o in app.screen.orders] == ["propose"]
                first_turn = False
            await _done(pilot, app)
            await _resolved(app, pilot)
            assert isinstance(app.screen, ResolutionScreen) and app.screen.record.turn == turn
            await pilot.press("enter", "enter", "enter", "enter")  # three more steps, continue
            assert isinstance(app.screen, EndScreen if session.state.over else DashboardScreen)
            assert session.state.turn == turn + 1 or session.state.over
        assert isinstance(app.screen, EndScreen)
        assert session.state.outcome is not None
        assert any(o.ally == "us" and o.kind == "propose" for o in session.history[1].orders)


def _invitations(screen: OrdersScreen) -> dict[str, str]:
    """The invitations to join an orders screen lists: proposal id -> the line shown."""
    moves = screen.query_one("#moves", OptionList)
    return {
        option.id.removeprefix("join:"): str(option.prompt)
        for option in moves.options
        if option.id and option.id.startswith("join:")
    }


async def _test_pass_and_play_hides_each_teams_orders_from_the_next() -> None:
    scenario = load(builtin_dir() / "collective-resilience.toml")
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=SIZE) as pilot:
        session = Session.start(scenario, 4, "assertive", ("us", "japan"))
        app.begin(session)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "us"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrdersScreen) and app.screen.team == "us"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")  # propose export controls on semiconductors
        await pilot.pause()
        chosen = list(app.screen.orders)
        await pilot.press("escape")  # a look at the dashboard keeps the orders chosen
        await pilot.pause()
        await pilot.press("o", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OrdersScreen) and app.screen.orders == chosen
        await _done(pilot, app)
        await pilot.pause()
        # Japan's turn: first a blank hand-over, then Japan's own orders screen.
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "japan"
        visible = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Export controls" not in visible and "propose" not in visible
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrdersScreen) and app.screen.team == "japan"
        assert app.screen.orders == []
        given = app.screen.query_one("#given", OptionList)
        assert "Export controls" not in str(given.get_option_at_index(0).prompt)
        assert _invitations(app.screen) == {}  # the proposal made this turn is not one yet
        await _done(pilot, app)
        await _resolved(app, pilot)
        assert isinstance(app.screen, ResolutionScreen)
        await pilot.press("enter", "enter", "enter", "enter")
        assert isinstance(app.screen, DashboardScreen)

        # Turn 2: last turn's proposals (the United States' and the AI allies') are open to
        # join; the United States proposes standards promotion (which no AI ally proposes),
        # and Japan must not see it.
        earlier = {p.id: p for p in session.state.proposals}
        assert any(p.proposer == "us" for p in earlier.values()) and len(earlier) > 1
        await pilot.press("o", "enter")
        assert isinstance(app.screen, OrdersScreen) and app.screen.team == "us"
        assert _invitations(app.screen).keys() == earlier.keys()
        moves = app.screen.query_one("#moves", OptionList)
        standards = moves.get_option_index("move:standards-promotion")
        for _ in range(moves.option_count):
            if moves.highlighted == standards:
                break
            await pilot.press("down")
        await pilot.press("p")
        assert [(o.move, o.kind) for o in app.screen.orders] == [("standards-promotion", "propose")]
        await _done(pilot, app)
        await pilot.pause()  # the next team's hand-over comes after a refresh
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "japan"
        visible = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Standards promotion" not in visible and "propose" not in visible
        # until Japan starts, the United States may go back and amend its orders
        given = session.pending["us"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OrdersScreen) and app.screen.team == "us"
        assert tuple(app.screen.orders) == given
        await pilot.press("escape")  # changed its mind: its orders stay as given
        await pilot.pause()
        assert session.pending["us"] == given and isinstance(app.screen, DashboardScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "japan"
        await pilot.press("enter")
        assert isinstance(app.screen, OrdersScreen) and app.screen.team == "japan"
        assert app.screen.orders == []
        shown = _invitations(app.screen)
        assert shown.keys() == earlier.keys()  # last turn's proposals, and nothing more
        for pid, line in shown.items():
            proposal = earlier[pid]
            proposer = next(a.name for a in scenario.allies if a.id == proposal.proposer)
            assert scenario.move(proposal.move).name in line and proposer in line
        lines = [
            str(option.prompt) for option in app.screen.query_one("#moves", OptionList).options
        ]
        assert not any("Standards promotion" in line and "United States" in line for line in lines)
        await _done(pilot, app)
        await _resolved(app, pilot)
        assert isinstance(app.screen, ResolutionScreen)
        assert any(p.move == "standards-promotion" for p in session.state.proposals)


async def _test_unavailable_moves_say_why() -> None:
    scenario = load(builtin_dir() / "collective-resilience.toml")
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=SIZE) as pilot:
        app.begin(Session.start(scenario, 2, "assertive", ("australia",)))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrdersScreen)
        fabs = scenario.move("semiconductor-fabs")
        problem = screen.move_problem(fabs)
        assert problem and "budget" in problem  # Australia's budget of 3 cannot pay for fabs


async def _test_help_shows_where_each_moves_logic_comes_from() -> None:
    scenario = load(builtin_dir() / "collective-resilience.toml")
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=SIZE) as pilot:
        app.begin(Session.start(scenario, 2, "assertive", ("us",)))
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("Static").render())
        assert "How to play" in text and "Eric Sayers and Brad Glosserman" in text
        assert scenario.move("export-controls").source in text


async def _test_new_game_is_set_up_with_the_keyboard_alone() -> None:
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert screen.scenario.id == "collective-resilience"  # type: ignore[attr-defined]
        await pilot.press("down")  # the scenario list has the focus: the next scenario
        await pilot.pause()
        assert screen.scenario.id == "seminar-short"  # type: ignore[attr-defined]
        await pilot.press("tab", "down", "space")  # the second government joins the first
        await pilot.pause()
        humans = screen.query_one("#humans").selected  # type: ignore[attr-defined]
        assert humans == ["us", "japan"]


def test_new_game_is_set_up_with_the_keyboard_alone() -> None:
    asyncio.run(_test_new_game_is_set_up_with_the_keyboard_alone())


def test_a_full_solo_game_through_the_interface_reaches_the_end_screen(quick_idle: None) -> None:
    asyncio.run(_test_a_full_solo_game_through_the_interface_reaches_the_end_screen())


def test_pass_and_play_hides_each_teams_orders_from_the_next(quick_idle: None) -> None:
    asyncio.run(_test_pass_and_play_hides_each_teams_orders_from_the_next())


def test_unavailable_moves_say_why() -> None:
    asyncio.run(_test_unavailable_moves_say_why())


def test_help_shows_where_each_moves_logic_comes_from() -> None:
    asyncio.run(_test_help_shows_where_each_moves_logic_comes_from())


async def _test_save_and_load_through_the_interface() -> None:
    from game.scenarios import load_data
    from game.tui.screens.saves import LoadScreen

    folder = Path(tempfile.mkdtemp())
    path = builtin_dir() / "collective-resilience.toml"
    scenario = load(path)
    session = Session.start(
        scenario, 9, "assertive", ("us",), data=load_data(path), saves_dir=folder
    )
    session.resolve()
    app = ResilienceApp(saves_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        app.begin(session)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("end", "ctrl+u", *"class", "enter")
        await pilot.pause()
        assert (folder / "class.json").is_file()
        app.go_title()
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.session is not session and app.session.state == session.state
        assert len(app.session.all_events()) == len(session.all_events())


def test_save_and_load_through_the_interface() -> None:
    asyncio.run(_test_save_and_load_through_the_interface())


async def _test_replay_steps_through_turns_and_branches() -> None:
    from game.scenarios import load_data
    from game.tui.screens.replay import ReplayScreen

    folder = Path(tempfile.mkdtemp())
    path = builtin_dir() / "collective-resilience.toml"
    session = Session.start(
        load(path), 5, "assertive", ("us",), data=load_data(path), saves_dir=folder
    )
    for _ in range(4):
        session.resolve()
    app = ResilienceApp(saves_dir=folder, session=session, replay=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen) and screen.at == 0
        await pilot.press("right", "right", "right", "left")
        await pilot.pause()
        assert screen.at == 2
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResolutionScreen)
        assert app.screen.record.turn == 2
        await pilot.press("escape")  # not bound there: stays
        await pilot.press("a", "enter")
        await pilot.pause()
        assert app.screen is screen and app.session is session
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        branch = app.session
        assert branch is not session and branch.state == session.history[2].state
        assert branch.state.turn == 3 and len(branch.log.turns) == 2
        assert (folder / "collective-resilience-branch-from-turn-2.json").is_file()


def test_replay_steps_through_turns_and_branches() -> None:
    asyncio.run(_test_replay_steps_through_turns_and_branches())


async def _test_the_end_screen_writes_the_after_action_report() -> None:
    from game.scenarios import load_data

    folder = Path(tempfile.mkdtemp())
    path = builtin_dir() / "seminar-short.toml"
    session = Session.start(
        load(path), 2, "assertive", ("us",), data=load_data(path), saves_dir=folder
    )
    while not session.state.over:
        session.resolve()
    app = ResilienceApp(saves_dir=folder, session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        await pilot.press("r")
        await pilot.pause()
        reports = list(folder.glob("*-final.html"))
        assert len(reports) == 1 and "<svg" in reports[0].read_text(encoding="utf-8")


def test_the_end_screen_writes_the_after_action_report() -> None:
    asyncio.run(_test_the_end_screen_writes_the_after_action_report())


async def _test_choosing_a_difficulty_leaves_one_level_marked() -> None:
    """The level list marks only the level chosen: choosing another unmarks the default, and
    so does a change of scenario, which rebuilds the list; the cursor starts on the marked
    level, and the game starts at the level the mark shows."""
    from textual.widgets import RadioSet

    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen

        def marked() -> list[str]:
            levels = screen.query_one("#difficulty", RadioSet)
            return [str(b.name) for b in levels.query("Radio") if b.value]

        assert marked() == ["assertive"]
        await pilot.press("down", "up")  # another scenario and back: the list is rebuilt
        await pilot.pause()
        assert marked() == ["assertive"]
        screen.query_one("#difficulty", RadioSet).focus()
        await pilot.pause()
        await pilot.press("down", "enter")  # the cursor starts on the marked level
        await pilot.pause()
        assert marked() == ["coercive"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session is not None
        assert app.session.state.difficulty == "coercive"


def test_choosing_a_difficulty_leaves_one_level_marked() -> None:
    asyncio.run(_test_choosing_a_difficulty_leaves_one_level_marked())


async def _test_why_starts_where_its_list_of_changes_starts() -> None:
    import re

    from textual.widgets import Static

    session = Session.start(
        load(builtin_dir() / "collective-resilience.toml"), 1, "normal", ("us",)
    )
    session.resolve()
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=SIZE) as pilot:
        app.begin(session)
        await pilot.pause()
        await pilot.press("w", "down")  # the United States' resolve
        await pilot.pause()
        text = str(app.screen.query_one("#why", Static).render())
        assert "resolve move?" in text
        start, now = re.search(r"Start ([\d.]+), now ([\d.]+)\.", text).groups()  # type: ignore[union-attr]
        steps = re.findall(r"\(([\d.]+) → ([\d.]+)\)", text)
        # one quarter played, its changes in order: from the start to now
        assert "Quarter 2" not in text
        assert steps and steps[0][0] == start and steps[-1][1] == now, (start, now, steps)


def test_why_starts_where_its_list_of_changes_starts() -> None:
    """The opening quarter's news moved figures before the first dashboard: the Why screen's
    start is the value before them, so its list of changes adds up from start to now."""
    asyncio.run(_test_why_starts_where_its_list_of_changes_starts())
