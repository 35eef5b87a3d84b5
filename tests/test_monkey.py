"""A monkey test: 1,000 seeded random key presses and clicks across the screens raise nothing.

Four seeded runs of 250 actions each (1,000 in all), one test per seed, so pytest-xdist
spreads them over the cores. Each action is a key press or a click at a random cell, sent
through Pilot; a run that quits the game (the title's Quit) starts a new app and goes on, so
every run makes all its actions. An exception in any handler fails the test (run_test
re-raises it when the app closes).

What makes it cheap without skipping anything: the smallest screen the game supports (80x24,
the one with the most scrolling and clipping), animations off (a smooth scroll is half a
second of waiting and runs none of the game's code) and Pilot's idle check in shorter
slices (``quick_idle``, conftest.py).
"""

from __future__ import annotations

import asyncio
import random
import tempfile
from pathlib import Path

import pytest

from game.tui.app import ResilienceApp

KEYS = [
    "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "space",
    "a", "p", "d", "o", "x", "c", "w", "t", "v", "n", "f1", "ctrl+s", "home", "end",
    "pageup", "pagedown", "backspace", "delete", "1",
]  # fmt: skip
SIZE = (80, 24)
SEEDS = [20261129, 2, 3, 4]
STEPS = 250  # per seed: 4 x 250 = 1,000 actions


async def _monkey(seed: int, steps: int) -> tuple[int, set[str]]:
    """Make ``steps`` seeded random actions; return how many were made and the screens seen."""
    rng = random.Random(seed)
    screens_seen: set[str] = set()
    done = 0
    while done < steps:
        app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
        app.animation_level = "none"
        async with app.run_test(size=SIZE) as pilot:
            while done < steps and app.is_running:
                if rng.random() < 0.15:
                    await pilot.click(offset=(rng.randrange(SIZE[0]), rng.randrange(SIZE[1])))
                else:
                    await pilot.press(rng.choice(KEYS))
                await app.workers.wait_for_complete()  # a turn resolving in its thread
                done += 1
                screens_seen.add(type(app.screen).__name__)
                if done % 100 == 0:
                    await pilot.pause()
    return done, screens_seen


@pytest.mark.parametrize("seed", SEEDS)
def test_a_thousand_random_presses_and_clicks_raise_nothing(seed: int, quick_idle: None) -> None:
    actions, seen = asyncio.run(_monkey(seed, STEPS))
    assert actions == STEPS
    assert len(seen) >= 4, seen  # it really wandered across screens
