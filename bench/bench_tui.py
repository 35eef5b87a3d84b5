"""Benchmarks of the Textual game (not timed tests).

1. Start-up to the interactive title screen, against a hello-world Textual app measured in
   the same run (each started as a fresh `python` process, headless, N times, alternating).
2. Resolving a turn and showing the result: from the key that sends the orders to the
   resolution screen on display, in wall time and in CPU time, with Pilot's own per-key
   floor (a key that does nothing) measured alongside and subtracted.

Usage: .venv/bin/python bench/bench_tui.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time

HELLO = """
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("Hello, world")
async def auto(pilot):
    await pilot.pause()
    pilot.app.exit()
Hello().run(headless=True, auto_pilot=auto)
"""

GAME = """
from game.tui.app import ResilienceApp
from game.tui.screens.title import TitleScreen
async def auto(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, TitleScreen)
    pilot.app.exit()
ResilienceApp().run(headless=True, auto_pilot=auto)
"""


def startup(runs: int) -> tuple[float, float]:
    """Median wall seconds to an interactive first screen: (hello world, the game)."""
    hello, game = [], []
    for _ in range(runs):
        for code, out in ((HELLO, hello), (GAME, game)):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            out.append(time.perf_counter() - start)
    return statistics.median(hello), statistics.median(game)


async def turn_latency(turns: int) -> dict[str, float]:
    """Per turn: wall and CPU ms from 'd' (orders sent) to the resolution screen shown."""
    import tempfile
    from pathlib import Path

    from game.engine.loader import load_scenario
    from game.scenarios import builtin_dir
    from game.session import Session
    from game.tui.app import ResilienceApp
    from game.tui.screens.resolution import ResolutionScreen

    scenario = load_scenario(builtin_dir() / "collective-resilience.toml")
    app = ResilienceApp(saves_dir=Path(tempfile.mkdtemp()))
    walls, cpus, floors = [], [], []
    async with app.run_test(size=(120, 40)) as pilot:
        app.begin(Session.start(scenario, 11, "assertive", ("us",)))
        await pilot.pause()
        for _ in range(turns):
            if app.session.state.over:
                break
            await pilot.press("o")
            await pilot.pause()
            t0, c0 = time.perf_counter(), time.process_time()
            await pilot.press("f12")  # bound to nothing: Pilot's own floor
            floors.append(time.perf_counter() - t0)
            t0, c0 = time.perf_counter(), time.process_time()
            await pilot.press("d")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ResolutionScreen)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            await pilot.press("a")
            await pilot.press("enter")
            await pilot.pause()
    return {
        "wall_ms": 1000 * statistics.median(walls),
        "cpu_ms": 1000 * statistics.median(cpus),
        "floor_ms": 1000 * statistics.median(floors),
        "turns": len(walls),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    hello, game = startup(args.runs)
    print(
        f"start-up (median of {args.runs}): hello world {1000 * hello:.0f} ms, "
        f"Collective Resilience {1000 * game:.0f} ms, ratio {game / hello:.2f} (target <= 1.3)"
    )
    t = asyncio.run(turn_latency(12))
    print(
        f"turn ({t['turns']} turns, median): key to resolution shown {t['wall_ms']:.0f} ms wall, "
        f"{t['cpu_ms']:.0f} ms CPU; Pilot's floor per key {t['floor_ms']:.0f} ms; "
        f"less the floor {t['wall_ms'] - t['floor_ms']:.0f} ms (target < 150)"
    )


if __name__ == "__main__":
    main()
