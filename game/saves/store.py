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
import tempfile
import unicodedata
from pathlib import Path

from attrs import evolve, frozen

from game.saves.errors import SaveError
from game.saves.format import Save, decode, encode
from game.saves.replay import Replay, mismatch_of, replay

DEFAULT_FOLDER = Path("saves")
AUTOSAVE_DIR = "autosave"
AUTOSAVES_KEPT = 10
MAX_BYTES = 64 * 1024 * 1024
MAX_NAME = 80
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in range(10)
}
_AUTOSAVE_RE = re.compile(r"^(\d{6})-turn-(\d+)\.json$")


def saves_folder(folder: str | Path | None = None) -> Path:
    """The saves folder: ``folder`` if given, else ``saves/`` in the working directory."""
    return Path(folder) if folder is not None else DEFAULT_FOLDER


# -- names ----------------------------------------------------------------------------------


def safe_name(name: str) -> str:
    """A file name stem safe on every platform: letters, digits, ``.``, ``_`` and ``-`` only
    (anything else becomes ``-``), no leading dot, at most 80 characters. SaveError if nothing
    is left."""
    stem = unicodedata.normalize("NFC", name).strip()
    if stem.lower().endswith(".json"):
        stem = stem[:-5]
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE)
    stem = re.sub(r"\.{2,}", ".", stem).strip(".-_")[:MAX_NAME].strip(".-_")
    if not stem:
        raise SaveError(f"'{name}' is not usable as a save name: use letters, digits, - or _")
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"{stem}-save"
    return stem


def save_path(name: str, folder: str | Path | None = None) -> Path:
    """The path of the save called ``name`` in the saves folder (never outside it)."""
    base = saves_folder(folder)
    path = base / f"{safe_name(name)}.json"
    if path.resolve().parent != base.resolve():  # cannot happen after safe_name; checked anyway
        raise SaveError(f"'{name}' would be written outside the saves folder {base}")
    return path


# -- atomic writes --------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # folders cannot be opened (nor need fsync) elsewhere
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` holds either its old content or all of the
    new one, whatever happens; SaveError naming the file on failure."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    with contextlib.suppress(OSError):
        _fsync_folder(folder)


# -- writing and reading saves --------------------------------------------------------------


def write_save(save: Save, path: Path) -> Path:
    """Write a save atomically to ``path`` (use :func:`save_path` for a name); return it."""
    atomic_write(path, encode(save))
    return path


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SaveError(f"{path}: {size:,} bytes is too large for a save (limit {MAX_BYTES:,})")
        return path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except IsADirectoryError:
        raise SaveError(f"{path} is a folder, not a save file") from None
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_save(path: Path) -> Save:
    """Read and check a save without replaying it; a SaveError subclass with a clear message
    (and this game's autosaves) if it is not a readable save."""
    raw = _read_bytes(path)
    try:
        return decode(raw)
    except SaveError as exc:
        error = exc.with_autosaves(autosaves_of(path, raw))
        error.reason = f"{path}: {exc.reason}"
        raise error from None


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
    save = read_save(path)
    try:
        result = replay(save.game, explain=explain)
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


def autosaves(game_id: str, folder: str | Path | None = None) -> list[Path]:
    """One game's autosaves, newest first."""
    where = autosave_dir(game_id, folder)
    if not where.is_dir():
        return []
    found = [p for p in where.iterdir() if _AUTOSAVE_RE.match(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def autosave(save: Save, folder: str | Path | None = None, keep: int = AUTOSAVES_KEPT) -> Path:
    """Write an autosave of the game (``saves/autosave/GAME/NNNNNN-turn-T.json``) and delete
    all but the newest ``keep`` of that game; return the new file."""
    existing = autosaves(save.game.id, folder)
    last = int(_AUTOSAVE_RE.match(existing[0].name).group(1)) if existing else 0  # type: ignore[union-attr]
    path = autosave_dir(save.game.id, folder) / f"{last + 1:06d}-turn-{save.state.turn:02d}.json"
    write_save(save, path)
    for old in autosaves(save.game.id, folder)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


_GAME_ID_RE = re.compile(rb'"game_id"\s*:\s*"([^"\\]{1,200})"')


def autosaves_of(path: Path, raw: bytes | None) -> list[Path]:
    """The autosaves of the game a (perhaps damaged) save belongs to, newest first: found by
    the game id near the top of the file, else by the file's name; an autosave's siblings."""
    if path.parent.parent.name == AUTOSAVE_DIR:
        return [p for p in autosaves(path.parent.name, path.parent.parent.parent) if p != path]
    ids = []
    if raw is None:
        with contextlib.suppress(OSError):
            raw = path.read_bytes()[:4096]
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
    teams: tuple[str, ...]  # "United States: Team A", "Japan: AI (coordinated)"
    saved_at: str
    problem: str | None = None


def describe(save: Save) -> SaveInfo:
    """The list entry of a save (its ``path`` left empty)."""
    data = save.game.scenario_data
    names = {a.get("id"): a.get("name", a.get("id")) for a in data.get("allies", [])}
    teams = tuple(
        f"{names.get(t.ally, t.ally)}: {t.player}" + (f" ({t.policy})" if t.policy else "")
        for t in save.game.teams
    )
    meta = data.get("scenario", {})
    return SaveInfo(
        path=Path(),
        game_id=save.game.id,
        scenario=save.game.scenario_title,
        turn=save.state.turn,
        turns=int(meta.get("turns", 0)),
        over=save.state.over,
        teams=teams,
        saved_at=save.saved_at,
    )


def list_saves(
    folder: str | Path | None = None, *, include_autosaves: bool = False
) -> list[SaveInfo]:
    """Every save in the folder (and its autosaves if asked), newest first; saves that cannot
    be read are listed with their problem."""
    base = saves_folder(folder)
    paths = sorted(base.glob("*.json")) if base.is_dir() else []
    if include_autosaves and (base / AUTOSAVE_DIR).is_dir():
        paths += sorted((base / AUTOSAVE_DIR).glob("*/*.json"))
    out = []
    for path in paths:
        try:
            info = describe(read_save(path))
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
        teams = ", ".join(describe(save).teams)
    return (
        f"{loaded.path}: {scenario.title}, {where}; teams: {teams}; seed {game.seed}, "
        f"{game.difficulty}; saved {save.saved_at}; "
        + (
            f"REPLAY MISMATCH: {loaded.mismatch}"
            if loaded.mismatch
            else f"replay verified ({len(game.turns)} turns)"
        )
    )
