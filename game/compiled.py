"""Which engine build is installed: modules compiled by mypyc (setup.py's COMPILED) or pure
Python, and whether a compiled module is older than its source.

Python imports ``work.cpython-311-x86_64-linux-gnu.so`` in preference to ``work.py`` from the
same folder, so after an edit to a compiled module's source the old compiled code keeps
running until the package is rebuilt (``make test`` or ``pip install -e .``).
:func:`stale_modules` finds those modules; ``tests/conftest.py`` stops the test session on
them. Both functions look at the files only: no module is imported.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _extension_stem(path: Path) -> str | None:
    """``work`` for ``work.cpython-311-x86_64-linux-gnu.so`` (any suffix this Python loads)."""
    for suffix in EXTENSION_SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return None


def compiled_files(package: Path = PACKAGE) -> list[tuple[Path, Path]]:
    """(source, extension) for every module of the package that imports from an extension
    module next to its ``.py``, sorted by source path."""
    pairs = []
    for ext in package.rglob("*"):
        stem = _extension_stem(ext)
        if stem is None or "." in stem:
            continue
        source = ext.with_name(stem + ".py")
        if source.is_file():
            pairs.append((source, ext))
    return sorted(pairs)


def compiled_modules(package: Path = PACKAGE) -> list[str]:
    """Dotted names of the compiled modules: ``["game.ai.policies", ...]``."""
    root = package.parent
    return [
        ".".join(source.relative_to(root).with_suffix("").parts)
        for source, _ in compiled_files(package)
    ]


def engine_build(package: Path = PACKAGE) -> str:
    """``"compiled (mypyc)"`` when any module is compiled, else ``"pure Python"``."""
    return "compiled (mypyc)" if compiled_files(package) else "pure Python"


def stale_modules(package: Path = PACKAGE) -> list[str]:
    """Sources (``game/engine/work.py``) changed since their module was compiled: the
    ``.py`` is newer than the extension module that Python loads instead of it."""
    root = package.parent
    return [
        source.relative_to(root).as_posix()
        for source, ext in compiled_files(package)
        if source.stat().st_mtime > ext.stat().st_mtime
    ]
