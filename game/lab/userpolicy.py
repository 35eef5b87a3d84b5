"""Your own policies: a function loaded from ``path/to/file.py:function`` or
``package.module:function`` that follows :class:`game.engine.Policy`.

A policy file is code you chose to run (unlike a scenario file, which is data): it is
imported like any Python module. Problems loading it are one clear error naming the file or
module and the function, never a traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from hashlib import sha1
from pathlib import Path
from types import ModuleType
from typing import Any

from game.engine import GameError, did_you_mean


def is_user_spec(spec: str) -> bool:
    """Whether ``spec`` names a function in a file or module (``where:function``)."""
    return ":" in spec


def split_spec(spec: str) -> tuple[str, str]:
    """``(where, function)`` of a ``where:function`` spec (the last colon splits, so a
    Windows drive letter stays in the path)."""
    where, _, function = spec.rpartition(":")
    if not where or not function:
        raise GameError(f"policy '{spec}': write FILE.py:FUNCTION or package.module:FUNCTION")
    return where, function


def is_file(where: str) -> bool:
    """Whether the part before the colon is a file path rather than a module name."""
    return where.endswith(".py") or "/" in where or "\\" in where


def normalise(spec: str) -> str:
    """The spec with a file path made absolute (workers may run in another folder)."""
    where, function = split_spec(spec)
    if is_file(where):
        return f"{Path(where).expanduser().resolve()}:{function}"
    return spec


def _load_file(where: str) -> ModuleType:
    path = Path(where)
    if not path.is_file():
        raise GameError(f"policy file {where} does not exist")
    name = "resilience_user_policy_" + sha1(str(path.resolve()).encode()).hexdigest()[:12]
    if name in sys.modules:
        return sys.modules[name]
    loader_spec = importlib.util.spec_from_file_location(name, path)
    if loader_spec is None or loader_spec.loader is None:
        raise GameError(f"policy file {where} cannot be imported (is it a .py file?)")
    module = importlib.util.module_from_spec(loader_spec)
    sys.modules[name] = module
    try:
        loader_spec.loader.exec_module(module)
    except SyntaxError as exc:
        del sys.modules[name]
        raise GameError(f"policy file {where}:{exc.lineno}: syntax error: {exc.msg}") from None
    except Exception as exc:  # the user's code: any error it raises while importing
        del sys.modules[name]
        raise GameError(
            f"policy file {where} failed while importing: {type(exc).__name__}: {exc}"
        ) from None
    return module


def _load_module(where: str) -> ModuleType:
    try:
        return importlib.import_module(where)
    except ModuleNotFoundError as exc:
        raise GameError(
            f"policy module '{where}' not found ({exc}); give a FILE.py path or a module on "
            "the Python path"
        ) from None
    except Exception as exc:  # the user's code: any error it raises while importing
        raise GameError(
            f"policy module '{where}' failed while importing: {type(exc).__name__}: {exc}"
        ) from None


def load_user_policy(spec: str) -> Callable[..., Any]:
    """The function ``spec`` names; raise :class:`GameError` saying what is wrong."""
    where, function = split_spec(spec)
    module = _load_file(where) if is_file(where) else _load_module(where)
    fn = getattr(module, function, None)
    if fn is None:
        names = [n for n in vars(module) if not n.startswith("_")]
        raise GameError(
            f"policy '{spec}': {where} has no function '{function}'{did_you_mean(function, names)}"
        )
    if not callable(fn):
        raise GameError(f"policy '{spec}': '{function}' in {where} is not a function")
    return fn  # type: ignore[no-any-return]
