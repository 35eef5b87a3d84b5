"""The orders screen shows what the engine says: costs, forecasts and reasons come from the
public API (Legality, order_options, check_orders, coverage_forecast), never from a copy."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.widgets import OptionList

from game.engine import IllegalOrderError, Order, check_orders, coverage_forecast
from game.scenarios import builtin_dir, load
from game.session import Session
from game.tui.abbrev import abbreviate
from game.tui.app import NoGameError, ResilienceApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.orders import OrdersScreen, TargetScreen, reason_of

SIZE = (100, 40)
DEFAULT = builtin_dir() / "collective-resilience.toml"


def _detail(screen: OrdersScreen) -> str:
    return str(screen.query_one("#detail").render())


def _header(screen: OrdersScreen) -> str:
    return str(screen.query_one("#budget").render())


async def _orders_screen(app: ResilienceApp, pilot, session: Session) -> OrdersScreen:
    app.begin(session)
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, OrdersScreen)
    return screen


async def _highlight(pilot, screen: OrdersScreen, option_id: str) -> None:
    moves = screen.query_one("#moves")
    moves.highlighted = moves.get_option_index(option_id)
    await pilot.pause()


async def _act(pilot, screen: OrdersScreen, option_id: str) -> None:
    """Highlight a move and press a (act alone): an order, or the target picker."""
    await _highlight(pilot, screen, option_id)
    await pilot.press("a")
    await pilot.pause()


async def _coverage_lines(path: Path) -> tuple[Session, str]:
    """The export-control detail the United States sees on turn 1 of a scenario."""
    session = Session.start(load(path), 7, "normal", ("us",))
    app = ResilienceApp(saves_dir=path.parent)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _orders_screen(app, pilot, session)
        await _highlight(pilot, screen, "move:export-controls")
        return session, _detail(screen)


def test_the_coverage_forecast_uses_the_scenarios_unilateral_efficacy(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.toml"
    leaky.write_text(
        'extends = "collective-resilience"\n[tuning]\nunilateral_efficacy = 0.3\n',
        encoding="utf-8",
    )
    alone: dict[float, list[str]] = {}
    for path in (DEFAULT, leaky):
        session, text = asyncio.run(_coverage_lines(path))
        efficacy = session.scenario.tuning.unilateral_efficacy
        assert f"alone a control leaks (counts {efficacy:.0%})" in text
        forecast = coverage_forecast(session.scenario, session.state, "us")
        for f in forecast:  # each domain's line is the engine's forecast
            name = abbreviate(f.name, 16)  # "Artificial intel." (shortened by words)
            line = f"{name:16s} {f.now:.0%} → {f.alone:.0%} alone, {f.joint:.0%} joint"
            assert line in text, (line, text)
        alone[efficacy] = re.findall(r"(\d+)% alone", text)
        assert len(alone[efficacy]) == len(session.scenario.domains)
    assert set(alone) == {0.6, 0.3}
    assert alone[0.6] != alone[0.3]  # the 'alone' figures follow the scenario's tuning
    assert any(int(a) > int(b) for a, b in zip(alone[0.6], alone[0.3], strict=True))


async def _unaffordable_second_order(tmp_path: Path) -> None:
    scenario = load(DEFAULT)
    session = Session.start(scenario, 2, "assertive", ("australia",))
    app = ResilienceApp(saves_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _orders_screen(app, pilot, session)
        assert "political capital 2 of 2 left · budget 3.0 of 3.0" in _header(screen)
        second = scenario.move("restrict-data-apps")  # 1 pc, budget 1: affordable alone
        assert screen.move_problem(second) is None

        await _highlight(pilot, screen, "move:exclude-untrusted-5g")  # 1 pc, budget 3
        await pilot.press("a")
        await pilot.pause()
        assert screen.orders == [Order("australia", "exclude-untrusted-5g")]
        assert "political capital 1 of 2 left · budget 0.0 of 3.0" in _header(screen)

        # The engine's reason for the pair, as check_orders gives it.
        with pytest.raises(IllegalOrderError) as err:
            check_orders(scenario, session.state, [*screen.orders, Order("australia", second.id)])
        reason = reason_of(err.value)
        assert "budget" in reason and not reason.startswith("order ")
        assert screen.move_problem(second) == reason
        await _highlight(pilot, screen, f"move:{second.id}")
        assert f"Unavailable: {reason}" in _detail(screen)

        await pilot.press("a")  # refused: the orders stay as they were
        await pilot.pause()
        assert screen.orders == [Order("australia", "exclude-untrusted-5g")]

        await pilot.press("d")  # a 0-budget move is still affordable: d warns first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 political capital left unspent" in str(app.screen.question)
        await pilot.press("escape")  # back to the orders, unchanged
        await pilot.pause()
        assert app.screen is screen
        assert screen.orders == [Order("australia", "exclude-untrusted-5g")]
        await pilot.press("d", "enter")  # done anyway: the only human team, the turn resolves
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert session.state.turn == 2
        ordered = [o for o in session.history[1].orders if o.ally == "australia"]
        assert ordered == [Order("australia", "exclude-untrusted-5g")]


def test_an_unaffordable_second_order_is_unavailable_with_the_engines_reason(
    tmp_path: Path,
) -> None:
    asyncio.run(_unaffordable_second_order(tmp_path))


async def _repeated_order(tmp_path: Path) -> None:
    session = Session.start(load(DEFAULT), 2, "assertive", ("us",))
    app = ResilienceApp(saves_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _orders_screen(app, pilot, session)
        await _act(pilot, screen, "move:public-communication")
        assert len(screen.orders) == 1
        assert "Unavailable: the same order is given twice this turn" in _detail(screen)
        # a targeted move stays available on its other targets
        await _act(pilot, screen, "move:export-controls")
        await pilot.press("enter")  # the first domain
        await pilot.pause()
        assert [o.move for o in screen.orders] == ["public-communication", "export-controls"]
        assert "Unavailable" not in _detail(screen)


def test_a_repeated_order_is_unavailable(tmp_path: Path) -> None:
    asyncio.run(_repeated_order(tmp_path))


def test_reason_of_strips_the_order_prefix_check_orders_adds() -> None:
    scenario = load(DEFAULT)
    session = Session.start(scenario, 2, "assertive", ("us",))
    order = Order("us", "export-controls", "semiconductors")
    with pytest.raises(IllegalOrderError) as err:
        check_orders(scenario, session.state, [order, order])
    assert str(err.value).startswith("order 2 (us: act export-controls(semiconductors)): ")
    assert reason_of(err.value) == "the same order is given twice this turn"


async def _no_game() -> None:
    app = ResilienceApp(saves_dir=Path("no-saves-here"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.playing
        with pytest.raises(NoGameError):
            _ = app.session


def test_the_app_has_no_session_before_a_game() -> None:
    asyncio.run(_no_game())


async def _target_picker(tmp_path: Path) -> None:
    session = Session.start(load(DEFAULT), 2, "assertive", ("japan",))
    japan = next(a for a in session.state.allies if a.id == "japan")
    minerals = next(
        i for i, x in enumerate(session.scenario.sectors) if x.id == "critical_minerals"
    )
    inputs = japan.import_dependence[minerals] * (1 - japan.resilience[minerals])
    app = ResilienceApp(saves_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _orders_screen(app, pilot, session)
        await _act(pilot, screen, "move:diversify-supply")
        picker = app.screen
        assert isinstance(picker, TargetScreen)
        lines = [str(o.prompt) for o in picker.query_one(OptionList).options]
        row = next(line for line in lines if line.startswith("Critical minerals"))
        assert f"inputs {inputs:.0%}" in row and "sold to China" in row
        await pilot.press("escape")
        await pilot.pause()
        await _act(pilot, screen, "move:directed-rnd")
        lines = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        chips = session.scenario.domains[0]
        china = session.state.china.tech[0]
        assert any(line.startswith(chips.name) and f"China {china:.0f}" in line for line in lines)


def test_the_target_picker_shows_the_teams_own_figures_for_each_choice(tmp_path: Path) -> None:
    """Choosing where to diversify, a team sees each sector's unhedged sales to China and
    inputs from China; choosing where to invest, each domain's technology against China's."""
    asyncio.run(_target_picker(tmp_path))
