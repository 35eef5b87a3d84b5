"""After-action reports of saved games, in Markdown or as one self-contained HTML file."""

from __future__ import annotations

import os
from pathlib import Path

from game.engine import GameError


def render(file: str, fmt: str, saves_dir: str | None = None) -> str:
    """The report of the save ``file`` (a path or a save name) in ``md`` or ``html``."""
    from game.report.data import after_action
    from game.saves.store import find_save, load_save

    loaded = load_save(find_save(file, saves_dir), explain=True, strict=False)
    report = after_action(loaded)
    if fmt == "html":
        from game.report.html import to_html

        return to_html(report)
    if fmt == "md":
        from game.report.markdown import to_markdown

        return to_markdown(report)
    raise GameError(f"unknown report format '{fmt}'; choose md or html")


def write_report(file: str, fmt: str, output: str | None, saves_dir: str | None = None) -> None:
    """Write the report to ``output`` atomically, or print it when no output is given."""
    text = render(file, fmt, saves_dir)
    if output is None:
        print(text, end="")
        return
    from game.saves.store import atomic_write

    atomic_write(Path(output), text.encode("utf-8"))
    shareable(Path(output))


def shareable(path: Path) -> None:
    """Make a written report readable by the group and others, as a handout is (0644 under
    the usual umask; a save stays private). The file itself is changed, never a link."""
    mask = os.umask(0)
    os.umask(mask)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        os.fchmod(fd, 0o666 & ~mask)
    finally:
        os.close(fd)
