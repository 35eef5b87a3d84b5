"""Where the lab's games run: in this process, on a local process pool, or on a Dask cluster.

Each backend plays a stream of seed chunks and yields their results in chunk order, with only
a few chunks in flight at once, so memory stays flat however many games are played and the
results are the same whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import warnings
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from game.engine import GameError
from game.lab.runner import GameRow, Job, run_chunk

CONNECT_TIMEOUT = 10  # seconds to reach a Dask scheduler
Chunk = tuple[int, int]  # (first seed, how many)
Result = list[tuple[GameRow, ...]]


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Backend:
    """Plays chunks of seeds; :meth:`run` yields each chunk's rows in order."""

    workers = 1
    name = "this process"

    def run(self, job: Job, chunks: Iterable[Chunk]) -> Generator[Result, None, None]:
        """Each chunk's results, in the order given."""
        for first, count in chunks:
            yield run_chunk(job, first, count)

    def close(self) -> None:
        """Stop the workers (the backend is not used again)."""


_job: Job | None = None


def _init_worker(job: Job) -> None:
    global _job
    _job = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _pool_chunk(first: int, count: int) -> Result:
    assert _job is not None
    return run_chunk(_job, first, count)


def _context() -> multiprocessing.context.BaseContext:
    """Workers start from a fork server that has imported the game (fast, and safe when this
    process runs threads, which a plain fork is not); ``spawn`` where there is none."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["game.lab.runner"])
        return context
    return multiprocessing.get_context("spawn")


def _ordered(submit: Any, chunks: Iterable[Chunk], window: int) -> Iterator[Any]:
    """Submit chunks keeping ``window`` in flight; yield their results in order."""
    pending: deque[Any] = deque()
    it = iter(chunks)
    for chunk in it:
        pending.append(submit(chunk))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().result()
        for chunk in it:
            pending.append(submit(chunk))
            break
        yield result


def seed_slices(games: int, size: int = 25) -> list[tuple[int, int]]:
    """Seeds 0 to ``games - 1`` as (first, count) slices of at most ``size``: one worker task
    each."""
    step = max(1, min(size, games))
    return [(first, min(step, games - first)) for first in range(0, games, step)]


def pool_map(fn: Any, tasks: Iterable[Any], jobs: int | None) -> list[Any]:
    """``[fn(task) for task in tasks]`` on ``jobs`` local worker processes (every core for
    None, this process for 1), in order; ``fn`` must be a module-level function."""
    workers = cores() if jobs is None else jobs
    items = list(tasks)
    if workers <= 1 or len(items) <= 1:
        return [fn(t) for t in items]
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as executor:
        return list(executor.map(fn, items))


class Pool(Backend):
    """A local process pool: each worker gets the job once, then seed ranges."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.name = f"{workers} local processes"
        self._executor: ProcessPoolExecutor | None = None

    def run(self, job: Job, chunks: Iterable[Chunk]) -> Generator[Result, None, None]:
        self.close()
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(job,),
        )
        executor = self._executor

        def submit(chunk: Chunk) -> Future[Result]:
            return executor.submit(_pool_chunk, *chunk)

        yield from _ordered(submit, chunks, 2 * self.workers)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


class Dask(Backend):
    """A Dask cluster (``dask.distributed``): ``local`` starts a LocalCluster of ``workers``
    processes on the loopback address, else ``address`` is a running scheduler's."""

    def __init__(self, address: str, workers: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise GameError(
                "--dask needs the optional 'distributed' package: pip install "
                "'collective-resilience[dask]'"
            ) from None
        self._cluster: Any = None
        try:
            if address == "local":
                with warnings.catch_warnings():  # "port 8787 in use": its HTTP server moves
                    warnings.simplefilter("ignore")
                    self._cluster = LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        host="127.0.0.1",
                        dashboard_address=None,
                    )
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise GameError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        threads = sum(self._client.nthreads().values())
        self.workers = max(1, threads)
        self.name = f"Dask at {self._client.scheduler.address} ({threads} threads)"

    def run(self, job: Job, chunks: Iterable[Chunk]) -> Generator[Result, None, None]:
        client = self._client
        shared = client.scatter(job, broadcast=True)

        def submit(chunk: Chunk) -> Any:
            return client.submit(run_chunk, shared, *chunk, pure=False)

        yield from _ordered(submit, chunks, 2 * self.workers)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def backend(jobs: int | None, dask: str | None) -> Backend:
    """The backend the options ask for (``jobs`` None: every core)."""
    workers = cores() if jobs is None else jobs
    if workers < 1:
        raise GameError("--jobs must be at least 1")
    if dask:
        return Dask(dask, workers)
    return Pool(workers) if workers > 1 else Backend()
