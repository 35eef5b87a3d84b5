"""Finding scenarios: shipped ones, a per-user folder, and folders given on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import frozen

from game.engine import (
    RELATIVE,
    Scenario,
    UnknownNameError,
    did_you_mean,
    load_scenario,
    scenario_data,
)

DEFAULT_SCENARIO = "collective-resilience"
APP_NAME = "collective-resilience"


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


def user_dir() -> Path:
    """The per-user scenario folder (it need not exist)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "scenarios"


def builtin_names() -> list[str]:
    """Names of the shipped scenarios, sorted."""
    return sorted(p.stem for p in builtin_dir().glob("*.toml"))


class ShippedResolver:
    """What ``extends`` names in a scenario file: a ``.toml`` path relative to that file, else
    a scenario of that name beside the file, in the per-user folder or shipped, in that order
    (the engine's loader takes it as its resolver)."""

    def find(self, name: str, base: Path) -> Path | None:
        """The relative path if that file exists, else the first scenario of that name."""
        relative = RELATIVE.find(name, base)
        if relative is not None:
            return relative
        if "/" in name or "\\" in name or name.endswith(".toml"):
            return None
        for folder in (base, user_dir(), builtin_dir()):
            candidate = folder / f"{name}.toml"
            if candidate.is_file():
                return candidate
        return None

    def names(self) -> list[str]:
        """The shipped scenarios' names."""
        return builtin_names()


RESOLVER = ShippedResolver()


def load(path: str | Path) -> Scenario:
    """Load and check a scenario file, resolving ``extends`` with :data:`RESOLVER`."""
    return load_scenario(path, RESOLVER)


def load_data(path: str | Path) -> dict[str, Any]:
    """A scenario file's data with its ``extends`` resolved by :data:`RESOLVER` (what a save
    embeds; see ``loader.scenario_data``)."""
    return scenario_data(path, RESOLVER)


@frozen
class Found:
    """A scenario file found in one of the search folders."""

    name: str
    path: Path
    origin: str  # "built-in", "user" or "folder"


def search_dirs(extra: list[Path] | None = None) -> list[tuple[Path, str]]:
    """The folders searched, first match wins: given folders, the user's, the shipped ones."""
    dirs = [(Path(d), "folder") for d in extra or []]
    dirs.append((user_dir(), "user"))
    dirs.append((builtin_dir(), "built-in"))
    return dirs


def discover(extra: list[Path] | None = None) -> list[Found]:
    """Every scenario file in the search folders (a name found twice: the first folder wins)."""
    found: dict[str, Found] = {}
    for folder, origin in search_dirs(extra):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            found.setdefault(path.stem, Found(path.stem, path, origin))
    return sorted(found.values(), key=lambda f: (f.origin != "built-in", f.name))


def scenario_path(name_or_path: str, extra: list[Path] | None = None) -> Path:
    """A scenario file from a name in the search folders or a path; UnknownNameError if none."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        if not candidate.is_file():
            raise UnknownNameError(f"{name_or_path}: no such scenario file")
        return candidate
    for folder, _ in search_dirs(extra):
        path = folder / f"{name_or_path}.toml"
        if path.is_file():
            return path
    names = [f.name for f in discover(extra)]
    raise UnknownNameError(
        f"unknown scenario '{name_or_path}'{did_you_mean(name_or_path, names)}; "
        f"available: {', '.join(names)}"
    )


def origin_label(found: Found) -> str:
    """Where a scenario came from, in a few words: "shipped", "your folder" (the per-user
    scenarios folder) or "from NAME/" (the ``--scenarios-dir`` folder it is in)."""
    if found.origin == "built-in":
        return "shipped"
    if found.origin == "user":
        return "your folder"
    return f"from {found.path.parent.name or found.path.parent}/"
