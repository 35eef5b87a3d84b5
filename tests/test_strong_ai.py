"""The New game screen offers the planner as a strong AI for the governments nobody plays."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from game.ai.policies import POLICIES
from game.engine import policy_rng
from game.tui.app import ResilienceApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.resolution import ResolutionScreen


async def _test_choosing_the_strong_ai_gives_the_planners_orders() -> None:
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "strong" in str(app.screen.query_one("#ai-planner").label)
        await pilot.click("#ai-planner")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        session = app.session
        assert session is not None and session.ai_policy == "planner"
        start = session.state
        await pilot.press("o", "d")
        assert isinstance(app.screen, ConfirmScreen)  # no orders given: pass anyway
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        deadline = time.monotonic() + 30
        while not isinstance(app.screen, ResolutionScreen) and time.monotonic() < deadline:
            await pilot.pause()
        assert isinstance(app.screen, ResolutionScreen)
        scenario = session.scenario
        given = [o for o in session.history[1].orders if o.ally == "japan"]
        rng = policy_rng(scenario, start, "japan")
        assert given == POLICIES["planner"](scenario, start, "japan", rng)


def test_choosing_the_strong_ai_gives_the_planners_orders() -> None:
    asyncio.run(_test_choosing_the_strong_ai_gives_the_planners_orders())
