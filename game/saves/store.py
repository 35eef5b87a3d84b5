"""Save files on disk: atomic writes, sanitised names, reading with clear errors, autosaves and
the list of saves.

A write goes to a temporary file in the same folder, is flushed and fsynced, then renamed over
the old file (an atomic replace), and the folder is fsynced: a crash at any moment leaves the
old save or the new one, never a mix. Names are sanitised so nothing is written outside the
saves folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import unicodedata
from pathlib import Path

from attrs import evolve, frozen

from game.atomic import write_atomically
from game.engine import InputLimitError, Scenario, read_regular_file
from game.safe_text import clean
from game.saves.checks import checked_scenario
from game.saves.errors import SaveError
from game.saves.format import Save, decode, encode
from game.saves.replay import Replay, mismatch_of, replay

AUTOSAVE_DIR = "autosave"
AUTOSAVES_KEPT = 10
MAX_BYTES = 16 * 1024 * 1024  # a save file (a finished 12-turn game is about 80 kB)
MAX_NAME_BYTES = 120  # a save name in UTF-8: fits every file system with room to spare
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in range(10)
}
_AUTOSAVE_RE = re.compile(r"^(\d{6})-turn-(\d+)\.json$")


def saves_folder(folder: str | Path | None = None) -> Path:
    """The saves folder: ``folder`` if given, else the default (``saves/`` of a source
    checkout, the per-user data folder otherwise: see ``game.saves.location``). SaveError if
    ``folder`` is empty text (it would silently mean the working directory)."""
    if folder is None:
        from game.saves.location import default_saves_dir

        return default_saves_dir()
    if not str(folder).strip():
        raise SaveError("the saves folder is empty: give a folder name (or leave it out)")
    return Path(folder)


# -- names ----------------------------------------------------------------------------------


def _cut(stem: str, limit: int) -> str:
    """``stem`` cut to at most ``limit`` bytes of UTF-8, on a character boundary."""
    return stem.encode("utf-8")[:limit].decode("utf-8", "ignore")


def safe_name(name: str) -> str:
    """A file name stem safe on every platform: letters (of any script), digits, ``.``, ``_``
    and ``-`` only (anything else becomes ``-``), no leading dot, at most 120 bytes of UTF-8.
    SaveError, with the name's control characters shown escaped, if nothing is left."""
    stem = unicodedata.normalize("NFC", name).strip()
    if stem.lower().endswith(".json"):
        stem = stem[:-5]
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE)
    stem = re.sub(r"\.{2,}", ".", stem).strip(".-_")
    stem = _cut(stem, MAX_NAME_BYTES).strip(".-_")
    if not stem:
        raise SaveError(
            f"'{clean(name, newlines=False)}' is not usable as a save name: use letters, "
            "digits, - or _"
        )
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"{stem}-save"
    return stem


def save_path(name: str, folder: str | Path | None = None) -> Path:
    """The path of the save called ``name`` in the saves folder (never outside it)."""
    base = saves_folder(folder)
    path = base / f"{safe_name(name)}.json"
    if path.resolve().parent != base.resolve():  # a symlink at the name: refused
        raise SaveError(
            f"'{clean(name, newlines=False)}' would be written outside the saves folder {base}"
        )
    return path


