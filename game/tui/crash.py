"""A crash is never silent: an unexpected exception in the TUI leaves a report on disk and a
non-zero exit status, and says which autosave to resume from.

Textual restores the terminal and ends the app on an unhandled exception; the app calls
:func:`write_crash_report` first (from ``_handle_exception``), and the command line runs the
app through :func:`run_app`, which turns the crash into one message on stderr and exit
status 1.
"""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game import __version__
from game.atomic import write_atomically
from game.safe_text import clean

if TYPE_CHECKING:
    from game.tui.app import ResilienceApp

CRASH_DIR = "crash-reports"


def latest_autosave(app: ResilienceApp) -> Path | None:
    """The newest autosave of the game in progress, if there is one."""
    from game.saves.store import autosaves

    session = getattr(app, "_session", None)
    log = getattr(session, "log", None)
    if log is None:
        return None
    try:
        found = autosaves(log.id, app.saves_dir)
    except Exception:  # noqa: BLE001 - a crash report must not crash
        return None
    return found[0] if found else None


def crash_text(app: ResilienceApp, error: BaseException, resume: Path | None) -> str:
    """The crash report: versions, screens, the autosave to resume from, the traceback."""
    screens = " > ".join(type(s).__name__ for s in app.screen_stack) if app.is_running else "?"
    lines = [
        "Collective Resilience crashed. Please send this file to the developers.",
        "",
        f"version: resilience {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}",
        f"time: {datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"screens: {screens}",
        f"resume with: resilience load {resume}" if resume else "no autosave to resume from",
        "",
        "".join(traceback.format_exception(error)),
    ]
    return clean("\n".join(lines))


def write_crash_report(app: ResilienceApp, error: BaseException) -> tuple[Path | None, Path | None]:
    """Write the crash report into ``saves/crash-reports/``; return its path (None if it
    could not be written) and the autosave to resume from."""
    from game.saves.store import saves_folder

    resume = latest_autosave(app)
    try:
        folder = saves_folder(app.saves_dir) / CRASH_DIR
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = folder / f"crash-{stamp}.txt"
        write_atomically(path, crash_text(app, error, resume).encode("utf-8"))
    except Exception:  # noqa: BLE001 - the terminal is restored and the exit is non-zero anyway
        return None, resume
    return path, resume


def run_app(app: ResilienceApp) -> int:
    """Run the app; 0 when the player quits, 1 after a crash (with a message on stderr)."""
    app.run()
    if not app.return_code:
        return 0
    report, resume = app.crash_report
    where = f"; report written to {report}" if report else ""
    again = f"; resume with: resilience load {resume}" if resume else ""
    print(clean(f"resilience: the game crashed{where}{again}"), file=sys.stderr)
    return app.return_code or 1
