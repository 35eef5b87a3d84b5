"""Writes under attack: save names in any script, links placed where the game writes, writes
killed with SIGKILL, autosaves that must stay in their folder, and a crash in the TUI."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from pathlib import Path

import pytest

from game.atomic import clean_stale_temporaries, write_atomically
from game.cli import main
from game.saves import store
from game.saves.errors import SaveError
from game.saves.format import decode, encode
from game.saves.replay import make_save
from game.scenarios import builtin_dir, load, load_data
from game.session import Session
from game.tui.app import ResilienceApp
from game.tui.crash import run_app

SEMINAR = builtin_dir() / "seminar-short.toml"


@pytest.fixture(scope="module")
def session() -> Session:
    return Session.start(load(SEMINAR), 4, "assertive", ("us",), data=load_data(SEMINAR))


# -- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["名" * 80, "𠀀" * 80, "Ωμέγα " * 30, "a" * 300, "x" * 119 + "é"])
def test_long_names_in_any_script_are_cut_to_fit_and_written(
    tmp_path: Path, session: Session, name: str
) -> None:
    session.saves_dir = tmp_path
    path = session.save(name)
    assert path.is_file() and len(path.stem.encode("utf-8")) <= store.MAX_NAME_BYTES
    assert path.stem[0] == name[0]


def test_refused_names_are_shown_escaped_and_an_empty_saves_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SaveError) as caught:
        store.save_path("\x1b\x07\x1b[", tmp_path)
    assert "\x1b" not in str(caught.value) and "'\\x1b\\x07\\x1b['" in str(caught.value)
    with pytest.raises(SaveError, match="saves folder is empty"):
        store.save_path("game", "")
    with pytest.raises(SystemExit) as exit_:
        main(["autoplay", "--save", "x", "--saves-dir", ""])
    assert exit_.value.code == 2 and not list(Path.cwd().glob("x.json"))
    assert "folder name is empty" in capsys.readouterr().err


# -- writes that never follow links -----------------------------------------------------------


def test_a_link_at_the_target_is_replaced_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out" / "result.json"
    out.parent.mkdir()
    out.symlink_to(victim)
    (out.parent / "result.json.tmp").symlink_to(victim)  # the old fixed temporary name
    write_atomically(out, b"{}")
    assert victim.read_text() == "precious"
    assert out.read_bytes() == b"{}" and not out.is_symlink()
    assert main(["simulate", "--games", "1", "--json", str(out)]) == 0
    assert victim.read_text() == "precious" and b'"games": 1' in out.read_bytes()


def test_a_failed_write_leaves_nothing_and_stale_temporaries_are_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = tmp_path / ".resilience-999999999-abc.tmp"  # a process id that cannot be alive
    dead.write_bytes(b"half")
    old = tmp_path / ".game.json.x1y2.tmp"  # an older version's orphan, a day old
    old.write_bytes(b"half")
    os.utime(old, (time.time() - 86400, time.time() - 86400))
    alive = tmp_path / f".resilience-{os.getpid()}-zzz.tmp"  # a write in progress: kept
    alive.write_bytes(b"writing")
    link = tmp_path / ".resilience-999999998-lnk.tmp"
    link.symlink_to(tmp_path / "elsewhere")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError):
        write_atomically(tmp_path / "game.json", b"new")
    monkeypatch.undo()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([alive.name, link.name]), names  # no orphan of the failed write
    assert clean_stale_temporaries(tmp_path) == []


def test_autosaves_never_leave_the_saves_folder_nor_delete_what_they_did_not_write(
    tmp_path: Path, session: Session
) -> None:
    saves, outside = tmp_path / "saves", tmp_path / "outside"
    outside.mkdir()
    for i in range(3):
        (outside / f"{i:06d}-turn-01.json").write_text("not ours")
    game_dir = saves / store.AUTOSAVE_DIR / store.safe_name(session.log.id)
    game_dir.parent.mkdir(parents=True)
    game_dir.symlink_to(outside)
    session.saves_dir = saves
    with pytest.raises(SaveError, match="symbolic link"):
        session.autosave()
    assert sorted(p.read_text() for p in outside.iterdir()) == ["not ours"] * 3
    game_dir.unlink()
    game_dir.mkdir()
    stranger = game_dir / "000001-turn-01.json"
    stranger.write_text('{"game_id": "somebody-else"}')
    for _ in range(store.AUTOSAVES_KEPT + 2):
        session.autosave()
    assert stranger.read_text() == '{"game_id": "somebody-else"}'
    assert len(store.autosaves(session.log.id, saves)) == store.AUTOSAVES_KEPT + 1


def test_sigkill_while_saving_leaves_the_old_save_or_the_new_one(
    tmp_path: Path, session: Session
) -> None:
    """60 writes killed with SIGKILL at random moments, most inside the write: the save is
    always whole (old or new), and the next write removes the killed writes' orphans."""
    path = tmp_path / "game.json"
    old = encode(make_save(session.log, session.state, "2025-01-01T00:00:00Z"))
    new = encode(make_save(session.log, session.state, "2025-01-02T00:00:00Z"))
    write_atomically(path, old)
    rng = random.Random(13)
    orphans = 0
    for _ in range(60):
        pid = os.fork()
        if pid == 0:  # the child writes over and over until it is killed
            try:
                while True:
                    write_atomically(path, new)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0005, 0.01))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        assert path.read_bytes() in (old, new)  # whole: the old save or the new one
        orphans += len(list(tmp_path.glob(".resilience-*.tmp")))
        write_atomically(path, old)  # the next save cleans the killed write's orphan
        assert not list(tmp_path.glob(".resilience-*.tmp"))
    assert decode(path.read_bytes()).state == session.state
    assert orphans > 0  # some kills did land inside a write


# -- a crash is never silent ------------------------------------------------------------------


class _Boom(RuntimeError):
    pass


class CrashingApp(ResilienceApp):
    """The game, with a key that raises an unexpected exception, run headless."""

    BINDINGS = [*ResilienceApp.BINDINGS, ("k", "boom", "Crash")]
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "game" / "tui" / "app.tcss")

    def action_boom(self) -> None:
        raise _Boom("an unexpected bug")

    def run(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        async def drive() -> None:
            async with self.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                await pilot.press("k")
                await pilot.pause()

        with pytest.raises(_Boom):
            asyncio.run(drive())


def test_a_crash_writes_a_report_names_the_autosave_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Session.start(
        load(SEMINAR), 4, "assertive", ("us",), data=load_data(SEMINAR), saves_dir=tmp_path
    )
    autosave = session.autosave()
    app = CrashingApp(saves_dir=tmp_path, session=session)
    assert run_app(app) == 1
    (report,) = (tmp_path / "crash-reports").glob("crash-*.txt")
    text = report.read_text()
    assert "_Boom: an unexpected bug" in text and f"resilience load {autosave}" in text
    err = capsys.readouterr().err
    assert f"report written to {report}" in err and f"resilience load {autosave}" in err
