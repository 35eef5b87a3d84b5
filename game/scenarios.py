"""Finding shipped scenarios by name, from a source checkout or an installed package."""

from __future__ import annotations

from pathlib import Path

from game.engine.errors import UnknownNameError

DEFAULT_SCENARIO = "collective-resilience"


def builtin_dir() -> Path:
    """The folder of the scenarios shipped with the game.

    An installed package carries them as ``game/_scenarios``; a source checkout (or an
    editable install) reads the top-level ``scenarios/`` folder.
    """
    here = Path(__file__).resolve().parent
    installed = here / "_scenarios"
    if installed.is_dir():
        return installed
    return here.parent / "scenarios"


def builtin_names() -> list[str]:
    """Names of the shipped scenarios, sorted."""
    return sorted(p.stem for p in builtin_dir().glob("*.toml"))


def scenario_path(name_or_path: str) -> Path:
    """A scenario file from a shipped name or a path; raise UnknownNameError if neither."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        if not candidate.exists():
            raise UnknownNameError(f"{name_or_path}: no such scenario file")
        return candidate
    path = builtin_dir() / f"{name_or_path}.toml"
    if path.exists():
        return path
    names = builtin_names()
    from game.engine.tomlreader import did_you_mean

    raise UnknownNameError(
        f"unknown scenario '{name_or_path}'{did_you_mean(name_or_path, names)}; "
        f"shipped scenarios: {', '.join(names)}"
    )
