"""A monkey test: 1,000 seeded random key presses and clicks across the screens raise nothing,
and 200 more with the window resized down to 20x5 between them.

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
RESIZE_KEYS = [*KEYS, "ctrl+p", "pageup", "pagedown", "pageup", "pagedown", "enter", "enter"]
SIZE = (80, 24)
SEEDS = [20261129, 2, 3, 4]
STEPS = 250  # per seed: 4 x 250 = 1,000 actions


async def _monkey(
    seed: int, steps: int, resize: float = 0.0, keys: list[str] = KEYS
) -> tuple[int, set[str]]:
    """Make ``steps`` seeded random actions (a share ``resize`` of them resizing the window
    to between 20x5 and 120x40); return how many were made and the screens seen."""
    rng = random.Random(seed)
    screens_seen: set[str] = set()
    done = 0
    size = SIZE
    while done < steps:
        app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
        app.animation_level = "none"
        async with app.run_test(size=size) as pilot:
            while done < steps and app.is_running:
                roll = rng.random()
                if roll < resize:
                    size = (rng.randint(20, 120), rng.randint(5, 40))
                    await pilot.resize_terminal(*size)
                elif roll < resize + 0.15:
                    await pilot.click(offset=(rng.randrange(size[0]), rng.randrange(size[1])))
                else:
                    await pilot.press(rng.choice(keys))
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


def test_random_keys_with_resizes_down_to_20x5_raise_nothing(quick_idle: None) -> None:
    """200 actions, one in eight a resize to between 20x5 and 120x40, with the command
    palette and page up/down more often: tiny windows once crashed option lists."""
    actions, seen = asyncio.run(_monkey(13, 200, resize=0.12, keys=RESIZE_KEYS))
    assert actions == 200
    assert len(seen) >= 3, seen
