"""The lab on a Dask cluster (a LocalCluster on the loopback address): the same games as a
local run for the same seeds."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.cli import main

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with warnings.catch_warnings():  # "port 8787 in use" by another cluster: harmless here
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=False,
            protocol="tcp://",
            host="127.0.0.1",
            dashboard_address=None,
        )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_simulate_on_dask_gives_the_local_games(scheduler: str, tmp_path: Path) -> None:
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    args = ["simulate", "--scenario", "seminar-short", "--games", "12", "--seed", "3"]
    assert main([*args, "--jobs", "1", "--out", str(local)]) == 0
    assert scheduler.startswith("tcp://127.0.0.1:")
    assert main([*args, "--dask", scheduler, "--out", str(remote)]) == 0
    assert local.read_bytes() == remote.read_bytes()


def test_tournament_on_dask_gives_the_local_tables(
    scheduler: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    args = ["tournament", "--scenario", "seminar-short", "--games", "6"]
    args += ["--policies", "coordinated,passive"]
    assert main([*args, "--jobs", "1"]) == 0
    local = capsys.readouterr().out
    assert main([*args, "--dask", scheduler]) == 0
    assert capsys.readouterr().out == local


def test_an_unreachable_scheduler_is_one_clean_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("game.lab.backends.CONNECT_TIMEOUT", 1)
    args = ["simulate", "--games", "1", "--dask", "tcp://127.0.0.1:9"]
    assert main(args) == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
