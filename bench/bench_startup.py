"""Start-up in a real terminal: from launching ``resilience`` to the title screen on display,
against a hello-world Textual app launched the same way, side by side in one run.

Each program runs in a fresh pseudo-terminal (120x40, as a player's terminal would be); the
clock stops when the first frame holding the program's marker text has been written. Runs
alternate between the two programs so that the machine's load affects both alike. The goal
(issue 14): the title in at most 1.2x the hello-world time.

Usage: .venv/bin/python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time
from fcntl import ioctl
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELLO = """
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("Hello, world")
Hello().run()
"""
TIMEOUT = 30.0


def time_to_marker(command: list[str], marker: bytes, size: tuple[int, int] = (120, 40)) -> float:
    """Seconds from launching ``command`` in a new pseudo-terminal to ``marker`` on it."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size, then the program
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"], os.environ["LINES"] = str(size[0]), str(size[1])
        os.chdir(ROOT)
        os.execv(command[0], command)
    ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    start = time.perf_counter()
    seen = b""
    try:
        while time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                return time.perf_counter() - start
            seen = seen[-4096:]
        raise RuntimeError(f"{command}: {marker!r} not seen in {TIMEOUT:.0f} s")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    python = sys.executable
    resilience = str(Path(python).parent / "resilience")
    programs = {
        "hello-world Textual app": ([python, "-c", HELLO], b"Hello, world"),
        "resilience title screen": ([resilience], b"wargame"),
    }
    times: dict[str, list[float]] = {name: [] for name in programs}
    for command, marker in programs.values():  # warm the file cache once
        time_to_marker(command, marker)
    for _ in range(args.runs):
        for name, (command, marker) in programs.items():
            times[name].append(time_to_marker(command, marker))
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        print(f"{name:26s} median {medians[name]:.3f} s  (min {min(t):.3f}, max {max(t):.3f})")
    hello, game = medians.values()
    print(f"ratio {game / hello:.2f}x (goal: at most 1.2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