# -- atomic writes --------------------------------------------------------------------------


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` holds either its old content or all of the
    new one, whatever happens (see :mod:`game.atomic`); SaveError naming the file on failure."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None


# -- writing and reading saves --------------------------------------------------------------


def write_save(save: Save, path: Path) -> Path:
    """Write a save atomically to ``path`` (use :func:`save_path` for a name); return it."""
    atomic_write(path, encode(save))
    return path


def _read_bytes(path: Path) -> bytes:
    """A save file's bytes: a regular file (symlinks checked; FIFOs and devices refused
    without blocking), read no further than the size limit."""
    try:
        return read_regular_file(path, MAX_BYTES)
    except InputLimitError as exc:
        raise SaveError(f"{path}: refused: it {exc}") from None
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None


def _read_checked(path: Path) -> tuple[Save, Scenario]:
    """A save and its embedded scenario, every field checked (see :mod:`game.saves.checks`);
    a SaveError subclass naming the file and the field (and this game's autosaves)."""
    raw = _read_bytes(path)
    try:
        save = decode(raw)
        return save, checked_scenario(save)
    except SaveError as exc:
        error = exc.with_autosaves(autosaves_of(path, raw))
        error.reason = f"{path}: {exc.reason}"
        raise error from None


def read_save(path: Path) -> Save:
    """Read and check a save without replaying it; a SaveError subclass with a clear message
    (and this game's autosaves) if it is not a readable save."""
    return _read_checked(path)[0]


@frozen
class Loaded:
    """A save read and replayed. ``mismatch`` says why the replay does not reproduce the
    stored state (None when it does: the save is verified)."""

    path: Path
    save: Save
    replay: Replay
    mismatch: str | None = None


def load_save(path: Path, *, explain: bool = False, strict: bool = True) -> Loaded:
    """Read a save and replay its log to check it (with events if ``explain``, for reports).
    A SaveError subclass if it cannot be read; if the replay does not reproduce the stored
    state, ReplayMismatchError when ``strict``, else ``mismatch`` says so."""
    save, scenario = _read_checked(path)
    try:
        result = replay(save.game, explain=explain, scenario=scenario)
        mismatch = mismatch_of(save, result)
        if mismatch is not None and strict:
            raise mismatch
    except SaveError as exc:
        error = exc.with_autosaves(autosaves_of(path, None))
        error.reason = f"{path}: {exc.reason}"
        raise error from None
    return Loaded(path, save, result, mismatch.reason if mismatch else None)


def find_save(name_or_path: str, folder: str | Path | None = None) -> Path:
    """A save file from a path, or a save name in the saves folder."""
    path = Path(name_or_path)
    if path.exists():
        return path
    with contextlib.suppress(SaveError):
        named = save_path(name_or_path, folder)
        if named.exists():
            return named
    raise SaveError(f"{name_or_path}: no such save (nor in {saves_folder(folder)}/)")


# -- autosaves ------------------------------------------------------------------------------


def autosave_dir(game_id: str, folder: str | Path | None = None) -> Path:
    """The folder of one game's autosaves."""
    return saves_folder(folder) / AUTOSAVE_DIR / safe_name(game_id)


def _confined(where: Path, folder: str | Path | None) -> Path:
    """``where`` if it is a real folder (no symlink on the way) inside the saves folder;
    SaveError otherwise: autosaves never go, nor delete anything, outside it."""
    base = saves_folder(folder)
    for part in (base / AUTOSAVE_DIR, where):
        if part.is_symlink():
            raise SaveError(f"{part} is a symbolic link: autosaves stay inside {base}")
    with contextlib.suppress(OSError):
        inside = where.resolve().is_relative_to(base.resolve())
        if not inside:
            raise SaveError(f"{where} is outside the saves folder {base}")
    return where


def autosaves(game_id: str, folder: str | Path | None = None) -> list[Path]:
    """One game's autosaves, newest first (regular files named as autosaves are named)."""
    where = autosave_dir(game_id, folder)
    if where.is_symlink() or not where.is_dir():
        return []
    found = []
    with contextlib.suppress(OSError):
        for p in where.iterdir():
            if _AUTOSAVE_RE.match(p.name) and stat.S_ISREG(os.lstat(p).st_mode):
                found.append(p)
    return sorted(found, key=lambda p: p.name, reverse=True)


def _game_id_of(path: Path) -> str | None:
    """The game id written near the top of a save file, or None."""
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except (OSError, InputLimitError):
        return None
    found = _GAME_ID_RE.search(raw[:4096])
    return found.group(1).decode("utf-8", "replace") if found else None


def autosave(save: Save, folder: str | Path | None = None, keep: int = AUTOSAVES_KEPT) -> Path:
    """Write an autosave of the game (``saves/autosave/GAME/NNNNNN-turn-T.json``) and delete
    all but the newest ``keep`` of that game (only files that are autosaves of this game, in
    its folder inside the saves folder); return the new file."""
    where = _confined(autosave_dir(save.game.id, folder), folder)
    existing = autosaves(save.game.id, folder)
    last = int(_AUTOSAVE_RE.match(existing[0].name).group(1)) if existing else 0  # type: ignore[union-attr]
    path = where / f"{last + 1:06d}-turn-{save.state.turn:02d}.json"
    write_save(save, path)
    _confined(where, folder)
    for old in autosaves(save.game.id, folder)[keep:]:
        if _game_id_of(old) == save.game.id:  # written by this game's autosave
            with contextlib.suppress(OSError):
                old.unlink()
    return path


_GAME_ID_RE = re.compile(rb'"game_id"\s*:\s*"([^"\\]{1,200})"')


def autosaves_of(path: Path, raw: bytes | None) -> list[Path]:
    """The autosaves of the game a (perhaps damaged) save belongs to, newest first: found by
    the game id near the top of the file, else by the file's name; an autosave's siblings."""
    with contextlib.suppress(SaveError):
        if path.parent.parent.name == AUTOSAVE_DIR:
            return [p for p in autosaves(path.parent.name, path.parent.parent.parent) if p != path]
    ids = []
    if raw is None:
        with contextlib.suppress(SaveError):
            raw = _read_bytes(path)
    found = _GAME_ID_RE.search(raw[:4096]) if raw else None
    if found:
        ids.append(found.group(1).decode("utf-8", "replace"))
    ids.append(path.stem)
    for game_id in ids:
        with contextlib.suppress(SaveError):
            listed = autosaves(game_id, path.parent)
            if listed:
                return listed
    return []


# -- the list of saves ----------------------------------------------------------------------


@frozen
class SaveInfo:
    """One save as a list shows it; ``problem`` is the error if it cannot be read."""

    path: Path
    game_id: str
    scenario: str  # the scenario's title
    turn: int  # the turn awaiting orders (the last turn once the game is over)
    turns: int  # the scenario's length
    over: bool
    teams: tuple[str, ...]  # "United States: Team A", "the other 5: AI (coordinated)"
    saved_at: str
    problem: str | None = None


def describe(save: Save, scenario: Scenario | None = None) -> SaveInfo:
    """The list entry of a save (its ``path`` left empty); ``scenario``: its checked
    embedded scenario (built here if not given)."""
    scenario = scenario or checked_scenario(save)
    names = {a.id: a.name for a in scenario.allies}
    people = [f"{names.get(t.ally, t.ally)}: {t.player}" for t in save.game.teams if not t.policy]
    by_policy: dict[str, list[str]] = {}
    for t in save.game.teams:
        if t.policy:
            by_policy.setdefault(t.policy, []).append(names.get(t.ally, t.ally))
    ai = []  # the AI governments grouped by policy: one short line, not one entry each
    for policy, allies in by_policy.items():
        if len(by_policy) == 1 and len(allies) > 1:
            who = f"the other {len(allies)}" if people else f"all {len(allies)}"
        else:
            who = ", ".join(allies)
        ai.append(f"{who}: AI ({policy})")
    teams = (*people, *ai)
    return SaveInfo(
        path=Path(),
        game_id=save.game.id,
        scenario=save.game.scenario_title,
        turn=save.state.turn,
        turns=scenario.turns,
        over=save.state.over,
        teams=teams,
        saved_at=save.saved_at,
    )


def _candidates(base: Path, include_autosaves: bool) -> list[Path]:
    if not base.is_dir():
        return []
    paths = sorted(base.glob("*.json"))
    autosave_root = base / AUTOSAVE_DIR
    if include_autosaves and autosave_root.is_dir() and not autosave_root.is_symlink():
        paths += sorted(p for p in autosave_root.glob("*/*.json") if not p.parent.is_symlink())
    return paths


def list_saves(
    folder: str | Path | None = None, *, include_autosaves: bool = False
) -> list[SaveInfo]:
    """Every save in the folder (and its autosaves if asked), newest first; a file that
    cannot be read (not a save, damaged, a FIFO or device, too large) is listed with its
    problem, and the others are listed as usual."""
    out = []
    for path in _candidates(saves_folder(folder), include_autosaves):
        try:
            info = describe(*_read_checked(path))
        except SaveError as exc:
            info = SaveInfo(path, path.stem, "", 0, 0, False, (), "", exc.reason)
        out.append(evolve(info, path=path))
    return sorted(out, key=lambda i: (i.saved_at, str(i.path)), reverse=True)


def summary_line(loaded: Loaded) -> str:
    """One line on a verified save: scenario, turn, result, teams, seed, date."""
    save, scenario = loaded.save, loaded.replay.scenario
    state, game = save.state, save.game
    label = scenario.turn_label
    if state.outcome is not None:
        o = state.outcome
        where = (
            f"{label} {state.turn} of {scenario.turns}, game over: {o.tier} (score {o.score:.1f})"
        )
    else:
        where = f"{label} {state.turn} of {scenario.turns}, in progress"
    players = {(t.player, t.policy) for t in game.teams}
    if len(players) == 1 and game.teams:
        player, policy = next(iter(players))
        teams = f"{len(game.teams)} × {player}" + (f" ({policy})" if policy else "")
    else:
        teams = ", ".join(describe(save, scenario).teams)
    return (
        f"{loaded.path}: {scenario.title}, {where}; teams: {teams}; seed {game.seed}, "
        f"{game.difficulty}; saved {save.saved_at}; "
        + (
            f"REPLAY MISMATCH: {loaded.mismatch}"
            if loaded.mismatch
            else f"replay verified ({len(game.turns)} turns)"
        )
    )
