"""Atomic file writes that never follow a link: the one way the game replaces a file.

The new content goes to a temporary file created exclusively (``O_CREAT | O_EXCL``, so never
through a symlink or over an existing file) with a unique name in the target's folder; it is
flushed and fsynced, then renamed over the target (a rename replaces a symlink at the target,
it does not write through it), and the folder is fsynced. On failure the temporary file is
removed. Temporary files left by a killed process (their name carries its process id) are
removed at the next write into that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_PREFIX = ".resilience-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER = 3600.0  # seconds: a temporary file this old is an orphan whoever wrote it
_OURS = re.compile(r"^\.resilience-(\d+)-[A-Za-z0-9_]+\.tmp$")
_LEGACY = re.compile(r"^\..+\.json\.[A-Za-z0-9_]+\.tmp$")  # older versions' temporary files


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files of killed writes in ``folder`` (regular files only, never
    a link): ours whose process is gone, and any older than an hour. Return those removed."""
    removed = []
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        ours = _OURS.match(name)
        if not ours and not _LEGACY.match(name):
            continue
        path = folder / name
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        old = now - st.st_mtime > STALE_AFTER
        if old or (ours and not _alive(int(ours.group(1)))):
            with contextlib.suppress(OSError):
                os.unlink(path)
                removed.append(path)
    return removed


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


def write_atomically(path: Path, data: bytes, *, mkdir: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically: afterwards it holds its old content or all
    of the new, whatever happens. OSError (nothing left behind) if it cannot be written."""
    folder = path.parent
    if mkdir:
        folder.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(folder)
    fd, tmp = tempfile.mkstemp(
        dir=folder, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX
    )
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        _fsync_folder(folder)
