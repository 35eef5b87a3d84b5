"""A monkey test: 1,000 seeded random key presses and clicks across the screens raise nothing."""

from __future__ import annotations

import asyncio
import random
import tempfile
from pathlib import Path

from game.tui.app import ResilienceApp

KEYS = [
    "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "space",
    "a", "p", "d", "o", "x", "c", "w", "t", "v", "n", "f1", "ctrl+s", "home", "end",
    "pageup", "pagedown", "backspace", "delete", "1",
]  # fmt: skip
SIZE = (90, 30)


async def _monkey(seed: int, steps: int) -> int:
    rng = random.Random(seed)
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    screens_seen: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        for step in range(steps):
            if not app.is_running:
                break
            if rng.random() < 0.15:
                await pilot.click(offset=(rng.randrange(SIZE[0]), rng.randrange(SIZE[1])))
            else:
                await pilot.press(rng.choice(KEYS))
            screens_seen.add(type(app.screen).__name__)
            if step % 100 == 0:
                await pilot.pause()
    return len(screens_seen)


async def _troop(seeds: list[int], steps: int) -> list[int]:
    # Pilot waits for the app to go idle after each action; four apps share the waiting.
    return await asyncio.gather(*(_monkey(seed, steps) for seed in seeds))


def test_a_thousand_random_presses_and_clicks_raise_nothing() -> None:
    seen = asyncio.run(_troop([20261129, 1, 2, 3], steps=250))  # 4 x 250 = 1,000 actions
    assert max(seen) >= 4  # they really wandered across screens
