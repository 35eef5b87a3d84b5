"""With a facilitator, the turn resolves when the facilitator says so: until then a team may
change the orders it has given (issue 14, point 3). Pass-and-play's amend (from the next
team's hand-over) and a single team's kept draft are in test_tui."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from game.engine import legal_orders
from game.scenarios import load, load_data, scenario_path
from game.seminar.white_cell import Seminar
from game.session import Session
from game.tui.app import ResilienceApp
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.orders import OrdersScreen, TargetScreen


async def _amend_before_the_facilitator_resolves() -> None:
    path = scenario_path("collective-resilience")
    scenario = load(path)
    saves = Path(tempfile.mkdtemp())
    session = Session.start(
        scenario, 3, "normal", ("us", "japan"), data=load_data(path), saves_dir=saves,
        seminar=Seminar.create("white cell", scenario),
    )  # fmt: skip
    for ally in session.humans:
        session.submit(ally, (legal_orders(scenario, session.state, ally)[0].order,))
    given = dict(session.pending)
    app = ResilienceApp(saves_dir=saves, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")  # all orders are in: which team changes its orders?
        assert isinstance(app.screen, TargetScreen)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, OrdersScreen) and app.screen.team == "japan"
        assert tuple(app.screen.orders) == given["japan"]
        await pilot.press("x", "d")  # removes its order, then done (capital unspent: confirm)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        if not isinstance(app.screen, DashboardScreen):  # the seminar asks why: no note
            await pilot.press("escape")
            await pilot.pause()
        assert session.pending["japan"] == () and session.pending["us"] == given["us"]
        assert session.state.turn == 1  # still the facilitator's to resolve


def test_a_team_amends_its_orders_until_the_facilitator_resolves() -> None:
    asyncio.run(_amend_before_the_facilitator_resolves())
