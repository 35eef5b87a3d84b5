"""Where saves go: the default saves folder, and what ``--save NAME_OR_PATH`` writes.

In a source checkout (the repository's layout: ``pyproject.toml`` and ``.git`` beside the
``game`` package) saves go to the checkout's ``saves/`` folder; an installed game uses the
per-user data folder (``~/.local/share/collective-resilience/saves`` on Linux), where the
per-user scenarios are too. Never the folder the command happens to run from.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.saves.errors import SaveError

APP_NAME = "collective-resilience"
_MARKER_BYTES = 4096


def source_checkout() -> Path | None:
    """The repository folder when the game runs from a source checkout, else None."""
    root = Path(__file__).resolve().parent.parent.parent
    if (root / "pyproject.toml").is_file() and (root / ".git").exists():
        return root
    return None


def default_saves_dir() -> Path:
    """``saves/`` of the source checkout, else the per-user data folder's ``saves``."""
    root = source_checkout()
    if root is not None:
        return root / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "saves"


def is_path(name: str) -> bool:
    """Whether ``--save`` was given a path (it names a folder: ``/tmp/x``, ``./x``, ``~/x``),
    not a bare name (``seminar-a``, ``seminar-a.json``)."""
    return "/" in name or "\\" in name or name.startswith("~")


def looks_like_save(path: Path) -> bool:
    """Whether an existing file is a save of this game (its format marker is there)."""
    from game.saves.format import FORMAT

    try:
        with path.open("rb") as handle:
            head = handle.read(_MARKER_BYTES)
    except OSError:
        return False
    if f'"format": "{FORMAT}"'.encode() in head or f'"format":"{FORMAT}"'.encode() in head:
        return True
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def save_target(name_or_path: str, folder: str | Path | None = None) -> Path:
    """What ``--save`` writes: a path as given (SaveError if it names a file that is not a
    save, or a folder that does not exist); a bare name in the saves folder."""
    if not is_path(name_or_path):
        from game.saves.store import save_path

        return save_path(name_or_path, folder)
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        raise SaveError(f"{path} is a folder: give a file name, e.g. {path / 'game.json'}")
    if not path.parent.is_dir():
        raise SaveError(f"cannot write {path}: folder {path.parent} does not exist")
    if path.is_symlink():
        raise SaveError(f"{path} is a symbolic link: not writing through it")
    if path.exists() and not path.is_file():
        raise SaveError(f"{path} is not a regular file: not overwriting it")
    if path.exists() and not looks_like_save(path):
        raise SaveError(f"{path} exists and is not a save of this game: not overwriting it")
    return path
